package io.streamrec.trainer.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Weighted rules "after item a comes item b", stored sparsely (compressed rows: for each a, its successors b with
 * summed weights), built from training sessions by a pair generator. Memory is proportional to the pairs the
 * generator emits, never to items squared.
 */
final class ItemRules {
    /** Emits the weighted pairs of one session. */
    interface PairGenerator {
        void pairs(int[] session, PairSink sink);
    }

    interface PairSink {
        void add(int from, int to, double weight);
    }

    private static final double TIE_BREAK_SCALE = 1e-6;

    private final int itemCount;
    private final int[] offsets;
    private final int[] targets;
    private final double[] weights;

    private ItemRules(int itemCount, int[] offsets, int[] targets, double[] weights) {
        this.itemCount = itemCount;
        this.offsets = offsets;
        this.targets = targets;
        this.weights = weights;
    }

    /** Two passes over the sessions: count the pairs of each source item, then place them and merge duplicates. */
    static ItemRules build(int itemCount, List<int[]> sessions, PairGenerator generator) {
        return build(itemCount, sessions, generator, null);
    }

    /**
     * As {@link #build(int, List, PairGenerator)}; with {@code tieBreak} (one value per item index, in [0, 1]) every
     * rule's weight gains {@code 1e-6 × tieBreak[b]}, so rules of equal weight rank by it (for example by popularity)
     * instead of all tying. The nudge is far below the smallest weight difference rules can have (1/window²).
     */
    static ItemRules build(int itemCount, List<int[]> sessions, PairGenerator generator, double[] tieBreak) {
        long[] counts = new long[itemCount + 2];
        for (int[] session : sessions) {
            generator.pairs(session, (from, to, weight) -> counts[check(from, itemCount) + 1]++);
        }
        int[] offsets = new int[itemCount + 2];
        long total = 0;
        for (int a = 0; a <= itemCount; a++) {
            total += counts[a + 1];
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than 2^31 rule occurrences; use a smaller window");
            }
            offsets[a + 1] = (int) total;
        }
        int[] targets = new int[(int) total];
        double[] weights = new double[(int) total];
        int[] cursor = Arrays.copyOf(offsets, offsets.length);
        for (int[] session : sessions) {
            generator.pairs(session, (from, to, weight) -> {
                int at = cursor[from]++;
                targets[at] = check(to, itemCount);
                weights[at] = weight;
            });
        }
        // merge duplicate targets row by row, compacting in place (the write position never passes the read one)
        double[] sum = new double[itemCount + 1];
        boolean[] seen = new boolean[itemCount + 1];
        int[] touched = new int[itemCount + 1];
        int write = 0;
        for (int a = 0; a <= itemCount; a++) {
            int start = offsets[a];
            int end = offsets[a + 1];
            int distinct = 0;
            for (int i = start; i < end; i++) {
                int b = targets[i];
                if (!seen[b]) {
                    seen[b] = true;
                    touched[distinct++] = b;
                }
                sum[b] += weights[i];
            }
            Arrays.sort(touched, 0, distinct);
            offsets[a] = write;
            for (int i = 0; i < distinct; i++) {
                int b = touched[i];
                targets[write] = b;
                weights[write] = sum[b] + (tieBreak == null ? 0 : TIE_BREAK_SCALE * tieBreak[b]);
                write++;
                sum[b] = 0;
                seen[b] = false;
            }
        }
        offsets[itemCount + 1] = write;
        return new ItemRules(itemCount, offsets, Arrays.copyOf(targets, write), Arrays.copyOf(weights, write));
    }

    private static int check(int item, int itemCount) {
        if (item < 1 || item > itemCount) {
            throw new IllegalArgumentException("item index " + item + " outside 1.." + itemCount);
        }
        return item;
    }

    /** The successors of {@code item} with their weights; empty for an item outside the catalogue. */
    SparseScores successors(int item) {
        if (item < 1 || item > itemCount) {
            return SparseScores.EMPTY;
        }
        return new SparseScores(targets, weights, offsets[item], offsets[item + 1]);
    }

    /** Distinct (a, b) rules. */
    int size() {
        return targets.length;
    }
}
