package io.streamrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.model.TestBundles;
import io.streamrec.replay.EventReplayer;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.trainer.publish.BundlePublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams app as its own JVM, killed with SIGKILL while events flow, then replaced: under exactly-once, readers of
 * committed records see every event answered exactly once, whatever the killed instance had half done.
 */
class HardKillEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void killingAnInstanceMidStreamLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TopicCatalogue topics = TopicCatalogue.withPrefix("kill-");
            broker.createTopics(topics.newTopics(2, (short) 1));
            try (BundlePublisher publisher = new BundlePublisher(broker.bootstrapServers(), topics)) {
                publisher.publish(TestBundles.statefulSuccessorModel("gru4rec", 1, 50, 5, 5));
            }
            List<ClickEvent> events = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                int session = i % 60;
                events.add(ClickEvent.click("s" + session, "item-" + (i % 50 + 1), 1_000L * i));
            }
            Path logs = Files.createDirectories(Path.of("target", "hard-kill"));
            Process first = serve(broker, dir.resolve("first"), logs.resolve("first.log"));
            Process second = null;
            try (EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
                replayer.replay(events.subList(0, 1000), 0, (i, e) -> { });
                // Events keep arriving while the first instance is working through them; then it dies mid-stream.
                replayer.replay(events.subList(1000, 2000), 2000, (i, e) -> { });
                assertThat(awaitOutputs(broker, topics, 1)).as("the first instance answers; its log is in %s", logs.toAbsolutePath()).isTrue();
                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                second = serve(broker, dir.resolve("second"), logs.resolve("second.log"));
                replayer.replay(events.subList(2000, events.size()), 0, (i, e) -> { });
                List<Recommendation> recs = read(broker, topics, events.size());
                assertThat(recs).as("answers; the instances' logs are in %s", logs.toAbsolutePath())
                        .hasSize(events.size());
                Map<String, List<String>> answeredItems = new HashMap<>();
                recs.forEach(r -> answeredItems.computeIfAbsent(r.sessionKey(), k -> new ArrayList<>())
                        .add(r.eventItemId()));
                Map<String, List<String>> sentItems = new HashMap<>();
                events.forEach(e -> sentItems.computeIfAbsent(e.sessionKey(), k -> new ArrayList<>()).add(e.itemId()));
                // Same answers, in the same order, per session: nothing lost, nothing answered twice.
                assertThat(answeredItems).isEqualTo(sentItems);
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroy();
                    if (!second.waitFor(30, TimeUnit.SECONDS)) {
                        second.destroyForcibly();
                    }
                }
            }
        }
    }

    /** The production launcher artifact, built by the cli module before these tests run. */
    private static final Path LAUNCHER = Path.of("..", "cli", "target", "streamrec-cli.jar");

    private static Process serve(EmbeddedKafkaBroker broker, Path stateDir, Path log) throws Exception {
        assertThat(LAUNCHER).as("the cli module's jar (./mvnw verify builds it before src-test)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", LAUNCHER.toString(),
                "serve", "--bootstrap", broker.bootstrapServers(),
                "--application-id", "e2e-kill", "--topic-prefix", "kill-", "--state-dir", stateDir.toString(),
                "--http-port", "-1", "--stats-every", "5s",
                // The replacement waits for the killed member's session to expire before it gets the partitions.
                "--kafka-property", "consumer.session.timeout.ms=6000",
                "--kafka-property", "consumer.heartbeat.interval.ms=1000");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("STREAMREC_"));
        return builder.start();
    }

    private static boolean awaitOutputs(EmbeddedKafkaBroker broker, TopicCatalogue topics, int count) {
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topics.recommendations())) {
            return reader.readAtLeast(count, WAIT).size() >= count;
        }
    }

    private static List<Recommendation> read(EmbeddedKafkaBroker broker, TopicCatalogue topics, int expected) {
        RecommendationSerde serde = new RecommendationSerde();
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topics.recommendations())) {
            return reader.readAtLeast(expected, WAIT).stream().map(r -> serde.fromBytes(r.value())).toList();
        }
    }

}
