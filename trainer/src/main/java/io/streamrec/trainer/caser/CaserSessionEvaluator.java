package io.streamrec.trainer.caser;

import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.eval.Ranks;
import java.util.List;

/**
 * Evaluates Caser by the GRU4Rec protocol: after every click of a test session but the last, the true next item is
 * ranked against every item, from the (up to) L clicks so far and the session's user (0 when unknown). Predictions are
 * scored in batches across sessions.
 */
public final class CaserSessionEvaluator {
    private static final int BATCH = 512;

    private CaserSessionEvaluator() {
    }

    /**
     * @param sessions test sessions as item indices
     * @param userOf   each session's user index (0 = unknown)
     */
    public static RankMetrics evaluate(CaserModel model, List<int[]> sessions, int[] userOf, Ranks.TieMode ties) {
        int l = model.config().sequenceLength();
        int n = model.itemCount() + 1;
        RankMetrics metrics = new RankMetrics();
        long[] windows = new long[BATCH * l];
        long[] users = new long[BATCH];
        int[] truth = new int[BATCH];
        int size = 0;
        for (int s = 0; s < sessions.size(); s++) {
            int[] session = sessions.get(s);
            for (int i = 1; i < session.length; i++) {
                CaserModel.window(session, i, l, windows, size * l);
                users[size] = userOf[s];
                truth[size++] = session[i];
                if (size == BATCH) {
                    rank(model.scores(windows, users), n, truth, size, ties, metrics);
                    size = 0;
                }
            }
        }
        if (size > 0) {
            rank(model.scores(java.util.Arrays.copyOf(windows, size * l), java.util.Arrays.copyOf(users, size)), n,
                    truth, size, ties, metrics);
        }
        return metrics;
    }

    private static void rank(float[] scores, int n, int[] truth, int size, Ranks.TieMode ties, RankMetrics metrics) {
        float[] row = new float[n];
        for (int b = 0; b < size; b++) {
            System.arraycopy(scores, b * n, row, 0, n);
            metrics.add(Ranks.rank(row, 1, truth[b], ties));
        }
    }
}
