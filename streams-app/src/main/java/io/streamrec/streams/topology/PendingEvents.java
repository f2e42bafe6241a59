package io.streamrec.streams.topology;

import io.streamrec.streams.session.SessionState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * The events one task has taken in and not yet answered, in arrival order, at most one per session: a session's next
 * event needs the state its previous answer leaves, so the processor answers the batch before accepting a second
 * event of a session in it.
 */
final class PendingEvents {
    /**
     * One event waiting for its answer.
     *
     * @param input         the input record, keyed by {@code key}: dead-lettered instead if its answer cannot be written
     * @param state         the session after the click, before any model advanced on it
     * @param line          the model line the session is routed to
     * @param recordContext the input record's context, to answer it with (see {@link DeferredForwarding})
     * @param arrivedNanos  when processing of the event started
     */
    record Pending(String key, Record<byte[], byte[]> input, SessionState state, String line, String itemId,
                   long eventTime, ProcessorRecordContext recordContext, long arrivedNanos) {
    }

    private final List<Pending> events = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    boolean holds(String key) {
        return keys.contains(key);
    }

    void add(Pending event) {
        if (!keys.add(event.key())) {
            throw new IllegalStateException("session " + event.key() + " already has an event in the batch");
        }
        events.add(event);
    }

    int size() {
        return events.size();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** Whether the oldest event has waited at least {@code nanos} at time {@code now} (System.nanoTime). */
    boolean oldestWaited(long nanos, long now) {
        return !events.isEmpty() && now - events.get(0).arrivedNanos() >= nanos;
    }

    /** Takes every pending event, oldest first, leaving none. */
    List<Pending> drain() {
        List<Pending> batch = new ArrayList<>(events);
        events.clear();
        keys.clear();
        return batch;
    }

    void clear() {
        events.clear();
        keys.clear();
    }
}
