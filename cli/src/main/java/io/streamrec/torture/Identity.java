package io.streamrec.torture;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventParser;
import java.util.Optional;

/**
 * What links an answer to the event it answers: the session key and the event time, as the app derives them. Every
 * generated event gets a timestamp of its own, so for unmutated events the pair is unique; a mutation may change
 * either part, which is why matching counts identities as a multiset.
 */
public record Identity(String sessionKey, long eventTimestamp) {
    private static final ClickEventParser EVENTS = ClickEventParser.strict();

    /**
     * The identity the app will answer {@code value} under, or empty when the app must dead-letter it. Parsed with the
     * app's own strict parser at its default limits and validated as the app does, so the prediction follows what the
     * app accepts, not what the harness thinks it should. Without a {@code timestamp} field the event takes the record's time.
     */
    public static Optional<Identity> expected(byte[] value, long recordTimestamp) {
        ClickEvent event;
        try {
            event = value == null ? null : EVENTS.parse(value);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (event == null || event.validationError().isPresent()) {
            return Optional.empty();
        }
        long time = event.timestamp() != null ? event.timestamp() : recordTimestamp;
        return Optional.of(new Identity(event.sessionKey(), time));
    }
}
