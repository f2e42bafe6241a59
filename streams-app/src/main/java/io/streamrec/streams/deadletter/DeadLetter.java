package io.streamrec.streams.deadletter;

import io.streamrec.schemas.topic.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A dead letter for a refused record: its key, value and headers with the reason and source added (see
 * {@link DeadLetterHeaders}), or, when that would be over the limit of what can be written, its short form: the
 * reason and source, the first {@value #SAMPLE_BYTES} bytes of its key and value, and headers saying what was cut.
 * The short form is small whatever the record, so a record too large to write never fails the dead-letter write.
 */
public record DeadLetter(byte[] key, byte[] value, Headers headers) {
    /** How much of a key and a value a short-form dead letter keeps: enough to recognise the record. */
    public static final int SAMPLE_BYTES = 1024;
    /** Longest reason kept, in chars; parser messages may quote the input. */
    static final int MAX_REASON_CHARS = 1000;

    /** Where the refused record was read. */
    public record Source(String topic, int partition, long offset) {
    }

    /**
     * The record whole when the dead letter fits within {@code maxBytes} (by {@link RecordSize}), its short form
     * otherwise.
     *
     * @param source where it was read, or null when unknown
     */
    public static DeadLetter of(byte[] key, byte[] value, Headers recordHeaders, String reason, Source source,
                                int maxBytes) {
        // The producer's own headers stay, so that tracing ids survive a replay; ours are added after them.
        Headers headers = new RecordHeaders(recordHeaders.toArray());
        addReason(headers, reason, source);
        if (RecordSize.upperBound(key, value, headers) <= maxBytes) {
            return new DeadLetter(key, value, headers);
        }
        return shortForm(key, value, recordHeaders, reason, source);
    }

    /** The short form: reason, source, the first bytes of key and value, and what was cut. */
    public static DeadLetter shortForm(byte[] key, byte[] value, Headers recordHeaders, String reason, Source source) {
        Headers headers = new RecordHeaders();
        addReason(headers, reason, source);
        List<String> cut = new ArrayList<>(3);
        if (key != null && key.length > SAMPLE_BYTES) {
            cut.add("key");
        }
        if (value != null && value.length > SAMPLE_BYTES) {
            cut.add("value");
        }
        if (recordHeaders.toArray().length > 0) {
            cut.add("headers");
        }
        if (!cut.isEmpty()) {
            headers.add(DeadLetterHeaders.TRUNCATED, utf8(String.join(",", cut)));
        }
        headers.add(DeadLetterHeaders.ORIGINAL_BYTES,
                utf8(Long.toString(RecordSize.contentBytes(key, value, recordHeaders))));
        return new DeadLetter(sample(key), sample(value), headers);
    }

    /** Whether {@code headers} are a short-form dead letter's. */
    public static boolean isShortForm(Headers headers) {
        return headers.lastHeader(DeadLetterHeaders.ORIGINAL_BYTES) != null;
    }

    private static void addReason(Headers headers, String reason, Source source) {
        String kept = reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "...";
        headers.add(DeadLetterHeaders.REASON, utf8(kept));
        if (source != null) {
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(source.topic()));
            headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
            headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        }
    }

    private static byte[] sample(byte[] bytes) {
        return bytes == null || bytes.length <= SAMPLE_BYTES ? bytes : Arrays.copyOf(bytes, SAMPLE_BYTES);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
