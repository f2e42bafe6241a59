package io.streamrec.torture;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per kind of input (valid, or its mutation): how many were sent and how many the app dead-lettered directly. The
 * rest were answered (or lost, which the tally counts): which mutations the app takes as valid events shows here.
 */
public final class OutcomesByKind {
    private OutcomesByKind() {
    }

    /** Kind to {sent, dead-lettered}. */
    public static Map<String, long[]> of(Collection<SentRecord> sent, Collection<DeadLetter> letters,
                                         String eventsTopic) {
        Set<Long> lettered = new HashSet<>();
        for (DeadLetter letter : letters) {
            if (eventsTopic.equals(letter.sourceTopic())) {
                lettered.add(((long) letter.sourcePartition() << 44) | letter.sourceOffset());
            }
        }
        Map<String, long[]> kinds = new TreeMap<>();
        for (SentRecord record : sent) {
            long[] counts = kinds.computeIfAbsent(kind(record.mutation()), k -> new long[2]);
            counts[0]++;
            if (lettered.contains(((long) record.partition() << 44) | record.offset())) {
                counts[1]++;
            }
        }
        return kinds;
    }

    static String kind(Mutation mutation) {
        return mutation == null ? "valid" : mutation.name().toLowerCase(Locale.ROOT);
    }
}
