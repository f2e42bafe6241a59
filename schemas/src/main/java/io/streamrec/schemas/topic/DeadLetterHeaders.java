package io.streamrec.schemas.topic;

/**
 * Headers on a dead-letter record. The value and key are the original bytes, untouched, so that a fixed producer
 * or an operator can replay them; the producer's own headers stay too.
 *
 * <p>A record too large to be written again whole (over the app's record limit) is dead-lettered in short form:
 * the reason and source as usual, the first bytes of its key and value, none of its own headers, and
 * {@link #TRUNCATED} and {@link #ORIGINAL_BYTES} saying so. The full record is still on the source topic at the
 * offset the headers name.
 */
public final class DeadLetterHeaders {
    /** Why the record was refused, human-readable. */
    public static final String REASON = "streamrec.dlq.reason";
    public static final String SOURCE_TOPIC = "streamrec.dlq.topic";
    public static final String SOURCE_PARTITION = "streamrec.dlq.partition";
    public static final String SOURCE_OFFSET = "streamrec.dlq.offset";
    /** On a short-form dead letter: what of the record was cut or left out, comma-separated (key, value, headers). */
    public static final String TRUNCATED = "streamrec.dlq.truncated";
    /** On a short-form dead letter: the refused record's size in bytes (key, value and headers together). */
    public static final String ORIGINAL_BYTES = "streamrec.dlq.original-bytes";

    private DeadLetterHeaders() {
    }
}
