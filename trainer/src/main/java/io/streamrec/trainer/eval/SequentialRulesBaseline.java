package io.streamrec.trainer.eval;

import java.util.List;

/**
 * Sequential rules (SR; Ludewig & Jannach, "Evaluation of session-based recommendation algorithms", 2018): for every
 * pair of clicks in a training session where b comes d ≤ {@code window} positions after a, the rule a→b gains weight
 * 1/d. The score of item j is the weight of the rule current→j. Only the last click matters.
 */
public final class SequentialRulesBaseline extends LastItemRules {
    public static final int DEFAULT_WINDOW = 10;

    public SequentialRulesBaseline(int itemCount, List<int[]> train) {
        this(itemCount, train, DEFAULT_WINDOW);
    }

    /** @param window the largest distance d between a and b that makes a rule */
    public SequentialRulesBaseline(int itemCount, List<int[]> train, int window) {
        this(itemCount, train, window, null);
    }

    /** @param tieBreak per item index in [0, 1], orders equal rule weights (see {@link TieBreak}); or null */
    public SequentialRulesBaseline(int itemCount, List<int[]> train, int window, double[] tieBreak) {
        super("sr", mine(itemCount, train, window, tieBreak));
    }

    private static ItemRules mine(int itemCount, List<int[]> train, int window, double[] tieBreak) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        return ItemRules.build(itemCount, train, (session, sink) -> {
            for (int i = 0; i < session.length; i++) {
                for (int d = 1; d <= window && i + d < session.length; d++) {
                    sink.add(session[i], session[i + d], 1.0 / d);
                }
            }
        }, tieBreak);
    }

    /** Distinct rules. */
    public int rules() {
        return ruleCount();
    }
}
