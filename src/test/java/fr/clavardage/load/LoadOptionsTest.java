package fr.clavardage.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void withoutWarmUpNoUserIsSetAside() {
        LoadOptions options = LoadOptions.parse("--users", "3000");
        assertThat(options.warmup()).isNull();
        assertThat(options.warmupUsers()).isZero();
        assertThat(options.describe()).doesNotContain("--warmup");
    }

    @Test
    void aWarmUpUsesATenthOfTheUsersAtLeastFifty() {
        assertThat(LoadOptions.parse("--users", "3000", "--warmup", "90s").warmupUsers()).isEqualTo(300);
        assertThat(LoadOptions.parse("--users", "200", "--warmup", "90s").warmupUsers()).isEqualTo(50);
        LoadOptions chosen = LoadOptions.parse("--users 200 --warmup 2m --warmup-users 30");
        assertThat(chosen.warmup()).isEqualTo(Duration.ofMinutes(2));
        assertThat(chosen.warmupUsers()).isEqualTo(30);
        assertThat(chosen.describe()).endsWith("--warmup 120s --warmup-users 30");
    }

    @Test
    void warmUpUsersNeedLoginsLeft() {
        // Logins run from load0001 to load9999, the warm-up users after the measured ones.
        assertThatThrownBy(() -> LoadOptions.parse("--users", "9990", "--warmup", "30s", "--warmup-users", "10"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999");
        assertThat(LoadOptions.parse("--users", "9989", "--warmup", "30s", "--warmup-users", "10").warmupUsers())
                .isEqualTo(10);
        assertThatThrownBy(() -> LoadOptions.parse("--users", "100", "--warmup", "30s", "--warmup-users", "0"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
