package io.streamrec.trainer.skipgram;

import java.util.SplittableRandom;

/**
 * Draws item indices 1..n with probability ∝ clicks^power (word2vec's unigram^0.75 by default; 0 = uniform), by
 * binary search in the cumulative distribution: O(log n) a draw, no table that grows with the number of clicks.
 */
public final class NegativeSampler {
    private final double[] cumulative;

    /** @param counts clicks per item index; index 0 (padding) is never drawn */
    public NegativeSampler(float[] counts, double power) {
        cumulative = new double[counts.length];
        double sum = 0;
        for (int i = 1; i < counts.length; i++) {
            // an item seen in training has a count ≥ 1; max(…, 1) keeps power 0 uniform and never starves an item
            sum += Math.pow(Math.max(counts[i], 1f), power);
            cumulative[i] = sum;
        }
        for (int i = 1; i < counts.length; i++) {
            cumulative[i] /= sum;
        }
    }

    public int next(SplittableRandom random) {
        double u = random.nextDouble();
        int lo = 1;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The probability of drawing {@code item}. */
    public double probability(int item) {
        return cumulative[item] - cumulative[item - 1];
    }
}
