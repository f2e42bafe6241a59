package io.streamrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.model.TestBundles;
import io.streamrec.model.TestKeys;
import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.replay.EventReplayer;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.topic.TopicCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams app as its own JVM, killed with SIGKILL again and again while events flow and batches are being scored,
 * each time replaced: under exactly-once, readers of committed records see every event answered exactly once, with
 * the answer scoring it alone gives, whatever the killed instances had half done.
 */
class HardKillEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int ITEMS = 50;
    private static final int SESSIONS = 60;
    private static final int KILLS = 3;

    @Test
    void killingInstancesMidBatchLosesDuplicatesAndChangesNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TopicCatalogue topics = E2e.topics(broker, "kill", 2);
            // Its top score is the item's best successor score plus the number of events the session's state has
            // seen: an answer built on a lost, repeated or mixed-up state shows in the output.
            E2e.publish(broker, topics, TestBundles.countingSuccessorModel("gru4rec", 1, ITEMS, 5, 5));
            List<ClickEvent> events = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                // Sessions interleave, as on a busy site, so one batch holds many sessions' events.
                events.add(ClickEvent.click("s" + i % SESSIONS, "item-" + ((i * 7) % ITEMS + 1), 1_000L * i));
            }
            Path logs = Files.createDirectories(Path.of("target", "hard-kill"));
            Path keys = Files.createDirectories(dir.resolve("keys"));
            TestKeys.writeTo(keys);
            List<Process> instances = new ArrayList<>();
            ExecutorService sender = Executors.newSingleThreadExecutor();
            try (EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
                // Events keep arriving, steadily, while instances are killed and replaced.
                Future<Long> sent = sender.submit(() -> replayer.replay(events, 150, (i, e) -> { }));
                int answered = 0;
                for (int kill = 0; kill <= KILLS; kill++) {
                    instances.add(serve(broker, dir.resolve("instance-" + kill), keys,
                            logs.resolve("instance-" + kill + ".log")));
                    if (kill == KILLS) {
                        break;
                    }
                    // Killed only once it has answered more than its predecessors did, so each instance works.
                    int target = answered + 100;
                    answered = awaitMoreOutputs(broker, topics, target);
                    assertThat(answered).as("instance %d answers; logs in %s", kill, logs.toAbsolutePath())
                            .isGreaterThanOrEqualTo(target);
                    instances.get(kill).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
                assertThat(sent.get(2, TimeUnit.MINUTES)).isEqualTo(events.size());

                List<Recommendation> recs = Traffic.answers(broker, topics, events.size(), WAIT);
                assertThat(recs).as("answers; the instances' logs are in %s", logs.toAbsolutePath())
                        .hasSize(events.size());
                Map<String, List<Recommendation>> answers = new HashMap<>();
                recs.forEach(r -> answers.computeIfAbsent(r.sessionKey(), k -> new ArrayList<>()).add(r));
                Map<String, List<String>> sentItems = new HashMap<>();
                events.forEach(e -> sentItems.computeIfAbsent(e.sessionKey(), k -> new ArrayList<>()).add(e.itemId()));
                for (Map.Entry<String, List<String>> session : sentItems.entrySet()) {
                    List<Recommendation> got = answers.get(session.getKey());
                    // Same events, in the same order, per session: nothing lost, nothing answered twice.
                    assertThat(got).extracting(Recommendation::eventItemId).as("session %s", session.getKey())
                            .isEqualTo(session.getValue());
                    for (int k = 0; k < got.size(); k++) {
                        Recommendation r = got.get(k);
                        assertThat(r.modelVersion()).isEqualTo(1);
                        assertThat(r.items().get(0).itemId()).isEqualTo(successor(r.eventItemId()));
                        assertThat(r.items().get(0).score()).as("session %s, event %d: state carried exactly",
                                session.getKey(), k + 1).isEqualTo((float) (ITEMS + k + 1));
                    }
                }
            } finally {
                sender.shutdownNow();
                for (Process instance : instances) {
                    instance.destroy();
                    if (!instance.waitFor(30, TimeUnit.SECONDS)) {
                        instance.destroyForcibly();
                    }
                }
            }
        }
    }

    /** The item the counting model ranks first after {@code item}: the next one, wrapping around. */
    private static String successor(String item) {
        int index = Integer.parseInt(item.substring("item-".length()));
        return "item-" + (index % ITEMS + 1);
    }

    /** The production launcher artifact, built by the cli module before these tests run. */
    private static final Path LAUNCHER = Path.of("..", "cli", "target", "streamrec-cli.jar");

    private static Process serve(EmbeddedKafkaBroker broker, Path stateDir, Path keys, Path log) throws Exception {
        assertThat(LAUNCHER).as("the cli module's jar (./mvnw verify builds it before src-test)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", LAUNCHER.toString(),
                "serve", "--bootstrap", broker.bootstrapServers(),
                "--application-id", "e2e-kill", "--topic-prefix", "kill-", "--state-dir", stateDir.toString(),
                "--http-port", "-1", "--stats-every", "5s",
                "--model-public-key", keys.resolve(BundleKeys.PUBLIC_KEY_FILE).toString(),
                // At this test's pace a task sees an event every ~13 ms: with the default 1 ms, each would count as
                // arriving after a quiet spell and be answered alone. With 50 ms they gather until the commit, so
                // kills land in the middle of batches.
                "--batch-wait", "50ms",
                // The replacement waits for the killed member's session to expire before it gets the partitions.
                "--kafka-property", "consumer.session.timeout.ms=6000",
                "--kafka-property", "consumer.heartbeat.interval.ms=1000");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("STREAMREC_"));
        return builder.start();
    }

    /** Waits until at least {@code count} answers are committed; returns how many there are. */
    private static int awaitMoreOutputs(EmbeddedKafkaBroker broker, TopicCatalogue topics, int count) {
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topics.recommendations())) {
            return reader.readAtLeast(count, WAIT).size();
        }
    }
}
