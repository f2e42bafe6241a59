package io.streamrec.trainer.eval.holdout;

/**
 * Evaluates a model on a {@link HoldoutSplit}: for each user with held-out items, every item is scored, the user's
 * training items (and padding) are removed, and the held-out items' ranks in the rest feed {@link HoldoutMetrics}.
 * Equal scores are ordered by item index, the more popular item first, so a ranking is always total.
 */
public final class HoldoutEvaluator {
    private static final int BATCH = 256;

    /** A model as the protocol sees it: full score vectors [itemCount + 1] for a batch of user indices. */
    @FunctionalInterface
    public interface UserScorer {
        float[][] scores(int[] users);
    }

    private HoldoutEvaluator() {
    }

    public static HoldoutMetrics evaluate(HoldoutSplit split, UserScorer scorer) {
        HoldoutMetrics metrics = new HoldoutMetrics();
        int[] batch = new int[BATCH];
        int size = 0;
        for (int u = 1; u <= split.userCount(); u++) {
            if (split.test().get(u - 1).length == 0) {
                continue;
            }
            batch[size++] = u;
            if (size == BATCH) {
                score(split, scorer, java.util.Arrays.copyOf(batch, size), metrics);
                size = 0;
            }
        }
        if (size > 0) {
            score(split, scorer, java.util.Arrays.copyOf(batch, size), metrics);
        }
        return metrics;
    }

    private static void score(HoldoutSplit split, UserScorer scorer, int[] users, HoldoutMetrics metrics) {
        float[][] scores = scorer.scores(users);
        for (int b = 0; b < users.length; b++) {
            int u = users[b];
            metrics.add(ranks(scores[b], split.train().get(u - 1), split.test().get(u - 1)));
        }
    }

    /**
     * The 1-based ranks of {@code held} among items 1..N except {@code excluded}, by descending score, ties to the
     * lower index.
     */
    public static int[] ranks(float[] scores, int[] excluded, int[] held) {
        boolean[] out = new boolean[scores.length];
        out[0] = true;
        for (int item : excluded) {
            out[item] = true;
        }
        int[] ranks = new int[held.length];
        for (int h = 0; h < held.length; h++) {
            int target = held[h];
            float s = scores[target];
            int above = 0;
            for (int i = 1; i < scores.length; i++) {
                if (!out[i] && i != target && (scores[i] > s || (scores[i] == s && i < target))) {
                    above++;
                }
            }
            ranks[h] = above + 1;
        }
        return ranks;
    }

    /** Every user gets the items' training counts as scores: the popularity baseline. */
    public static UserScorer popularity(HoldoutSplit split) {
        float[] counts = split.itemCounts();
        return users -> {
            float[][] scores = new float[users.length][];
            java.util.Arrays.fill(scores, counts);
            return scores;
        };
    }
}
