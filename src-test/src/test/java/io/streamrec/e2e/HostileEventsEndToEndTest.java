package io.streamrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.topic.DeadLetterHeaders;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.streams.deadletter.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records a probe with a standalone broker and kcat found to stop the app or slip through it, sent between
 * valid events by a producer that allows large records: every one is dead-lettered with its reason, every valid
 * event is answered, each input has exactly one outcome, and the app keeps running throughout. Answers come from
 * popularity (no model), as they did when 60 KB item ids made a popularity answer of over a megabyte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileEventsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int KB = 1024;

    private EmbeddedKafkaBroker broker;

    @TempDir
    Path stateDir;

    /** A record that must be dead-lettered, with a fragment of the reason it must carry. */
    private record Bad(String name, byte[] key, byte[] value, String reason, boolean shortForm) {
    }

    /** Where a record landed on the events topic. */
    private record Offset(int partition, long offset) {
    }

    @BeforeAll
    void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String event(String session, String item) {
        return "{\"sessionId\":\"" + session + "\",\"itemId\":\"" + item + "\",\"timestamp\":1396321337000}";
    }

    private static List<Bad> hostileRecords() {
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad("1 MB item id", utf8("big-item"), utf8(event("big-item", "x".repeat(1024 * KB))),
                "the limit is 65536", true));
        byte[] notJson = new byte[1150 * KB];
        Arrays.fill(notJson, (byte) 0x9C);
        bad.add(new Bad("1.15 MB of non-JSON bytes", utf8("non-json"), notJson, "the limit is 65536", true));
        for (int i = 0; i < 20; i++) {
            bad.add(new Bad("60 KB item id " + i, utf8("long-item-" + i),
                    utf8(event("long-item-" + i, i + "-" + "y".repeat(60 * KB))), "bytes, the limit is 256", false));
        }
        bad.add(new Bad("numeric item id", utf8("numeric"), utf8("{\"sessionId\":\"numeric\",\"itemId\":214536502}"),
                "itemId must be a JSON string, not a whole number", false));
        bad.add(new Bad("boolean item id", utf8("boolean"), utf8("{\"sessionId\":\"boolean\",\"itemId\":true}"),
                "itemId must be a JSON string, not a boolean", false));
        bad.add(new Bad("overlong UTF-8", utf8("overlong"), concat(utf8("{\"sessionId\":\"overlong\",\"itemId\":\"a"),
                new byte[] {(byte) 0xC0, (byte) 0xAF}, utf8("b\"}")), "not valid UTF-8: byte 0xC0", false));
        bad.add(new Bad("trailing garbage", utf8("trailing"), utf8(event("trailing", "i1") + " garbage"),
                "content after the event object", false));
        bad.add(new Bad("duplicate fields", utf8("duplicate"),
                utf8("{\"sessionId\":\"duplicate\",\"itemId\":\"i1\",\"itemId\":\"i2\"}"), "Duplicate field 'itemId'",
                false));
        bad.add(new Bad("byte order mark", utf8("bom"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(event("bom", "i1"))), "UTF-8 byte order mark", false));
        bad.add(new Bad("UTF-16", utf8("utf16"), event("utf16", "i1").getBytes(StandardCharsets.UTF_16),
                "UTF-16 byte order mark", false));
        bad.add(new Bad("UTF-16LE without a mark", utf8("utf16le"),
                event("utf16le", "i1").getBytes(StandardCharsets.UTF_16LE), "zero byte at offset 1", false));
        String longSession = "s".repeat(100 * KB);
        bad.add(new Bad("100 KB session id", utf8(longSession), utf8(event(longSession, "i1")), "the limit is 65536",
                false));
        bad.add(new Bad("100 KB session id, small enough otherwise", utf8("k"),
                utf8(event("s".repeat(60 * KB), "i1")), "sessionId is 61440 bytes, the limit is 256", false));
        bad.add(new Bad("tombstone", utf8("tombstone"), null, "no value (tombstone)", false));
        bad.add(new Bad("empty value", utf8("empty"), new byte[0], "empty value", false));
        return bad;
    }

    private KafkaProducer<byte[], byte[]> largeRecordProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * KB));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Offset send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value)
            throws Exception {
        RecordMetadata m = producer.send(new ProducerRecord<>(topic, key, value)).get();
        return new Offset(m.partition(), m.offset());
    }

    @Test
    void everyHostileRecordIsDeadLetteredWithItsReasonAndTheAppKeepsAnsweringTheRest() throws Exception {
        TopicCatalogue topics = TopicCatalogue.withPrefix("hostile-");
        broker.createTopics(topics.newTopics(3, (short) 1));
        List<Bad> bad = hostileRecords();
        Map<Offset, Bad> badAt = new HashMap<>();
        Set<String> validEvents = new HashSet<>();
        try (StreamsApp app = StreamsApp.start(StreamsAppConfig.defaults(broker.bootstrapServers())
                .withApplicationId("e2e-hostile").withTopics(topics).withStateDir(stateDir.resolve("hostile")));
             KafkaProducer<byte[], byte[]> producer = largeRecordProducer()) {
            assertThat(app.awaitRunning(WAIT)).isTrue();
            int n = 0;
            for (Bad record : bad) {
                for (int i = 0; i < 2; i++, n++) {
                    String session = "good-" + (n % 7);
                    send(producer, topics.events(), utf8(session), utf8(event(session, "item-" + n)));
                    validEvents.add(session + "/item-" + n);
                }
                Offset at = send(producer, topics.events(), record.key(), record.value());
                badAt.put(at, record);
            }
            // Valid events after all of them: the app still answers.
            for (int i = 0; i < 10; i++, n++) {
                String session = "after-" + (i % 3);
                send(producer, topics.events(), utf8(session), utf8(event(session, "item-" + n)));
                validEvents.add(session + "/item-" + n);
            }

            List<ConsumerRecord<String, byte[]>> dead = read(topics.deadLetters(), bad.size());
            List<Recommendation> answers = Traffic.answers(broker, topics, validEvents.size(), WAIT);

            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            // Exactly one answer per valid event, none for anything else.
            List<String> answered = answers.stream().map(r -> r.sessionKey() + "/" + r.eventItemId()).toList();
            assertThat(answered).doesNotHaveDuplicates();
            assertThat(new HashSet<>(answered)).isEqualTo(validEvents);
            // Exactly one dead letter per hostile record, found by its source offset, with its reason.
            assertThat(dead).hasSize(bad.size());
            Set<Offset> letters = new HashSet<>();
            for (ConsumerRecord<String, byte[]> letter : dead) {
                assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.events());
                Offset source = new Offset(Integer.parseInt(header(letter, DeadLetterHeaders.SOURCE_PARTITION)),
                        Long.parseLong(header(letter, DeadLetterHeaders.SOURCE_OFFSET)));
                assertThat(letters.add(source)).as("one dead letter for %s", source).isTrue();
                Bad record = badAt.get(source);
                assertThat(record).as("a dead letter for %s, which was a valid event", source).isNotNull();
                assertThat(header(letter, DeadLetterHeaders.REASON)).as(record.name()).contains(record.reason());
                if (record.shortForm()) {
                    assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).as(record.name()).isEqualTo("value");
                    assertThat(header(letter, DeadLetterHeaders.ORIGINAL_BYTES)).as(record.name())
                            .isEqualTo(Long.toString(record.key().length + record.value().length));
                    assertThat(letter.value()).isEqualTo(Arrays.copyOf(record.value(), DeadLetter.SAMPLE_BYTES));
                } else {
                    assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).as(record.name()).isNull();
                    assertThat(letter.value()).as(record.name()).isEqualTo(record.value());
                }
            }
            assertThat(letters).isEqualTo(badAt.keySet());
            // Nothing lost: every input is counted once, as an answer or a dead letter.
            assertThat(app.stats().eventsIn()).isEqualTo(validEvents.size() + bad.size());
            assertThat(app.stats().recommendationsOut()).isEqualTo(validEvents.size());
            assertThat(app.stats().deadLetteredCount()).isEqualTo(bad.size());
        }
    }

    @Test
    void underAtLeastOnceARecordTheProducerRefusesAfterAllIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        TopicCatalogue topics = TopicCatalogue.withPrefix("refused-");
        broker.createTopics(topics.newTopics(1, (short) 1));
        // A producer limit below what the app checks its records against, as a -K override or a topic lowered after
        // start-up would leave it: an event of 30 KB, within the event limit, cannot be re-sent under its session key.
        try (StreamsApp app = StreamsApp.start(StreamsAppConfig.defaults(broker.bootstrapServers())
                .withApplicationId("e2e-refused").withTopics(topics).withStateDir(stateDir.resolve("refused"))
                .withProcessingGuarantee(StreamsAppConfig.AT_LEAST_ONCE)
                .withExtraStreams(Map.of("producer." + ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "20000")));
             KafkaProducer<byte[], byte[]> producer = largeRecordProducer()) {
            assertThat(app.awaitRunning(WAIT)).isTrue();
            send(producer, topics.events(), utf8("s1"), utf8(event("s1", "item-1")));
            String padded = "{\"sessionId\":\"s2\",\"itemId\":\"item-2\",\"pad\":\"" + "p".repeat(30 * KB) + "\"}";
            Offset refused = send(producer, topics.events(), utf8("not-the-session"), utf8(padded));
            send(producer, topics.events(), utf8("s1"), utf8(event("s1", "item-3")));

            List<ConsumerRecord<String, byte[]>> dead = read(topics.deadLetters(), 1);
            List<Recommendation> answers = Traffic.answers(broker, topics, 2, WAIT);

            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(answers).extracting(Recommendation::eventItemId).containsExactly("item-1", "item-3");
            assertThat(dead).hasSize(1);
            ConsumerRecord<String, byte[]> letter = dead.get(0);
            assertThat(header(letter, DeadLetterHeaders.REASON))
                    .contains("to " + topics.rekeyedEvents(), "RecordTooLargeException");
            assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(refused.offset()));
            assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).isEqualTo("value");
            assertThat(letter.value()).isEqualTo(Arrays.copyOf(utf8(padded), DeadLetter.SAMPLE_BYTES));
        }
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic, int expected) {
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topic)) {
            return reader.readAtLeast(expected, WAIT);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
