package io.streamrec.torture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs every acknowledged input with its outcomes. A dead letter names its input by topic, partition and offset; a
 * recommendation names it by {@link Identity}, matched as a multiset (two inputs with one identity need two answers
 * of it). Dead letters of records the app re-sent through its rekeyed-events topic name that topic, so they are
 * matched by the identity of their bytes, like answers.
 */
public final class OutcomeMatcher {
    private static final int MAX_EXAMPLES = 5;
    private final String eventsTopic;

    public OutcomeMatcher(String eventsTopic) {
        this.eventsTopic = eventsTopic;
    }

    public OutcomeTally match(Collection<SentRecord> sent, Collection<Identity> answers,
                              Collection<DeadLetter> deadLetters) {
        Map<Long, Integer> lettersByOffset = new HashMap<>();
        // per identity: [inputs still waiting for an answer, answers with it]
        Map<Identity, long[]> byIdentity = new HashMap<>();
        long unexpected = 0;
        for (DeadLetter letter : deadLetters) {
            if (eventsTopic.equals(letter.sourceTopic()) && letter.sourcePartition() >= 0) {
                lettersByOffset.merge(position(letter.sourcePartition(), letter.sourceOffset()), 1, Integer::sum);
            } else if (letter.identity() != null) {
                byIdentity.computeIfAbsent(letter.identity(), k -> new long[2])[1]++;
            } else {
                unexpected++;
            }
        }
        for (Identity answer : answers) {
            byIdentity.computeIfAbsent(answer, k -> new long[2])[1]++;
        }
        long lost = 0;
        long duplicated = 0;
        List<String> examples = new ArrayList<>();
        Map<Identity, Boolean> known = new HashMap<>();
        for (SentRecord record : sent) {
            Integer letters = lettersByOffset.remove(position(record.partition(), record.offset()));
            if (record.identity() != null) {
                known.put(record.identity(), Boolean.TRUE);
            }
            if (letters != null) {
                duplicated += letters - 1;
                if (letters > 1) {
                    example(examples, letters + " dead letters for offset " + record.partition() + "@"
                            + record.offset());
                }
                continue;
            }
            if (record.identity() == null) {
                lost++;
                example(examples, "nothing for offset " + record.partition() + "@" + record.offset());
            } else {
                byIdentity.computeIfAbsent(record.identity(), k -> new long[2])[0]++;
            }
        }
        // dead letters left over name offsets that no acknowledged input has
        for (int count : lettersByOffset.values()) {
            unexpected += count;
        }
        for (Map.Entry<Identity, long[]> entry : byIdentity.entrySet()) {
            long waiting = entry.getValue()[0];
            long got = entry.getValue()[1];
            if (waiting > 0) {
                lost += Math.max(0, waiting - got);
                duplicated += Math.max(0, got - waiting);
                if (waiting != got) {
                    example(examples, got + " answers for " + waiting + " input(s) of " + entry.getKey());
                }
            } else if (known.containsKey(entry.getKey())) {
                // its inputs were all dead-lettered already: a second outcome
                duplicated += got;
                example(examples, got + " answers besides a dead letter for " + entry.getKey());
            } else {
                unexpected += got;
            }
        }
        return new OutcomeTally(sent.size(), answers.size(), deadLetters.size(), lost, duplicated, unexpected,
                examples);
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(example);
        }
    }

    /** One number for a record's partition and offset, for sets of positions. */
    static long position(int partition, long offset) {
        return ((long) partition << 44) | offset;
    }
}
