package io.streamrec.trainer.caser;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Draws Caser's negatives uniformly from the items a sequence never contains: for a user's training history that is
 * every item the user did not interact with, as in the paper's training; for an anonymous session, every item outside
 * that session.
 */
final class NegativeSampler {
    /** Rejection gives up after this many draws (a sequence holding nearly the whole catalogue) and keeps the last. */
    private static final int MAX_TRIES = 64;

    private final int itemCount;
    private final int[][] excluded;

    NegativeSampler(List<int[]> sequences, int itemCount) {
        this.itemCount = itemCount;
        this.excluded = new int[sequences.size()][];
        for (int q = 0; q < excluded.length; q++) {
            excluded[q] = Arrays.stream(sequences.get(q)).distinct().sorted().toArray();
        }
    }

    /** Fills {@code into[at .. at + count)} with negatives for sequence {@code sequence}. */
    void draw(int sequence, Random random, long[] into, int at, int count) {
        int[] own = excluded[sequence];
        for (int i = 0; i < count; i++) {
            int item = 1 + random.nextInt(itemCount);
            for (int tries = 1; tries < MAX_TRIES && Arrays.binarySearch(own, item) >= 0; tries++) {
                item = 1 + random.nextInt(itemCount);
            }
            into[at + i] = item;
        }
    }
}
