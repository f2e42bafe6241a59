package io.streamrec.streams.topology;

import io.streamrec.schemas.event.ClickEventParser;
import io.streamrec.schemas.topic.TopicCatalogue;

/**
 * What the app accepts from event producers, and the most it writes in one record. Everything the app writes
 * (answers, session states, re-keyed events, dead letters) follows from what it accepts, so with these limits no
 * event can make a record that the producer or a topic refuses: under exactly-once such a refusal aborts the
 * transaction and fails the stream thread, and after every restart the same event fails it again. What does not
 * fit is dead-lettered with the reason, in short form when it cannot even be dead-lettered whole.
 *
 * @param maxEventBytes    the largest event record accepted: key, value and headers together (default 64 KiB)
 * @param maxIdBytes       the longest {@code sessionId}, {@code userId} and {@code itemId}, in UTF-8 bytes (default
 *                         256): these are what the state keeps and the answers repeat
 * @param acceptNumericIds whether ids may be JSON whole numbers as well as strings (default no: {@code 0123} and
 *                         {@code 123} would be the same item to the producer and two to the app)
 * @param maxRecordBytes   the record limit ({@code max.message.bytes}) the output topics must have, the one the app
 *                         creates them and the changelog with (default 1 MiB); the app's own records stay
 *                         {@link #FRAMING_MARGIN} below it
 */
public record EventLimits(int maxEventBytes, int maxIdBytes, boolean acceptNumericIds, int maxRecordBytes) {
    public static final int DEFAULT_MAX_EVENT_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_ID_BYTES = ClickEventParser.DEFAULT_MAX_ID_BYTES;
    public static final int DEFAULT_MAX_RECORD_BYTES = TopicCatalogue.MAX_RECORD_BYTES;
    public static final EventLimits DEFAULT = new EventLimits(DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_ID_BYTES, false,
            DEFAULT_MAX_RECORD_BYTES);
    /**
     * What the broker may count beyond a record's own upper-bound size against a topic's limit: compression framing
     * (lz4 stores incompressible data with a few bytes per 64 KiB block) and a change of codec under {@code -K}.
     */
    public static final int FRAMING_MARGIN = 16 * 1024;
    /** What a dead letter adds to the event it carries: the reason (at most 1 KiB) and the source headers. */
    static final int DEAD_LETTER_ROOM = 4 * 1024;
    /** Below this an event has no room for ids of any useful length. */
    public static final int MIN_EVENT_BYTES = 1024;
    /** Per JSON-escaped id in an answer, beyond twice its bytes (every byte may be escaped): quotes, name, score. */
    private static final int ANSWER_ITEM_OVERHEAD = 64;
    /** An answer's or a state's fixed fields: model name, line, version, times. */
    private static final int FIXED_FIELDS = 1024;

    public EventLimits {
        if (maxIdBytes < 1) {
            throw new IllegalArgumentException("max id bytes must be at least 1, not " + maxIdBytes);
        }
        if (maxEventBytes < MIN_EVENT_BYTES) {
            throw new IllegalArgumentException("max event bytes must be at least " + MIN_EVENT_BYTES + ", not "
                    + maxEventBytes);
        }
        long needed = (long) maxEventBytes + DEAD_LETTER_ROOM + FRAMING_MARGIN;
        if (maxRecordBytes < needed) {
            throw new IllegalArgumentException("max record bytes " + maxRecordBytes + " leaves no room to dead-letter "
                    + "or re-key events of up to " + maxEventBytes + " bytes: it must be at least " + needed);
        }
    }

    /**
     * The largest record the app sends: its producer's {@code max.request.size}, and what every answer, state and
     * dead letter is checked against before it is written.
     */
    public int maxWriteBytes() {
        return maxRecordBytes - FRAMING_MARGIN;
    }

    /** The strict parser for events within these limits. */
    public ClickEventParser parser() {
        return new ClickEventParser(maxIdBytes, acceptNumericIds);
    }

    public EventLimits withMaxRecordBytes(int bytes) {
        return new EventLimits(maxEventBytes, maxIdBytes, acceptNumericIds, bytes);
    }

    /**
     * These limits lowered to write into a topic that accepts records of at most {@code topicMaxMessageBytes}: the
     * record limit, and the event limit when events of the configured size could no longer be dead-lettered whole.
     *
     * @throws IllegalArgumentException when the topic leaves no room for events of even {@link #MIN_EVENT_BYTES}
     */
    public EventLimits fittedTo(String topic, int topicMaxMessageBytes) {
        if (topicMaxMessageBytes >= maxRecordBytes) {
            return this;
        }
        int events = Math.min(maxEventBytes, topicMaxMessageBytes - FRAMING_MARGIN - DEAD_LETTER_ROOM);
        if (events < MIN_EVENT_BYTES) {
            throw new IllegalArgumentException("topic " + topic + " accepts records of at most " + topicMaxMessageBytes
                    + " bytes (max.message.bytes); the app needs at least "
                    + (MIN_EVENT_BYTES + FRAMING_MARGIN + DEAD_LETTER_ROOM));
        }
        return new EventLimits(events, maxIdBytes, acceptNumericIds, topicMaxMessageBytes);
    }

    /**
     * Checks that answers of {@code topK} items and states of {@code sequenceLength} items, all of ids within
     * {@link #maxIdBytes}, stay within {@link #maxWriteBytes}: otherwise a run of long ids, popular enough to be
     * every fallback answer, would have every event dead-lettered. Item ids a model brings are checked per record.
     *
     * @throws IllegalArgumentException naming the settings to change
     */
    public void checkFits(int topK, int sequenceLength) {
        // An answer repeats the session key, user and clicked item, and lists top-K items; in JSON every byte of an
        // id may need an escape.
        long answer = (long) (topK + 3) * (2L * maxIdBytes + ANSWER_ITEM_OVERHEAD) + FIXED_FIELDS;
        // A state keeps the last L items and the user, each with a 4-byte length.
        long state = (long) (sequenceLength + 1) * (maxIdBytes + Integer.BYTES) + FIXED_FIELDS;
        if (Math.max(answer, state) > maxWriteBytes()) {
            throw new IllegalArgumentException(String.format("ids of up to %d bytes make %s of up to %d bytes, over "
                    + "the %d bytes a record may have; lower the id limit or %s, or raise the record limit",
                    maxIdBytes, answer >= state ? "answers of " + topK + " items" : "states of " + sequenceLength
                            + " items", Math.max(answer, state), maxWriteBytes(),
                    answer >= state ? "top-K" : "the sequence length"));
        }
    }
}
