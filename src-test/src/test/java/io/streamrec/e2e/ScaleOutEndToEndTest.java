package io.streamrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.model.TestBundles;
import io.streamrec.replay.EventReplayer;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of the streams app share the partitions; each session is answered once, by its owner. */
class ScaleOutEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void twoInstancesSplitThePartitionsAnswerEveryEventOnceAndRedirectHttpToTheOwner(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TopicCatalogue topics = E2e.topics(broker, "scale", 4);
            E2e.publish(broker, topics, TestBundles.statefulSuccessorModel("gru4rec", 1, 50, 5, 5));
            StreamsAppConfig config = E2e.config(broker, "scale", topics, dir);
            try (StreamsApp first = StreamsApp.start(config.withStateDir(dir.resolve("a")));
                 StreamsApp second = StreamsApp.start(config.withStateDir(dir.resolve("b")))) {
                assertThat(await(() -> first.state() == KafkaStreams.State.RUNNING
                        && second.state() == KafkaStreams.State.RUNNING
                        && first.currentModel().isPresent() && second.currentModel().isPresent())).isTrue();

                List<ClickEvent> events = new ArrayList<>();
                for (int s = 0; s < 40; s++) {
                    for (int i = 0; i < 3; i++) {
                        events.add(ClickEvent.click("s" + s, "item-" + ((s + i) % 50 + 1), 1_000L * (3 * s + i)));
                    }
                }
                try (EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
                    replayer.replay(events, 0, (i, e) -> { });
                }
                List<Recommendation> recs;
                try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topics.recommendations())) {
                    RecommendationSerde serde = new RecommendationSerde();
                    recs = reader.readAtLeast(events.size(), WAIT).stream().map(r -> serde.fromBytes(r.value())).toList();
                }
                assertThat(recs).hasSize(events.size());
                Map<String, Long> perSession = new HashMap<>();
                recs.forEach(r -> perSession.merge(r.sessionKey(), 1L, Long::sum));
                assertThat(perSession).hasSize(40).allSatisfy((session, count) -> assertThat(count).isEqualTo(3));
                // Both instances did part of the work.
                assertThat(first.stats().eventsIn()).isPositive();
                assertThat(second.stats().eventsIn()).isPositive();
                assertThat(first.stats().eventsIn() + second.stats().eventsIn()).isEqualTo(events.size());

                HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                int redirected = 0;
                for (int s = 0; s < 40; s++) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + first.httpPort() + "/recommendations/s" + s)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 307) {
                        redirected++;
                        String location = response.headers().firstValue("Location").orElseThrow();
                        assertThat(location).contains(":" + second.httpPort() + "/recommendations/s" + s);
                        HttpResponse<String> owner = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(owner.statusCode()).isEqualTo(200);
                        assertThat(new RecommendationSerde().fromBytes(owner.body().getBytes(StandardCharsets.UTF_8))
                                .sessionKey()).isEqualTo("s" + s);
                    } else {
                        assertThat(response.statusCode()).isEqualTo(200);
                    }
                }
                assertThat(redirected).as("sessions owned by the second instance").isBetween(1, 39);
            }
        }
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
