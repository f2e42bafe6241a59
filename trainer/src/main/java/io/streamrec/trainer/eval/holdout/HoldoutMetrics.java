package io.streamrec.trainer.eval.holdout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paper's top-N metrics, averaged over users with at least one held-out item. For a user whose R held-out items
 * come at ranks r_1 &lt; r_2 &lt; … &lt; r_R of the full ranking:
 * <pre>
 *   Prec@K = |{j : r_j ≤ K}| / K      Recall@K = |{j : r_j ≤ K}| / R      AP = (1/R) Σ_j j / r_j
 * </pre>
 * and MAP is the mean AP (every held-out item is ranked somewhere, so AP is over the full ranking).
 */
public final class HoldoutMetrics {
    public static final int[] CUTOFFS = {1, 5, 10};

    private long users;
    private final double[] precision = new double[CUTOFFS.length];
    private final double[] recall = new double[CUTOFFS.length];
    private double averagePrecision;

    /** Adds one user from the 1-based ranks of its held-out items (any order; at least one). */
    public void add(int[] ranks) {
        if (ranks.length == 0) {
            throw new IllegalArgumentException("a user without held-out items is not evaluated");
        }
        int[] sorted = ranks.clone();
        java.util.Arrays.sort(sorted);
        if (sorted[0] < 1) {
            throw new IllegalArgumentException("ranks start at 1");
        }
        users++;
        for (int c = 0; c < CUTOFFS.length; c++) {
            int k = CUTOFFS[c];
            int hits = 0;
            while (hits < sorted.length && sorted[hits] <= k) {
                hits++;
            }
            precision[c] += (double) hits / k;
            recall[c] += (double) hits / sorted.length;
        }
        double ap = 0;
        for (int j = 0; j < sorted.length; j++) {
            ap += (j + 1.0) / sorted[j];
        }
        averagePrecision += ap / sorted.length;
    }

    public long users() {
        return users;
    }

    public double precision(int k) {
        return users == 0 ? 0 : precision[index(k)] / users;
    }

    public double recall(int k) {
        return users == 0 ? 0 : recall[index(k)] / users;
    }

    public double map() {
        return users == 0 ? 0 : averagePrecision / users;
    }

    /** {@code prec@1}, ..., {@code recall@10}, {@code map}, {@code users}, with an optional prefix. */
    public Map<String, Double> asMap(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k : CUTOFFS) {
            m.put(prefix + "prec@" + k, precision(k));
        }
        for (int k : CUTOFFS) {
            m.put(prefix + "recall@" + k, recall(k));
        }
        m.put(prefix + "map", map());
        m.put(prefix + "users", (double) users);
        return m;
    }

    /** "MAP 0.1720, P@1 0.3010, ..." for logs. */
    public String describe() {
        return String.format("MAP %.4f, P@1 %.4f, P@5 %.4f, P@10 %.4f, R@1 %.4f, R@5 %.4f, R@10 %.4f (%,d users)",
                map(), precision(1), precision(5), precision(10), recall(1), recall(5), recall(10), users);
    }

    private static int index(int k) {
        for (int i = 0; i < CUTOFFS.length; i++) {
            if (CUTOFFS[i] == k) {
                return i;
            }
        }
        throw new IllegalArgumentException("K must be one of 1, 5, 10; got " + k);
    }
}
