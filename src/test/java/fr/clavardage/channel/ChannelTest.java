package fr.clavardage.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.clavardage.platform.error.ClavardageException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void derivesTheUrlNameFromTheDisplayName() {
        assertThat(Channel.slug("Machine à café")).isEqualTo("machine-a-cafe");
        assertThat(Channel.slug("  Service   Marketing!! ")).isEqualTo("service-marketing");
        assertThat(Channel.slug("Équipe R&D 2026")).isEqualTo("equipe-r-d-2026");
        assertThatThrownBy(() -> Channel.slug("☕☕")).isInstanceOf(ClavardageException.class);
    }

    @Test
    void normalizesColors() {
        assertThat(Channel.checkedColor(" #a0522d ")).isEqualTo("#A0522D");
        for (String bad : new String[] {"a0522d", "#a0522", "#GGGGGG", "red", "#a0522d00"}) {
            assertThatThrownBy(() -> Channel.checkedColor(bad)).as(bad)
                    .isInstanceOfSatisfying(ClavardageException.class, e -> assertThat(e.code()).isEqualTo("invalid_color"));
        }
    }

    @Test
    void urlNamesFollowTheRule() {
        assertThat(Channel.checkedName("a.b-c_d9")).isEqualTo("a.b-c_d9");
        for (String bad : new String[] {"", "-start", "Upper", "with space", "x".repeat(65), "é"}) {
            assertThatThrownBy(() -> Channel.checkedName(bad)).as(bad).isInstanceOf(ClavardageException.class);
        }
    }

    @Test
    void numbersPostsInOrder() {
        Channel channel = Channel.create("Test", null, null, ChannelType.PUBLIC, null, "u", NOW);
        assertThat(channel.nextPostSeq(NOW)).isEqualTo(1);
        assertThat(channel.nextPostSeq(NOW)).isEqualTo(2);
        assertThat(channel.lastPostSeq()).isEqualTo(2);
        assertThat(channel.color()).isIn((Object[]) Channel.PALETTE);
    }

    @Test
    void aNewMemberHasNothingUnread() {
        Channel channel = Channel.create("Test", null, null, ChannelType.PUBLIC, null, "u", NOW);
        channel.nextPostSeq(NOW);
        Membership member = Membership.join(channel, "v", ChannelRole.MEMBER, NOW);
        assertThat(member.lastViewedSeq()).isEqualTo(channel.lastPostSeq());
    }
}
