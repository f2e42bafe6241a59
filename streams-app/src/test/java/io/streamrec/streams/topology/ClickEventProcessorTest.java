package io.streamrec.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.DeadLetterHeaders;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.deadletter.DeadLetter;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.session.SessionState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The click processor against records that are too large or not strictly events: each is dead-lettered with its
 * reason (whole, or in short form when it cannot be written whole), nothing of it is stored or answered, and the
 * events around it are answered as usual.
 */
class ClickEventProcessorTest {
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    /** Small limits, so that the tests need no megabyte records: events of 2 KiB, records of 6 KiB. */
    private static final EventLimits LIMITS = new EventLimits(2048, 64, false,
            2048 + EventLimits.DEAD_LETTER_ROOM + EventLimits.FRAMING_MARGIN);

    private final RecommendationSerde recommendationSerde = new RecommendationSerde();
    private final ModelLines lines = ModelLines.single("gru4rec");
    private final ServingStats stats = new ServingStats(TopologySettings.DEFAULT_TOP_K);

    private TopologyUnderTest<byte[]> stream;

    private void start(EventLimits limits) {
        stream = TopologyUnderTest.start("click-processor-test", Serdes.ByteArray(),
                new TopologySettings(TOPICS, 3, Duration.ofMinutes(30), 3, ScoringBatch.DEFAULT, limits), lines,
                new PopularityRanking(1), stats);
    }

