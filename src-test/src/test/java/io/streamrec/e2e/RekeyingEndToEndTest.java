package io.streamrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.model.TestBundles;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producers that key events by something other than the session (here: no key at all, so the producer spreads one
 * session over every partition) still get each session answered from its own state: the app re-sends such events
 * under their session key. The deployment predates the rekeyed-events topic, so the app creates it itself.
 */
class RekeyingEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void eventsWithoutASessionKeyAreAnsweredOnceEachFromTheirSessionsState(@TempDir Path dir) throws Exception {
        TopicCatalogue topics = TopicCatalogue.withPrefix("rekey-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            // every topic but the rekeyed one, as a deployment made before it existed
            List<NewTopic> older = new ArrayList<>(topics.newTopics(3, (short) 1));
            older.removeIf(t -> t.name().equals(topics.rekeyedEvents()));
            broker.createTopics(older);
            E2e.publish(broker, topics, TestBundles.statefulSuccessorModel("gru4rec", 1, 10, 20, 3));
            StreamsAppConfig config = E2e.config(broker, "rekey", topics, dir);
            try (StreamsApp app = StreamsApp.start(config)) {
                assertThat(app.awaitRunning(WAIT)).isTrue();
                assertThat(app.awaitModelVersion(1, WAIT)).isTrue();

                int sessions = 12;
                int clicks = 5;
                Properties props = new Properties();
                props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                        new ByteArraySerializer())) {
                    for (int c = 0; c < clicks; c++) {
                        for (int s = 0; s < sessions; s++) {
                            ClickEvent event = ClickEvent.click("s" + s, "item-" + (1 + (s + c) % 10), 1000L * c);
                            // no key, and a partition that moves with every click
                            producer.send(new ProducerRecord<>(topics.events(), (s + c) % 3, null,
                                    Json.mapper().writeValueAsBytes(event))).get();
                        }
                    }
                }
                List<Recommendation> recs;
                try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topics.recommendations())) {
                    RecommendationSerde serde = new RecommendationSerde();
                    recs = reader.readAtLeast(sessions * clicks, WAIT).stream()
                            .map(r -> serde.fromBytes(r.value())).toList();
                }

                assertThat(recs).hasSize(sessions * clicks);
                Map<String, List<Recommendation>> bySession = new HashMap<>();
                recs.forEach(r -> bySession.computeIfAbsent(r.sessionKey(), k -> new ArrayList<>()).add(r));
                assertThat(bySession).hasSize(sessions);
                bySession.values().forEach(list -> assertThat(list).hasSize(clicks)
                        .allSatisfy(r -> assertThat(r.modelName()).isEqualTo("gru4rec")));
                assertThat(app.stats().rekeyedCount()).isEqualTo((long) sessions * clicks);
                assertThat(app.stats().deadLetteredCount()).isZero();
                // Each session lived in one store: every click after its first was scored against the list the
                // session got for the click before. A session spread over partitions would start afresh in each
                // and have fewer of those.
                long scored = app.stats().onlineAccuracy()
                        .of(io.streamrec.streams.accuracy.AnswerRole.MAIN, "gru4rec", 1)
                        .map(io.streamrec.streams.accuracy.ModelAccuracy::events).orElse(0L);
                assertThat(scored).isEqualTo((long) sessions * (clicks - 1));
            }
        }
    }
}
