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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

    @Test
    void aRunningStreamWithALiveWatcherAndMovingInputsIsUpAndReady() {
        HealthReport report = report(HealthSettings.DEFAULT);
        assertThat(report.status()).isEqualTo(HealthReport.Status.UP);
        assertThat(report.ready()).isTrue();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void popularityAnswersAreFineUnlessTheOperatorRequiresAModel() throws Exception {
        HealthReport required = report(HealthSettings.DEFAULT.withRequireModel(true));
        assertThat(required.status()).isEqualTo(HealthReport.Status.DEGRADED);
        assertThat(required.ready()).isFalse();
        assertThat(required.problems()).containsExactly(
                "model line 'gru4rec' has no model and answers from popularity");

        lines.slot("gru4rec").install(OnnxModel.load(TestBundles.successorModel("gru4rec", 3, 10, 3, 3),
                ScoringOptions.cpu()));
        assertThat(report(HealthSettings.DEFAULT.withRequireModel(true)).status()).isEqualTo(HealthReport.Status.UP);
    }

    @Test
    void aStoppedStreamIsDownAndNotReady() {
        state.set(KafkaStreams.State.ERROR);
        HealthReport report = report(HealthSettings.DEFAULT);
        assertThat(report.status()).isEqualTo(HealthReport.Status.DOWN);
        assertThat(report.ready()).isFalse();
        assertThat(report.problems()).containsExactly("the stream is ERROR: this instance answers no events");
    }

    @Test
    void aDeadOrSilentWatcherDegradesButTheInstanceStillAnswers() {
        watcher.set(new WatcherHealth(false, Instant.ofEpochMilli(NOW - 1_000), true));
        HealthReport dead = report(HealthSettings.DEFAULT);
        assertThat(dead.status()).isEqualTo(HealthReport.Status.DEGRADED);
        assertThat(dead.ready()).isTrue();
        assertThat(dead.problems()).singleElement().asString().startsWith("the model watcher stopped");

        watcher.set(new WatcherHealth(true, Instant.ofEpochMilli(NOW - 180_000), true));
        assertThat(report(HealthSettings.DEFAULT).problems()).containsExactly(
                "the model watcher has not read the model topic for 180 s");
    }

    @Test
    void aStalledInputIsDownWithThePartitionInTheReasonAndAFailedCheckOnlyDegrades() {
        inputs.set(new InputProgressMonitor.Verdict(List.of("input streamrec-events-rekeyed-1: 2 records waiting"),
                null, NOW));
        HealthReport stalled = report(HealthSettings.DEFAULT);
        assertThat(stalled.status()).isEqualTo(HealthReport.Status.DOWN);
        assertThat(stalled.problems()).containsExactly("input streamrec-events-rekeyed-1: 2 records waiting");

        inputs.set(new InputProgressMonitor.Verdict(List.of(), "cannot read input offsets: timeout", NOW));
        HealthReport unknown = report(HealthSettings.DEFAULT);
        assertThat(unknown.status()).isEqualTo(HealthReport.Status.DEGRADED);
        assertThat(unknown.ready()).isTrue();
    }

    @Test
    void aConfigurationThatRefusesEveryModelIsReportedForAsLongAsItRuns() {
        HealthReport report = new HealthCheck(state::get, watcher::get, () -> 0, lines, HealthSettings.DEFAULT,
                inputs::get, List.of("every model bundle is refused: no public key configured")).report(NOW);
        assertThat(report.status()).isEqualTo(HealthReport.Status.DEGRADED);
        assertThat(report.ready()).isTrue();
        assertThat(report.problems()).containsExactly("every model bundle is refused: no public key configured");
    }

    @Test
    void rebalancingIsDegradedAndNotReady() {
        state.set(KafkaStreams.State.REBALANCING);
        HealthReport report = report(HealthSettings.DEFAULT);
        assertThat(report.status()).isEqualTo(HealthReport.Status.DEGRADED);
        assertThat(report.ready()).isFalse();
    }
}
