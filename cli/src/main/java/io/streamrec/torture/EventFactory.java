package io.streamrec.torture;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventSerde;
import java.nio.charset.StandardCharsets;

/** Valid click events as a well-behaved producer writes them: keyed by session, every field set. */
public final class EventFactory {
    private final ClickEventSerde serde = new ClickEventSerde();
    private final EventClock clock;

    public EventFactory(EventClock clock) {
        this.clock = clock;
    }

    /** The next unique time, for events built elsewhere (mutated ones). */
    public long nextTime() {
        return clock.next();
    }

    /** A click of {@code sessionId} on {@code itemId} at the next unique time, by user {@code userId}. */
    public FuzzRecord click(String sessionId, String userId, String itemId) {
        long time = clock.next();
        ClickEvent event = new ClickEvent(sessionId, userId, itemId, time, "click");
        return new FuzzRecord(sessionId.getBytes(StandardCharsets.UTF_8), serde.toBytes(event), time, null);
    }
}
