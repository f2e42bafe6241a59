package io.streamrec.trainer.eval;

/**
 * {@link PopularityBaseline} as a {@link SessionBaseline}: every item scored by its training clicks, whatever the
 * session did, so it ranks exactly as {@link PopularityBaseline#evaluate} does.
 */
public final class PopularityScores implements SessionBaseline {
    private final SparseScores scores;

    /** @param counts training clicks per item index (index 0, padding, is ignored) */
    public PopularityScores(float[] counts) {
        int n = counts.length - 1;
        int[] items = new int[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            items[i] = i + 1;
            values[i] = counts[i + 1];
        }
        this.scores = new SparseScores(items, values, 0, n);
    }

    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public SparseScores next(int item) {
        return scores;
    }
}
