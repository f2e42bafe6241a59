package io.streamrec.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.topic.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterProductionHandlerTest {
    private static final String DEAD_LETTERS = "dlq";

    private final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
    private final byte[] sourceValue = new byte[5000];

    /** What Kafka Streams tells the handler about the input record being processed. */
    private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId,
                           TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue)
            implements ErrorHandlerContext {
    }

    private Context context() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        return new Context("events", 2, 41, headers, "recommendations-sink", new TaskId(0, 2), 1234,
                "s1".getBytes(StandardCharsets.UTF_8), sourceValue);
    }

    @BeforeEach
    void configure() {
        Arrays.fill(sourceValue, (byte) 'v');
        handler.configure(Map.of(DeadLetterProductionHandler.DEAD_LETTER_TOPIC_CONFIG, DEAD_LETTERS));
    }

    private static ProducerRecord<byte[], byte[]> answer(int bytes) {
        return new ProducerRecord<>("recommendations", "s1".getBytes(StandardCharsets.UTF_8), new byte[bytes]);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aRecordTooLargeDeadLettersItsEventInShortFormAndProcessingGoesOn() {
        Response response = handler.handleError(context(), answer(2_000_000),
                new RecordTooLargeException("The message is 2000100 bytes when serialized"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
        assertThat(letter.topic()).isEqualTo(DEAD_LETTERS);
        assertThat(letter.key()).isEqualTo("s1".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.value()).isEqualTo(Arrays.copyOf(sourceValue, DeadLetter.SAMPLE_BYTES));
        assertThat(letter.timestamp()).isEqualTo(1234);
        assertThat(header(letter, DeadLetterHeaders.REASON))
                .startsWith("could not write a 2000099-byte record to recommendations: ")
                .contains("RecordTooLargeException", "2000100 bytes when serialized");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("events");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).isEqualTo("value,headers");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_BYTES)).isEqualTo("5013");
        assertThat(RecordSize.upperBound(letter.key(), letter.value(), letter.headers())).isLessThan(2000);
    }

    /** Record-level refusals are one record's fault: dead-lettered, and processing goes on; the rest are not. */
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new InvalidTimestampException("too old"), Result.RESUME),
                Arguments.of(new InvalidRecordException("bad"), Result.RESUME),
                Arguments.of(new AuthorizationException("denied"), Result.FAIL),
                Arguments.of(new NotEnoughReplicasException("wait"), Result.RETRY));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachFailureResumesFailsOrRetriesByWhetherItIsOneRecordsFault(Exception failure, Result expected) {
        assertThat(handler.handleError(context(), answer(10), failure).result()).isEqualTo(expected);
    }

    @Test
    void aShortDeadLetterThatIsRefusedTooIsDroppedRatherThanRetriedForever() {
        DeadLetter shortForm = DeadLetter.shortForm(null, new byte[10], new RecordHeaders(), "why", null);
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(DEAD_LETTERS, null, null, shortForm.key(),
                shortForm.value(), shortForm.headers());
        Response response = handler.handleError(context(), letter, new RecordTooLargeException("still"));
        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void withoutTheSourcesBytesTheLetterSamplesTheRefusedRecord() {
        Context freed = new Context("events", 0, 9, new RecordHeaders(), "rekeyed-events-sink", new TaskId(0, 0), 5,
                null, null);
        ProducerRecord<byte[], byte[]> rekeyed = new ProducerRecord<>("events-rekeyed", "s1".getBytes(
                StandardCharsets.UTF_8), sourceValue);
        ProducerRecord<byte[], byte[]> letter = handler.handleError(freed, rekeyed,
                new RecordTooLargeException("x")).deadLetterQueueRecords().get(0);
        assertThat(letter.value()).isEqualTo(Arrays.copyOf(sourceValue, DeadLetter.SAMPLE_BYTES));
        assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).isEqualTo("value");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("9");
        assertThat(header(letter, DeadLetterHeaders.REASON)).startsWith("could not write a 5099-byte record to "
                + "events-rekeyed");
    }

    @Test
    void aRecordFromAPunctuationHasNoSourceToName() {
        Context none = new Context(null, -1, -1, null, "recommendations-sink", new TaskId(0, 0), -1, null, null);
        Response response = handler.handleError(none, answer(10), new RecordTooLargeException("x"));
        ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
        assertThat(letter.value()).hasSize(10);
        assertThat(letter.timestamp()).isNull();
        assertThat(letter.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC)).isNull();
        assertThat(header(letter, DeadLetterHeaders.REASON)).contains("RecordTooLargeException");
    }

    @Test
    void refusesToStartWithoutADeadLetterTopic() {
        assertThatThrownBy(() -> new DeadLetterProductionHandler().configure(Map.of()))
                .hasMessageContaining(DeadLetterProductionHandler.DEAD_LETTER_TOPIC_CONFIG);
    }
}
