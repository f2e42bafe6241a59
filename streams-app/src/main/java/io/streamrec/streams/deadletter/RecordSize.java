package io.streamrec.streams.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;

/**
 * How many bytes a record counts for against the producer's {@code max.request.size}: the upper bound Kafka's
 * producer computes (a v2 batch holding the one record, every length at its largest varint size), or a little more.
 * A record within a limit by this measure is within it by the producer's.
 */
public final class RecordSize {
    /** A v2 record batch's own header. */
    private static final int BATCH_OVERHEAD = 61;
    /** A record's length, attributes, timestamp and offset deltas at their largest. */
    private static final int RECORD_OVERHEAD = 21;
    private static final int MAX_VARINT = 5;

    private RecordSize() {
    }

    public static long upperBound(byte[] key, byte[] value, Iterable<Header> headers) {
        long size = BATCH_OVERHEAD + RECORD_OVERHEAD + MAX_VARINT + length(key) + MAX_VARINT + length(value)
                + MAX_VARINT;
        for (Header header : headers) {
            size += MAX_VARINT + utf8Length(header.key()) + MAX_VARINT + length(header.value());
        }
        return size;
    }

    /** The record's own bytes: key, value, and each header's key and value. */
    public static long contentBytes(byte[] key, byte[] value, Iterable<Header> headers) {
        long size = length(key) + length(value);
        for (Header header : headers) {
            size += utf8Length(header.key()) + length(header.value());
        }
        return size;
    }

    /** The bytes of the headers alone. */
    public static long headerBytes(Iterable<Header> headers) {
        return contentBytes(null, null, headers);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static int utf8Length(String s) {
        // Header keys are short; encoding them is simpler than counting and costs nothing that matters.
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
