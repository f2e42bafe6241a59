package io.streamrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.trainer.TrainCommand;
import io.streamrec.trainer.data.EventsTopicReader;
import io.streamrec.trainer.data.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The trainer reads its history from the events topic of a real broker, as the streams app would group it. */
class EventsTopicHistoryEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void trainsFromTheEventsTopicGroupingClicksBySessionAndSkippingMalformedRecords() throws Exception {
        TopicCatalogue topics = TopicCatalogue.withPrefix("history-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(topics.newTopics(3, (short) 1));
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            int sessions = 300;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new ByteArraySerializer())) {
                for (int s = 0; s < sessions; s++) {
                    for (int i = 0; i < 4; i++) {
                        // out of order within a session on purpose: the reader orders by event time
                        int position = (i + 1) % 4;
                        ClickEvent event = new ClickEvent("s" + s, null, "item-" + ((s + position) % 20),
                                1_000_000L * s + 1000L * position, "click");
                        producer.send(new ProducerRecord<>(topics.eventTopic().name(), event.sessionKey(),
                                Json.mapper().writeValueAsBytes(event)));
                    }
                }
                // one key whose third click comes 31 minutes after its second: two sessions, as the app has them
                long start = 500_000_000L;
                long[] times = {start, start + 60_000, start + 60_000 + 31 * 60_000, start + 60_000 + 32 * 60_000};
                for (int i = 0; i < times.length; i++) {
                    ClickEvent event = new ClickEvent("long", null, "item-" + i, times[i], "click");
                    producer.send(new ProducerRecord<>(topics.eventTopic().name(), event.sessionKey(),
                            Json.mapper().writeValueAsBytes(event)));
                }
                producer.send(new ProducerRecord<>(topics.eventTopic().name(), "bad",
                        "{not json".getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(topics.eventTopic().name(), "bad",
                        "{\"sessionId\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
                producer.flush();
            }

            EventsTopicReader.Result history = EventsTopicReader.read(broker.bootstrapServers(),
                    topics.eventTopic().name(), Duration.ofMinutes(30), Duration.ofMillis(500), line -> { });

            assertThat(history.records()).isEqualTo(sessions * 4L + 4 + 2);
            assertThat(history.skipped()).isEqualTo(2);
            Map<String, Session> byId = history.sessions().sessions().stream()
                    .collect(Collectors.toMap(Session::sessionId, Function.identity()));
            assertThat(byId).hasSize(sessions + 2);
            assertThat(byId.get("s7_1").items()).containsExactly("item-7", "item-8", "item-9", "item-10");
            assertThat(byId.get("long_1").items()).containsExactly("item-0", "item-1");
            assertThat(byId.get("long_2").items()).containsExactly("item-2", "item-3");

            Path bundleFile = dir.resolve("model.bundle");
            int exit = new CommandLine(new TrainCommand()).execute("--from-events", "--bootstrap",
                    broker.bootstrapServers(), "--topic-prefix", "history-", "--epochs", "1", "--set",
                    "hidden_size=16", "--set", "embedding=8", "--set", "n_sample=16", "--output",
                    bundleFile.toString());
            assertThat(exit).isZero();
            ModelBundle bundle = ModelBundleCodec.decode(Files.readAllBytes(bundleFile));
            assertThat(bundle.items()).hasSize(20);
        }
    }
}