    @AfterEach
    void close() {
        if (stream != null) {
            stream.close();
        }
        lines.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void send(String key, byte[] value) {
        stream.events().pipeInput(key == null ? null : utf8(key), value);
    }

    private void send(String key, String json) {
        send(key, utf8(json));
    }

    private void click(String session, String item) {
        send(session, "{\"sessionId\":\"" + session + "\",\"itemId\":\"" + item + "\",\"timestamp\":1}");
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String reason(TestRecord<byte[], byte[]> record) {
        return header(record, DeadLetterHeaders.REASON);
    }

    private TestRecord<byte[], byte[]> onlyDeadLetter() {
        List<TestRecord<byte[], byte[]>> dead = stream.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(1);
        return dead.get(0);
    }

    /** A valid event padded with an unknown field to {@code bytes}. */
    private static String paddedEvent(String session, int bytes) {
        String head = "{\"sessionId\":\"" + session + "\",\"itemId\":\"i1\",\"pad\":\"";
        return head + "x".repeat(bytes - head.length() - 2) + "\"}";
    }

    @Test
    void anEventOverTheSizeLimitIsDeadLetteredWholeWhenTheDeadLetterFits() {
        start(LIMITS);
        String big = paddedEvent("s1", 3000);
        send("s1", big);
        click("s2", "i1");

        TestRecord<byte[], byte[]> dead = onlyDeadLetter();
        assertThat(reason(dead)).isEqualTo("event is 3002 bytes (key 2, value 3000, headers 0), the limit is 2048");
        assertThat(dead.value()).isEqualTo(utf8(big));
        assertThat(header(dead, DeadLetterHeaders.TRUNCATED)).isNull();
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(stream.store().get("s1")).isNull();
        assertThat(stream.recommendations().readRecordsToList()).hasSize(1);
    }

    @Test
    void theKeyAndTheHeadersCountTowardsTheEventLimit() {
        start(LIMITS);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", new byte[2100]);
        stream.events().pipeInput(new TestRecord<>(utf8("s1"), utf8("{\"sessionId\":\"s1\",\"itemId\":\"i1\"}"),
                headers, Instant.ofEpochMilli(5)));
        stream.events().pipeInput(new byte[2100], utf8("{\"sessionId\":\"s1\",\"itemId\":\"i1\"}"));

        List<TestRecord<byte[], byte[]>> dead = stream.deadLetters().readRecordsToList();
        assertThat(dead).extracting(ClickEventProcessorTest::reason).containsExactly(
                "event is 2139 bytes (key 2, value 32, headers 2105), the limit is 2048",
                "event is 2132 bytes (key 2100, value 32, headers 0), the limit is 2048");
        assertThat(stream.recommendations().isEmpty()).isTrue();
    }

    @Test
    void idsOverTheIdLimitAreDeadLetteredWithTheirLength() {
        start(LIMITS);
        String long65 = "x".repeat(65);
        send("s1", "{\"sessionId\":\"s1\",\"itemId\":\"" + long65 + "\"}");
        send(long65, "{\"sessionId\":\"" + long65 + "\",\"itemId\":\"i1\"}");
        send("s1", "{\"sessionId\":\"s1\",\"userId\":\"" + "é".repeat(33) + "\",\"itemId\":\"i1\"}");
        click("s1", "x".repeat(64));

        assertThat(stream.deadLetters().readRecordsToList()).extracting(ClickEventProcessorTest::reason)
                .containsExactly(
                "itemId is 65 bytes, the limit is 64",
                "sessionId is 65 bytes, the limit is 64",
                "userId is 66 bytes, the limit is 64");
        assertThat(stream.store().get("s1").items()).containsExactly("x".repeat(64));
        assertThat(stream.store().get(long65)).isNull();
    }

    @Test
    void numericIdsAreRefusedByDefaultAndTakenAsTheirDigitsWhenAccepted() {
        start(LIMITS);
        send("s1", "{\"sessionId\":\"s1\",\"itemId\":214536502}");
        send("s1", "{\"sessionId\":\"s1\",\"itemId\":true}");
        assertThat(stream.deadLetters().readRecordsToList()).extracting(ClickEventProcessorTest::reason)
                .containsExactly(
                "itemId must be a JSON string, not a whole number", "itemId must be a JSON string, not a boolean");
        assertThat(stream.store().get("s1")).isNull();
        stream.close();

        start(new EventLimits(2048, 64, true, LIMITS.maxRecordBytes()));
        send("17", "{\"sessionId\":17,\"itemId\":214536502}");
        send("17", "{\"sessionId\":17,\"itemId\":true}");
        assertThat(stream.store().get("17").items()).containsExactly("214536502");
        assertThat(reason(onlyDeadLetter())).isEqualTo(
                "itemId must be a JSON string or a whole number, not a boolean");
    }

    @Test
    void valuesThatAreNotStrictlyOneUtf8JsonEventAreDeadLetteredWithTheReason() {
        start(LIMITS);
        List<byte[]> bad = List.of(
                concat(utf8("{\"sessionId\":\"s1\",\"itemId\":\"a"), new byte[] {(byte) 0xC0, (byte) 0xAF},
                        utf8("\"}")),
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{\"sessionId\":\"s1\",\"itemId\":\"i\"}")),
                "{\"sessionId\":\"s1\",\"itemId\":\"i\"}".getBytes(StandardCharsets.UTF_16LE),
                utf8("{\"sessionId\":\"s1\",\"itemId\":\"i\"} trailing"),
                utf8("{\"sessionId\":\"s1\",\"itemId\":\"i\",\"itemId\":\"j\"}"),
                utf8("{\"sessionId\":\"s1\",\"itemId\":\"i\\u0007\"}"),
                new byte[0]);
        for (byte[] value : bad) {
            send("s1", value);
        }
        click("s1", "ok");

        List<TestRecord<byte[], byte[]>> dead = stream.deadLetters().readRecordsToList();
        assertThat(dead).extracting(ClickEventProcessorTest::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("not valid UTF-8: byte 0xC0 at offset 29"),
                r -> assertThat(r).contains("UTF-8 byte order mark"),
                r -> assertThat(r).contains("zero byte at offset 1"),
                r -> assertThat(r).contains("content after the event object"),
                r -> assertThat(r).contains("Duplicate field 'itemId'"),
                r -> assertThat(r).isEqualTo("itemId contains control character U+0007 at index 1"),
                r -> assertThat(r).isEqualTo("empty value"));
        for (int i = 0; i < bad.size(); i++) {
            assertThat(dead.get(i).value()).as("dead letter %d carries the original bytes", i).isEqualTo(bad.get(i));
        }
        assertThat(stream.store().get("s1").items()).containsExactly("ok");
        assertThat(stats.eventsIn()).isEqualTo(bad.size() + 1);
        assertThat(stats.deadLetteredCount()).isEqualTo(bad.size());
    }

    @Test
    void aDeadLetterTooLargeToWriteWholeGoesOutInShortForm() {
        start(LIMITS);
        byte[] notJson = new byte[10_000];
        Arrays.fill(notJson, (byte) 'z');
        send("k1", notJson);

        TestRecord<byte[], byte[]> dead = onlyDeadLetter();
        assertThat(reason(dead)).isEqualTo("event is 10002 bytes (key 2, value 10000, headers 0), the limit is 2048");
        assertThat(dead.value()).isEqualTo(Arrays.copyOf(notJson, DeadLetter.SAMPLE_BYTES));
        assertThat(dead.key()).isEqualTo(utf8("k1"));
        assertThat(header(dead, DeadLetterHeaders.TRUNCATED)).isEqualTo("value");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_BYTES)).isEqualTo("10002");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPICS.events());
        assertThat(header(dead, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    }

    @Test
    void theShortFormCutsALongKeyAndLeavesOutTheProducersHeaders() {
        start(LIMITS);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", utf8("abc"));
        byte[] key = new byte[3000];
        byte[] value = new byte[5000];
        stream.events().pipeInput(new TestRecord<>(key, value, headers, Instant.ofEpochMilli(7)));

        TestRecord<byte[], byte[]> dead = onlyDeadLetter();
        assertThat(dead.key()).hasSize(DeadLetter.SAMPLE_BYTES);
        assertThat(dead.value()).hasSize(DeadLetter.SAMPLE_BYTES);
        assertThat(dead.timestamp()).isEqualTo(7);
        assertThat(dead.headers().lastHeader("trace-id")).isNull();
        assertThat(header(dead, DeadLetterHeaders.TRUNCATED)).isEqualTo("key,value,headers");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_BYTES)).isEqualTo("8011");
    }

    @Test
    void anAnswerTooLargeToWriteDeadLettersItsEventAndStoresNothing() throws Exception {
        start(LIMITS);
        // A model whose catalogue holds ids far longer than events may carry: its answers outgrow the record limit.
        List<String> items = new ArrayList<>(List.of("a"));
        for (int i = 0; i < 3; i++) {
            items.add(("long-" + i + "-").repeat(400));
        }
        float[][] table = new float[items.size() + 1][items.size() + 1];
        for (int i = 1; i <= items.size(); i++) {
            for (int j = 1; j <= items.size(); j++) {
                table[i][j] = j;
            }
        }
        lines.slot("gru4rec").install(OnnxModel.load(TestBundles.lastItemModel("gru4rec", 1, items, table, 3, 3),
                ScoringOptions.cpu()));
        click("s1", "a");

        TestRecord<byte[], byte[]> dead = onlyDeadLetter();
        assertThat(reason(dead)).matches("its recommendation would be \\d+ bytes, the limit is 6144");
        assertThat(dead.value()).isEqualTo(utf8("{\"sessionId\":\"s1\",\"itemId\":\"a\",\"timestamp\":1}"));
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(stream.recommendations().isEmpty()).isTrue();
        assertThat(stream.store().get("s1")).as("the state goes with the answer").isNull();
        assertThat(stats.eventsIn()).isEqualTo(1);
        assertThat(stats.recommendationsOut()).isZero();
        assertThat(stats.deadLetteredCount()).isEqualTo(1);
    }

    @Test
    void everyRecordHasExactlyOneOutcomeAndTheEventsAroundBadOnesAreAnswered() {
        start(LIMITS);
        int good = 0;
        for (int i = 0; i < 40; i++) {
            switch (i % 4) {
                case 0 -> send("s" + i, paddedEvent("s" + i, 5000));
                case 1 -> send("s" + i, "{\"sessionId\":\"s" + i + "\",\"itemId\":" + i + "}");
                default -> {
                    click("s" + (i % 3), "item-" + i);
                    good++;
                }
            }
        }
        List<Recommendation> answers = stream.recommendations().readValuesToList().stream()
                .map(recommendationSerde::fromBytes).toList();
        assertThat(answers).hasSize(good);
        assertThat(stream.deadLetters().readRecordsToList()).hasSize(40 - good);
        assertThat(stats.eventsIn()).isEqualTo(40);
        assertThat(stats.recommendationsOut() + stats.deadLetteredCount()).isEqualTo(40);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
