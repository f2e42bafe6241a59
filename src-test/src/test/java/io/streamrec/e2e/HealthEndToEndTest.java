package io.streamrec.e2e;

import static io.streamrec.e2e.E2e.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventSerde;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.streams.health.HealthReport;
import io.streamrec.streams.health.HealthSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer leaves a transaction open on the events topic: the app, reading committed records only, cannot go past
 * it, so events sent after it wait while the app looks idle. {@code /health} must say so, naming the partition,
 * and recover once the transaction ends.
 */
class HealthEndToEndTest {

    @Test
    void aTransactionLeftOpenOnTheInputIsReportedAsAStallAndClearsWhenItEnds(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TopicCatalogue topics = E2e.topics(broker, "health", 1);
            // a trusted key, as deployed: without one /health rightly reports every bundle refused
            StreamsAppConfig config = E2e.config(broker, "health", topics, dir)
                    .withHealth(HealthSettings.DEFAULT.withStallAfter(Duration.ofSeconds(3), Duration.ofMillis(500)));
            try (StreamsApp app = StreamsApp.start(config)) {
                assertThat(app.awaitRunning(WAIT)).isTrue();
                List<ClickEvent> first = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    first.add(ClickEvent.click("s" + i, "item-1", 1_000L * i));
                }
                Traffic.replay(broker, topics, first);
                assertThat(Traffic.answers(broker, topics, first.size(), WAIT)).hasSize(first.size());
                Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(app.health().problems()).isEmpty());

                try (KafkaProducer<String, byte[]> open = producer(broker, "left-open")) {
                    open.initTransactions();
                    open.beginTransaction();
                    open.send(event("held", 10_000)).get();
                    // Sent after the open transaction's record: a read-committed reader cannot reach them yet.
                    Traffic.replay(broker, topics, List.of(ClickEvent.click("late-1", "item-2", 11_000),
                            ClickEvent.click("late-2", "item-3", 12_000)));

                    Awaitility.await().atMost(WAIT).until(() -> app.health().status() == HealthReport.Status.DOWN);
                    HealthReport stalled = app.health();
                    assertThat(stalled.ready()).isFalse();
                    assertThat(stalled.problems()).singleElement().asString()
                            .startsWith("input health-events-0: 3 records waiting")
                            .endsWith("(behind a transaction left open at offset 5)");
                    HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.httpPort() + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(health.statusCode()).isEqualTo(503);
                    assertThat(health.body()).contains("behind a transaction left open");

                    open.commitTransaction();
                }
                assertThat(Traffic.answers(broker, topics, first.size() + 3, WAIT)).hasSize(first.size() + 3);
                Awaitility.await().atMost(WAIT).until(() -> app.health().status() == HealthReport.Status.UP);
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafkaBroker broker, String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> event(String session, long timestamp) {
        return new ProducerRecord<>("health-events", session,
                new ClickEventSerde().toBytes(ClickEvent.click(session, "item-1", timestamp)));
    }
}
