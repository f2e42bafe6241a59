package io.streamrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.torture.ChildProcesses;
import io.streamrec.torture.Measure;
import io.streamrec.torture.Progress;
import io.streamrec.torture.ScenarioResult;
import io.streamrec.torture.TortureRun;
import io.streamrec.torture.TortureSettings;
import io.streamrec.torture.TrustedPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The torture command's scenarios at tiny sizes, the app as its own JVM from the launcher jar: under hostile input
 * and SIGKILLs every acknowledged input gets exactly one committed outcome, an answer or a dead letter naming it.
 * Bars about time are left to the command (this machine's load decides them here).
 */
class TortureEndToEndTest {
    /** The production launcher artifact, built by the cli module before these tests run. */
    private static final Path LAUNCHER = Path.of("..", "cli", "target", "streamrec-cli.jar").toAbsolutePath();

    @Test
    void fuzzedInputAndKilledInstancesLeaveExactlyOneOutcomePerInput(@TempDir Path dir) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "torture").toAbsolutePath());
        List<ScenarioResult> results = run(List.of("fuzz", "kill"), dir, work);

        assertThat(results).extracting(ScenarioResult::scenario).containsExactly("fuzz", "kill");
        results.forEach(result -> assertExactlyOnce(result, work));
        ScenarioResult fuzz = results.get(0);
        assertThat((Long) fuzz.figures().get("deadLetters")).as("malformed events were dead-lettered")
                .isGreaterThan(100L);
        ScenarioResult kill = results.get(1);
        assertThat(kill.figures().get("restartToAnswerSeconds")).as("every restart answered a new event")
                .asList().hasSize(2).allSatisfy(s -> assertThat((Double) s).isFinite());
        assertThat(kill.measures()).filteredOn(m -> m.measure().equals("unplanned app exits"))
                .extracting(Measure::pass).containsOnly(true);
    }

    @Test
    void aBrokerRestartUnderLoadLosesNothingAndLeavesNoTransactionOpen(@TempDir Path dir) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "torture-broker").toAbsolutePath());
        ScenarioResult restart = run(List.of("broker-restart"), dir, work).get(0);

        assertExactlyOnce(restart, work);
        assertThat(restart.figures().get("stuckRekeyedPartitions")).as("rekeyed partitions behind a transaction")
                .isEqualTo(Map.of());
        assertThat((Double) restart.figures().get("brokerBackToAnswerSeconds")).as("answers after the restart")
                .isFinite();
    }

    private static List<ScenarioResult> run(List<String> scenarios, Path dir, Path work) {
        assertThat(LAUNCHER).as("the cli module's jar (./mvnw verify builds it before src-test)").exists();
        TortureSettings settings = TortureSettings.tiny(work).withScenarios(scenarios)
                // a killed instance's partitions move after 6 s instead of the 45 s default session timeout
                .withAppProperties(Map.of("consumer.session.timeout.ms", "6000",
                        "consumer.heartbeat.interval.ms", "1000"));
        try (ChildProcesses children = new ChildProcesses(LAUNCHER.toString(), work);
             InProcessBroker broker = new InProcessBroker(dir.resolve("kafka"))) {
            broker.start();
            return TortureRun.run(settings, broker, children, TrustedPublisher.signing(work.resolve("keys")),
                    new Progress(System.out));
        }
    }

    private static void assertExactlyOnce(ScenarioResult result, Path work) {
        assertThat(result.figures()).as("%s: %s; logs in %s", result.scenario(), result.measures(), work)
                .containsEntry("exactlyOnce", true).containsEntry("lost", 0L).containsEntry("duplicated", 0L)
                .containsEntry("unexpected", 0L);
        assertThat((Long) result.figures().get("in")).as(result.scenario()).isGreaterThan(1_000L);
    }
}
