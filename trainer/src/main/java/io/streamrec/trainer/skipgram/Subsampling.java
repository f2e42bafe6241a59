package io.streamrec.trainer.skipgram;

/**
 * Subsampling of frequent items (Item2Vec, after word2vec): a click on item w is discarded with
 * <pre>  p(discard | w) = 1 − sqrt(ρ / f(w))  </pre>
 * where f(w) is w's share of all training clicks, clamped to [0, 1] (items rarer than ρ are always kept). Frequent
 * items then contribute fewer pairs, so they neither dominate the updates nor become everyone's neighbour.
 */
public final class Subsampling {
    private final float[] keep;

    /** @param counts training clicks per item index (index 0, padding, unused); rho 0 keeps everything */
    public Subsampling(float[] counts, double rho) {
        double total = 0;
        for (int i = 1; i < counts.length; i++) {
            total += counts[i];
        }
        keep = new float[counts.length];
        for (int i = 1; i < counts.length; i++) {
            keep[i] = rho <= 0 || counts[i] <= 0 ? 1f
                    : (float) (1 - discardProbability(counts[i] / total, rho));
        }
    }

    /** The paper's formula, clamped to [0, 1]. */
    public static double discardProbability(double frequency, double rho) {
        if (rho <= 0 || frequency <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 - Math.sqrt(rho / frequency)));
    }

    public float keepProbability(int item) {
        return keep[item];
    }

    /** The session with each click kept with its keep probability (order preserved). */
    public int[] apply(int[] session, java.util.SplittableRandom random) {
        int[] kept = new int[session.length];
        int n = 0;
        for (int item : session) {
            if (keep[item] >= 1f || random.nextFloat() < keep[item]) {
                kept[n++] = item;
            }
        }
        return n == kept.length ? kept : java.util.Arrays.copyOf(kept, n);
    }
}
