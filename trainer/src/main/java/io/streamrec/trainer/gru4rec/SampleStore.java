package io.streamrec.trainer.gru4rec;

import java.util.Random;

/**
 * GRU4Rec's shared negative samples (Hidasi &amp; Karatzoglou, CIKM 2018): items drawn with probability proportional to
 * popularity^alpha (alpha 0 = uniform, 1 = as popular as they are), {@code perBatch} at a time, one set shared by every
 * row of a mini-batch. Draws are made ahead in bulk into a store of {@code capacity} items (rounded down to whole
 * mini-batches, at least one), by the alias method (O(1) per draw), and the store is refilled only when used up, so a
 * training step only copies {@code perBatch} indices.
 */
public final class SampleStore {
    private final double[] probability;
    private final double[] aliasProbability;
    private final int[] alias;
    private final int[] store;
    private final int perBatch;
    private final Random random;
    private int position;
    private long refills;

    /**
     * @param itemCounts clicks per item index; index 0 (padding) is never drawn
     * @param alpha      popularity exponent
     * @param perBatch   draws per mini-batch ({@code n_sample})
     * @param capacity   draws to make ahead (the store size)
     */
    public SampleStore(float[] itemCounts, double alpha, int perBatch, long capacity, long seed) {
        if (perBatch < 1 || itemCounts.length < 2) {
            throw new IllegalArgumentException("need at least one draw per batch and one item");
        }
        int n = itemCounts.length;
        probability = new double[n];
        double total = 0;
        for (int i = 1; i < n; i++) {
            probability[i] = itemCounts[i] > 0 ? Math.pow(itemCounts[i], alpha) : 0;
            total += probability[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("no item has a positive count");
        }
        for (int i = 1; i < n; i++) {
            probability[i] /= total;
        }
        // Vose's alias method over indices 1..n-1.
        int m = n - 1;
        aliasProbability = new double[m];
        alias = new int[m];
        double[] scaled = new double[m];
        int[] small = new int[m];
        int[] large = new int[m];
        int smallSize = 0;
        int largeSize = 0;
        for (int i = 0; i < m; i++) {
            scaled[i] = probability[i + 1] * m;
            if (scaled[i] < 1) {
                small[smallSize++] = i;
            } else {
                large[largeSize++] = i;
            }
        }
        while (smallSize > 0 && largeSize > 0) {
            int s = small[--smallSize];
            int l = large[--largeSize];
            aliasProbability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) {
                small[smallSize++] = l;
            } else {
                large[largeSize++] = l;
            }
        }
        while (largeSize > 0) {
            aliasProbability[large[--largeSize]] = 1;
        }
        while (smallSize > 0) {
            aliasProbability[small[--smallSize]] = 1;
        }
        this.perBatch = perBatch;
        long batches = Math.max(1, Math.min(capacity, Integer.MAX_VALUE - 8) / perBatch);
        this.store = new int[(int) (batches * perBatch)];
        this.random = new Random(seed);
        fill();
    }

    private void fill() {
        int m = alias.length;
        for (int i = 0; i < store.length; i++) {
            int column = random.nextInt(m);
            store[i] = 1 + (random.nextDouble() < aliasProbability[column] ? column : alias[column]);
        }
        position = 0;
        refills++;
    }

    /** The next mini-batch's samples, written into {@code into[offset .. offset + perBatch)}. */
    public void next(long[] into, int offset) {
        if (position + perBatch > store.length) {
            fill();
        }
        for (int i = 0; i < perBatch; i++) {
            into[offset + i] = store[position + i];
        }
        position += perBatch;
    }

    /** The next mini-batch's samples. */
    public long[] next() {
        long[] out = new long[perBatch];
        next(out, 0);
        return out;
    }

    /** P(item) under the sampling distribution (for the logQ correction); 0 for padding. */
    public double probability(int item) {
        return probability[item];
    }

    public int perBatch() {
        return perBatch;
    }

    /** Draws held at once. */
    public int capacity() {
        return store.length;
    }

    /** How many times the store has been filled (1 after construction). */
    public long fills() {
        return refills;
    }
}
