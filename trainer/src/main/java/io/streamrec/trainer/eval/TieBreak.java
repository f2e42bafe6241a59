package io.streamrec.trainer.eval;

/**
 * How a count-based baseline orders candidates of equal score. Counts tie often (two items that each followed the
 * current item once), and the protocol's conservative ties count every tie against the model, which punishes such
 * baselines for an arbitrary choice no deployed recommender would leave open. {@link #POPULARITY} orders equal scores
 * by training popularity, the usual choice.
 */
public enum TieBreak {
    NONE,
    POPULARITY;

    /** Per item index, in [0, 1], for {@link ItemRules}; null for {@link #NONE}. */
    public double[] weights(float[] counts) {
        if (this == NONE) {
            return null;
        }
        double max = 0;
        for (float c : counts) {
            max = Math.max(max, c);
        }
        double[] w = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            w[i] = max == 0 ? 0 : counts[i] / max;
        }
        return w;
    }
}
