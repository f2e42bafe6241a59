package io.streamrec.schemas.topic;

/**
 * Headers on a dead-letter record. The value and key are the original bytes, untouched, so that a fixed producer
 * or an operator can replay them.
 */
public final class DeadLetterHeaders {
    /** Why the record was refused, human-readable. */
    public static final String REASON = "streamrec.dlq.reason";
    public static final String SOURCE_TOPIC = "streamrec.dlq.topic";
    public static final String SOURCE_PARTITION = "streamrec.dlq.partition";
    public static final String SOURCE_OFFSET = "streamrec.dlq.offset";

    private DeadLetterHeaders() {
    }
}
