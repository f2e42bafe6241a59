package io.streamrec.trainer.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A trained model under the session protocol (the GRU4Rec protocol): after every click of a test session but the
 * last, the model scores every item from the clicks so far, each test session starting from nothing, and the true
 * next item is ranked against all training items (index 1..n). A family says how its model walks the sessions (a
 * recurrent model steps through them, a window model scores prefixes in batches); ranking and counting are done
 * here, once, for every family.
 */
@FunctionalInterface
public interface SessionPredictor {
    /** Receives one prediction: every item's score (valid during the call only) and the true next item's index. */
    @FunctionalInterface
    interface Prediction {
        void accept(float[] scores, int truth);
    }

    /**
     * Hands {@code sink} one prediction per click of each session but the last.
     *
     * @param sessions test sessions as item indices
     * @param ids      each session's id (null entries when there are none)
     */
    void predict(List<int[]> sessions, List<String> ids, Prediction sink);

    /** The protocol's figures: each true next item's rank, ties counted by {@code ties}. */
    default RankMetrics evaluate(List<int[]> sessions, List<String> ids, Ranks.TieMode ties) {
        RankMetrics metrics = new RankMetrics();
        predict(sessions, ids, (scores, truth) -> metrics.add(Ranks.rank(scores, 1, truth, ties)));
        return metrics;
    }

    /** {@code count} null ids: sessions without ids. */
    static List<String> anonymous(int count) {
        return Collections.nCopies(count, null);
    }

    /**
     * Every prefix (session[0..i], the true item session[i + 1]) scored by {@code scorer}, {@code batch} prefixes a
     * call, across sessions, in session order.
     */
    static SessionPredictor byPrefix(HistoryScorer scorer, int batch) {
        return (sessions, ids, sink) -> {
            List<int[]> prefixes = new ArrayList<>(batch);
            List<String> owners = new ArrayList<>(batch);
            int[] truths = new int[batch];
            for (int s = 0; s < sessions.size(); s++) {
                int[] session = sessions.get(s);
                for (int i = 0; i + 1 < session.length; i++) {
                    truths[prefixes.size()] = session[i + 1];
                    prefixes.add(Arrays.copyOf(session, i + 1));
                    owners.add(ids.get(s));
                    if (prefixes.size() == batch) {
                        score(scorer, prefixes, owners, truths, sink);
                    }
                }
            }
            if (!prefixes.isEmpty()) {
                score(scorer, prefixes, owners, truths, sink);
            }
        };
    }

    private static void score(HistoryScorer scorer, List<int[]> prefixes, List<String> owners, int[] truths,
                              Prediction sink) {
        List<float[]> scores = scorer.scores(prefixes, owners);
        for (int r = 0; r < prefixes.size(); r++) {
            sink.accept(scores.get(r), truths[r]);
        }
        prefixes.clear();
        owners.clear();
    }
}
