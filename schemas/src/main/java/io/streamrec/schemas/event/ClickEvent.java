package io.streamrec.schemas.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * One interaction of a user with an item, as producers write it to the events topic.
 *
 * <p>JSON, so that any producer can write it, kcat included:
 * {@code {"sessionId":"s-17","userId":"u-3","itemId":"214536502","timestamp":1396321337000,"eventType":"click"}}.
 * Only {@code itemId} and one of {@code sessionId} / {@code userId} are required. {@code timestamp} is epoch
 * milliseconds; without it the record's Kafka timestamp is used.
 *
 * <p>Producers key each record by {@link #sessionKey()} so that one session's events share a partition and
 * therefore a state store.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClickEvent(String sessionId, String userId, String itemId, Long timestamp, String eventType) {

    public static ClickEvent click(String sessionId, String itemId, long timestamp) {
        return new ClickEvent(sessionId, null, itemId, timestamp, null);
    }

    /** The key that session state is kept under: the session id, or the user id for events without one. */
    @JsonIgnore
    public String sessionKey() {
        if (!isBlank(sessionId)) {
            return sessionId;
        }
        return "user:" + userId;
    }

    /** Why this event cannot be processed, or empty when it can. */
    public Optional<String> validationError() {
        if (isBlank(itemId)) {
            return Optional.of("missing itemId");
        }
        if (isBlank(sessionId) && isBlank(userId)) {
            return Optional.of("missing both sessionId and userId");
        }
        if (timestamp != null && timestamp < 0) {
            return Optional.of("negative timestamp " + timestamp);
        }
        return Optional.empty();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
