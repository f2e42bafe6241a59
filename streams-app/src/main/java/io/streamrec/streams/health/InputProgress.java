package io.streamrec.streams.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells, from successive readings of an input partition's offsets, whether the app is still getting through it: a
 * partition stalls when records wait past its committed offset and that offset has not moved for a while. Kept apart
 * from reading the offsets so that the rule is tested on its own.
 */
final class InputProgress {
    private final Map<TopicPartition, Since> unchanged = new HashMap<>();

    /**
     * Where the app stands on one partition.
     *
     * @param committed  the app's committed offset (the next record it will read), -1 before its first commit
     * @param logEnd     the partition's end, transactional records included
     * @param lastStable the end a read-committed reader can reach: below {@code logEnd} while a transaction is open
     */
    record Offsets(long committed, long logEnd, long lastStable) {
        long waiting() {
            return Math.max(0, logEnd - Math.max(committed, 0));
        }

        /** The app has read all it may and what remains sits behind an open transaction. */
        boolean behindOpenTransaction() {
            return lastStable < logEnd && committed >= lastStable;
        }
    }

    /** A partition the app has not advanced on for {@code waited} while {@code offsets.waiting()} records wait. */
    record Stall(TopicPartition partition, Offsets offsets, Duration waited) {
        String describe() {
            return String.format("input %s: %,d records waiting, committed offset %d unchanged for %d s%s", partition,
                    offsets.waiting(), offsets.committed(), waited.toSeconds(), offsets.behindOpenTransaction()
                            ? " (behind a transaction left open at offset " + offsets.lastStable() + ")"
                            : "");
        }
    }

    private record Since(long committed, long sinceMillis) {
    }

    /**
     * Takes one reading of every partition this instance reads now (others are forgotten) and returns those stalled
     * for at least {@code stallAfter}.
     */
    List<Stall> update(Map<TopicPartition, Offsets> reading, long nowMillis, Duration stallAfter) {
        unchanged.keySet().retainAll(reading.keySet());
        List<Stall> stalls = new ArrayList<>();
        reading.forEach((partition, offsets) -> {
            Since since = unchanged.get(partition);
            if (since == null || since.committed() != offsets.committed() || offsets.waiting() == 0) {
                // Moving, or nothing to move on to: the clock starts again.
                unchanged.put(partition, new Since(offsets.committed(), nowMillis));
                return;
            }
            Duration waited = Duration.ofMillis(nowMillis - since.sinceMillis());
            if (waited.compareTo(stallAfter) >= 0) {
                stalls.add(new Stall(partition, offsets, waited));
            }
        });
        stalls.sort((a, b) -> a.partition().toString().compareTo(b.partition().toString()));
        return stalls;
    }
}
