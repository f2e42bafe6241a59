package io.streamrec.trainer.gru4rec;

import java.util.Random;

/**
 * Draws negative items with probability proportional to popularity^alpha (alpha 0 = uniform, 1 = as popular as they
 * are). Popular items are the hard negatives a softmax over mini-batch targets sees too rarely otherwise.
 */
final class NegativeSampler {
    private final double[] cumulative;
    private final Random random;

    NegativeSampler(float[] itemCounts, double alpha, long seed) {
        cumulative = new double[itemCounts.length];
        double total = 0;
        for (int i = 1; i < itemCounts.length; i++) {
            total += Math.pow(itemCounts[i], alpha);
            cumulative[i] = total;
        }
        this.random = new Random(seed);
    }

    long[] draw(int n) {
        long[] items = new long[n];
        double total = cumulative[cumulative.length - 1];
        for (int s = 0; s < n; s++) {
            double u = random.nextDouble() * total;
            int lo = 1;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            items[s] = lo;
        }
        return items;
    }
}
