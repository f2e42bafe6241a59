package io.streamrec.torture;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands every generated event a timestamp of its own (one millisecond apart), so that an answer's session key and
 * event time name one event. The clock starts a day in the past: a broker refuses record times too far in the future,
 * and a run of up to 86 million events stays behind the wall clock, well inside the default retention.
 */
public final class EventClock {
    private final AtomicLong next;

    public EventClock() {
        this(System.currentTimeMillis() - 24L * 3600 * 1000);
    }

    public EventClock(long start) {
        this.next = new AtomicLong(start);
    }

    public long next() {
        return next.getAndIncrement();
    }
}
