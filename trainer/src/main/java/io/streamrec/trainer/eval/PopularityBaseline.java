package io.streamrec.trainer.eval;

import java.util.List;

/** Ranks every next item by its training click count: the floor any sequence model must clear. */
public final class PopularityBaseline {
    private PopularityBaseline() {
    }

    /**
     * @param counts   training clicks per item index (index 0, padding, is not a candidate)
     * @param sessions test sessions as item indices
     */
    public static RankMetrics evaluate(float[] counts, List<int[]> sessions, Ranks.TieMode ties) {
        RankMetrics metrics = new RankMetrics();
        for (int[] session : sessions) {
            for (int i = 1; i < session.length; i++) {
                metrics.add(Ranks.rank(counts, 1, session[i], ties));
            }
        }
        return metrics;
    }
}
