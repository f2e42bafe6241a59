package io.streamrec.streams.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.serving.WatcherHealth;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthCheckTest {
    private static final long NOW = 1_000_000_000L;
    private final ModelLines lines = ModelLines.single("gru4rec");
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
    private final AtomicReference<WatcherHealth> watcher =
            new AtomicReference<>(new WatcherHealth(true, Instant.ofEpochMilli(NOW - 1_000), true));
    private final AtomicReference<InputProgressMonitor.Verdict> inputs =
            new AtomicReference<>(new InputProgressMonitor.Verdict(List.of(), null, NOW - 2_000));

    @AfterEach
    void closeModels() {
        lines.close();
    }

    private HealthReport report(HealthSettings settings) {
        return new HealthCheck(state::get, watcher::get, () -> 0, lines, settings, inputs::get, List.of()).report(NOW);
    }

    /** Asserts the report's status and readiness; its problems are left to assert on what this returns. */
    private static ListAssert<String> assertReport(HealthReport report, HealthReport.Status status, boolean ready) {
        assertThat(report.status()).isEqualTo(status);
        assertThat(report.ready()).isEqualTo(ready);
        return assertThat(report.problems());
    }

    @Test
    void aRunningStreamWithALiveWatcherAndMovingInputsIsUpAndReady() {
        assertReport(report(HealthSettings.DEFAULT), HealthReport.Status.UP, true).isEmpty();
    }

    @Test
    void popularityAnswersAreUpByChoiceAndDownWhenTheOperatorRequiresAModel() throws Exception {
        assertReport(report(HealthSettings.DEFAULT), HealthReport.Status.UP, true).isEmpty();
        assertReport(report(HealthSettings.DEFAULT.withRequireModel(true)), HealthReport.Status.DOWN, false)
                .containsExactly("model line 'gru4rec' has no model and answers from popularity");

        lines.slot("gru4rec").install(OnnxModel.load(TestBundles.successorModel("gru4rec", 3, 10, 3, 3),
                ScoringOptions.cpu()));
        assertThat(report(HealthSettings.DEFAULT.withRequireModel(true)).status()).isEqualTo(HealthReport.Status.UP);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ERROR       | DOWN     | the stream is ERROR: this instance answers no events",
        "CREATED     | DOWN     | the stream has not started",
        "REBALANCING | DEGRADED | rebalancing: partitions are being assigned or their state restored"})
    void aStreamThatIsNotRunningIsNotReady(KafkaStreams.State streamState, HealthReport.Status status, String problem) {
        state.set(streamState);
        assertReport(report(HealthSettings.DEFAULT), status, false).containsExactly(problem);
    }

    @Test
    void aWatcherThatIsDeadSilentOrNotYetCaughtUpIsDown() {
        watcher.set(new WatcherHealth(false, Instant.ofEpochMilli(NOW - 1_000), true));
        assertReport(report(HealthSettings.DEFAULT), HealthReport.Status.DOWN, false)
                .singleElement().asString().startsWith("the model watcher stopped");

        watcher.set(new WatcherHealth(true, Instant.ofEpochMilli(NOW - 180_000), true));
        assertReport(report(HealthSettings.DEFAULT), HealthReport.Status.DOWN, false).containsExactly(
                "the model watcher has not read the model topic for 180 s");

        watcher.set(new WatcherHealth(true, null, false));
        assertReport(report(HealthSettings.DEFAULT), HealthReport.Status.DOWN, false).containsExactly(
                "the model watcher is still reading the model topic: the models on it are not all loaded yet");

        // caught up: polled within the silence limit, and past start-up
        watcher.set(new WatcherHealth(true, Instant.ofEpochMilli(NOW - 119_000), true));
        assertReport(report(HealthSettings.DEFAULT), HealthReport.Status.UP, true).isEmpty();
    }

    @Test
    void everyProblemIsListedDownFirstAndTheWorstDecides() {
        state.set(KafkaStreams.State.REBALANCING);
        watcher.set(new WatcherHealth(true, null, false));
        assertReport(report(HealthSettings.DEFAULT.withRequireModel(true)), HealthReport.Status.DOWN, false)
                .containsExactly(
                        "the model watcher is still reading the model topic: the models on it are not all loaded yet",
                        "model line 'gru4rec' has no model and answers from popularity",
                        "rebalancing: partitions are being assigned or their state restored");
    }

    @Test
    void aStalledInputIsDownWithThePartitionInTheReasonAndAFailedCheckOnlyDegrades() {
        inputs.set(new InputProgressMonitor.Verdict(List.of("input streamrec-events-rekeyed-1: 2 records waiting"),
                null, NOW));
        assertReport(report(HealthSettings.DEFAULT), HealthReport.Status.DOWN, false)
                .containsExactly("input streamrec-events-rekeyed-1: 2 records waiting");

        inputs.set(new InputProgressMonitor.Verdict(List.of(), "cannot read input offsets: timeout", NOW));
        assertReport(report(HealthSettings.DEFAULT), HealthReport.Status.DEGRADED, true)
                .containsExactly("cannot read input offsets: timeout");
    }

    @Test
    void aConfigurationThatRefusesEveryModelIsReportedForAsLongAsItRuns() {
        HealthReport report = new HealthCheck(state::get, watcher::get, () -> 0, lines, HealthSettings.DEFAULT,
                inputs::get, List.of("every model bundle is refused: no public key configured")).report(NOW);
        assertReport(report, HealthReport.Status.DEGRADED, true)
                .containsExactly("every model bundle is refused: no public key configured");
    }
}
