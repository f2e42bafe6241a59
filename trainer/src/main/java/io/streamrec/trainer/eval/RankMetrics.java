package io.streamrec.trainer.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates the rank of the true next item for each prediction and reports Recall@K (= HR@K), MRR@K and NDCG@K
 * for K in {@link #CUTOFFS}. A rank beyond K scores 0 for all three at that K.
 */
public final class RankMetrics {
    public static final int[] CUTOFFS = {1, 5, 10, 20};

    private long predictions;
    private final long[] hits = new long[CUTOFFS.length];
    private final double[] reciprocal = new double[CUTOFFS.length];
    private final double[] dcg = new double[CUTOFFS.length];

    /** Records one prediction whose true item ranked {@code rank} (1 = best). */
    public void add(long rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("ranks start at 1, got " + rank);
        }
        predictions++;
        for (int i = 0; i < CUTOFFS.length; i++) {
            if (rank <= CUTOFFS[i]) {
                hits[i]++;
                reciprocal[i] += 1.0 / rank;
                dcg[i] += 1.0 / (Math.log(rank + 1) / Math.log(2));
            }
        }
    }

    public long predictions() {
        return predictions;
    }

    public double recall(int k) {
        return predictions == 0 ? 0 : (double) hits[index(k)] / predictions;
    }

    public double mrr(int k) {
        return predictions == 0 ? 0 : reciprocal[index(k)] / predictions;
    }

    public double ndcg(int k) {
        return predictions == 0 ? 0 : dcg[index(k)] / predictions;
    }

    /** {@code recall@20}, {@code mrr@20}, {@code ndcg@20}, ... with an optional prefix such as "popularity.". */
    public Map<String, Double> asMap(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k : CUTOFFS) {
            m.put(prefix + "recall@" + k, recall(k));
            m.put(prefix + "mrr@" + k, mrr(k));
            m.put(prefix + "ndcg@" + k, ndcg(k));
        }
        m.put(prefix + "predictions", (double) predictions);
        return m;
    }

    private static int index(int k) {
        for (int i = 0; i < CUTOFFS.length; i++) {
            if (CUTOFFS[i] == k) {
                return i;
            }
        }
        throw new IllegalArgumentException("K must be one of 1, 5, 10, 20; got " + k);
    }
}
