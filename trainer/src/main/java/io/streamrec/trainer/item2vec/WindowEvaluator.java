package io.streamrec.trainer.item2vec;

import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.eval.Ranks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The GRU4Rec protocol for models that read the session's last L items: after every click of a test session but the
 * last, the model scores every item from the last ≤ L clicks so far and the true next item is ranked against all
 * training items (index 1..n). Windows are scored in batches.
 */
public final class WindowEvaluator {
    private final int sequenceLength;
    private final int batch;
    private final Ranks.TieMode ties;

    public WindowEvaluator(int sequenceLength, int batch, Ranks.TieMode ties) {
        this.sequenceLength = sequenceLength;
        this.batch = batch;
        this.ties = ties;
    }

    public RankMetrics evaluate(WindowScorer scorer, List<int[]> sessions) {
        RankMetrics metrics = new RankMetrics();
        List<int[]> windows = new ArrayList<>(batch);
        List<Integer> truths = new ArrayList<>(batch);
        for (int[] session : sessions) {
            for (int i = 0; i + 1 < session.length; i++) {
                windows.add(Arrays.copyOfRange(session, Math.max(0, i + 1 - sequenceLength), i + 1));
                truths.add(session[i + 1]);
                if (windows.size() == batch) {
                    rank(scorer, windows, truths, metrics);
                }
            }
        }
        if (!windows.isEmpty()) {
            rank(scorer, windows, truths, metrics);
        }
        return metrics;
    }

    private void rank(WindowScorer scorer, List<int[]> windows, List<Integer> truths, RankMetrics metrics) {
        List<float[]> scores = scorer.scores(windows);
        for (int r = 0; r < windows.size(); r++) {
            metrics.add(Ranks.rank(scores.get(r), 1, truths.get(r), ties));
        }
        windows.clear();
        truths.clear();
    }
}
