package io.streamrec.trainer.eval;

/**
 * The rank of the true item among scores, by the GRU4Rec protocol: every candidate item is ranked, and by default
 * ties count against the model ({@link TieMode#CONSERVATIVE}), so a model that scores everything equal gets the worst
 * rank rather than the best.
 */
public final class Ranks {
    /** How items scored equal to the true item are counted. */
    public enum TieMode {
        /** Every other item with an equal score ranks above the true item. */
        CONSERVATIVE,
        /** Every other item with an equal score ranks below it. */
        OPTIMISTIC,
        /** Equal scores share the rank: half of them above. */
        AVERAGE
    }

    private Ranks() {
    }

    /**
     * @param scores candidate scores, index = item index; {@code from} skips leading non-candidates (padding)
     * @param truth  the index of the true item
     */
    public static long rank(float[] scores, int from, int truth, TieMode ties) {
        float t = scores[truth];
        long higher = 0;
        long equal = 0;
        for (int i = from; i < scores.length; i++) {
            if (i == truth) {
                continue;
            }
            if (scores[i] > t) {
                higher++;
            } else if (scores[i] == t) {
                equal++;
            }
        }
        return switch (ties) {
            case CONSERVATIVE -> 1 + higher + equal;
            case OPTIMISTIC -> 1 + higher;
            case AVERAGE -> 1 + higher + equal / 2;
        };
    }
}
