package io.streamrec.trainer.eval;

import java.util.List;

/**
 * Evaluates a {@link SessionBaseline} by the GRU4Rec protocol, as the trainer evaluates GRU4Rec: every click after the
 * first of each test session is a prediction, the state starts empty for every test session, and the true next item
 * is ranked against all training items.
 */
public final class BaselineEvaluator {
    private BaselineEvaluator() {
    }

    /**
     * @param itemCount candidates are the indices {@code 1..itemCount}
     * @param sessions  test sessions as item indices
     */
    public static RankMetrics evaluate(SessionBaseline model, int itemCount, List<int[]> sessions,
                                       Ranks.TieMode ties) {
        return evaluate(model, itemCount, sessions, ties, null);
    }

    /**
     * As {@link #evaluate(SessionBaseline, int, List, Ranks.TieMode)}; with a {@code fallback}, the items the model
     * leaves unscored are ranked below its scored ones by popularity instead of all tying at 0.
     */
    public static RankMetrics evaluate(SessionBaseline model, int itemCount, List<int[]> sessions,
                                       Ranks.TieMode ties, PopularityOrder fallback) {
        RankMetrics metrics = new RankMetrics();
        for (int[] session : sessions) {
            model.reset();
            for (int i = 0; i + 1 < session.length; i++) {
                SparseScores scores = model.next(session[i]);
                metrics.add(scores.rank(itemCount, session[i + 1], ties, fallback));
            }
        }
        return metrics;
    }
}
