package fr.clavardage.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's verdict and figures: what fails a run (losses, duplicates) and what only informs. */
class ReportTest {

    private static Report report(Metrics metrics, List<DeliveryLedger.Missing> lost) {
        return new Report(LoadOptions.parse("--users", "10", "--drain", "15s"), metrics, List.of(), List.of(), lost);
    }

    @Test
    void deliveriesThatArriveAfterTheDrainAreReportedAsLateAndDoNotFailTheRun() {
        Report report = report(new Metrics(), List.of());
        report.lateAfterDrain = 42;
        String markdown = report.markdown();
        assertThat(report.clean()).isTrue();
        assertThat(markdown).contains("| deliveries that arrived only after the 15 s drain (late, not lost) | 42 |")
                .contains("| **lost / duplicated events / duplicated posts** | **0 / 0 / 0** |")
                .contains("Verdict: nothing lost, nothing duplicated");
    }

    @Test
    void aDeliveryThatNeverArrivedOrADuplicateFailsTheRunAndTheFirstLossesAreNamed() {
        Report lost = report(new Metrics(), List.of(new DeliveryLedger.Missing(7, 3, 12)));
        assertThat(lost.clean()).isFalse();
        assertThat(lost.markdown()).contains("**1 / 0 / 0**").contains("first lost deliveries")
                .contains("Verdict: LOST OR DUPLICATED EVENTS").doesNotContain("late, not lost");

        Metrics metrics = new Metrics();
        metrics.duplicatedEvents.increment();
        assertThat(report(metrics, List.of()).clean()).isFalse();
    }

    @Test
    void theMeanRequestWeighsEachActionByItsCountAndErrorsAreARate() {
        Metrics metrics = new Metrics();
        for (int i = 0; i < 3; i++) {
            metrics.answered("a", 10_000, 200);
        }
        metrics.answered("b", 50_000, 200);
        metrics.failed("b", 50_000, "timeout", true);
        Report report = report(metrics, List.of());
        assertThat(report.requests).isEqualTo(5);
        assertThat(report.timeouts).isEqualTo(1);
        // A failed request counts with its time; histograms keep about three significant digits.
        assertThat(report.meanRequestMs()).isBetween(25.9, 26.1);
        assertThat(report.errorRate()).isEqualTo(0.2);
    }
}
