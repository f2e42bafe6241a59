package io.streamrec.trainer.eval;

import java.util.List;

/**
 * Last-item Markov transitions: the score of item j is the number of times j directly followed the current item i
 * in a training session (repeated clicks included, so i→i counts). Only the last click matters.
 */
public final class MarkovBaseline extends LastItemRules {
    /**
     * @param itemCount indices run from 1 to this
     * @param train     training sessions as item indices
     */
    public MarkovBaseline(int itemCount, List<int[]> train) {
        this(itemCount, train, null);
    }

    /** @param tieBreak per item index in [0, 1], orders equal transition counts (see {@link TieBreak}); or null */
    public MarkovBaseline(int itemCount, List<int[]> train, double[] tieBreak) {
        super("markov", ItemRules.build(itemCount, train, (session, sink) -> {
            for (int i = 0; i + 1 < session.length; i++) {
                sink.add(session[i], session[i + 1], 1.0);
            }
        }, tieBreak));
    }

    /** Distinct transitions seen in training. */
    public int transitions() {
        return ruleCount();
    }
}
