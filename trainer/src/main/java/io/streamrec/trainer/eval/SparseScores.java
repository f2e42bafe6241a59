package io.streamrec.trainer.eval;

/**
 * Scores for some items, every other item scoring 0: {@code items[i]} scores {@code values[i]} for {@code i} in
 * {@code [from, to)}. An item appears at most once. A view: the arrays belong to the model and change on its next
 * call.
 */
public record SparseScores(int[] items, double[] values, int from, int to) {
    public static final SparseScores EMPTY = new SparseScores(new int[0], new double[0], 0, 0);

    public int size() {
        return to - from;
    }

    /** The score of {@code item}: its listed value, else 0. */
    public double score(int item) {
        for (int i = from; i < to; i++) {
            if (items[i] == item) {
                return values[i];
            }
        }
        return 0;
    }

    /**
     * The rank of {@code truth} among items {@code 1..itemCount} by the GRU4Rec protocol, with the same tie rules as
     * {@link Ranks#rank}: the listed items are compared one by one, the unlisted ones all at once at score 0. So under
     * conservative ties an item the model cannot score ranks behind every item it can score positively and every
     * other unscored item.
     */
    public long rank(int itemCount, int truth, Ranks.TieMode ties) {
        return rank(itemCount, truth, ties, null);
    }

    /**
     * As {@link #rank(int, int, Ranks.TieMode)}, except that with a {@code fallback} the unlisted items are not all
     * tied at 0 but ordered among themselves by popularity, below every listed item with a positive score: the list
     * filled up with popular items, as a deployed baseline would do.
     */
    public long rank(int itemCount, int truth, Ranks.TieMode ties, PopularityOrder fallback) {
        double t = 0;
        boolean listed = false;
        for (int i = from; i < to; i++) {
            if (items[i] == truth) {
                t = values[i];
                listed = true;
                break;
            }
        }
        long higher = 0;
        long equal = 0;
        for (int i = from; i < to; i++) {
            if (items[i] == truth) {
                continue;
            }
            double v = values[i];
            if (v > t) {
                higher++;
            } else if (v == t) {
                equal++;
            }
        }
        long unlisted = itemCount - size() - (listed ? 0 : 1);
        if (fallback != null && !listed) {
            // the truth is among the unlisted: it competes with them by clicks only (the listed ones with a positive
            // score are above it and were counted; a listed item cannot score exactly 0 and a negative one is below)
            float clicks = fallback.clicks(truth);
            long listedMore = 0;
            long listedEqual = 0;
            for (int i = from; i < to; i++) {
                float c = fallback.clicks(items[i]);
                if (c > clicks) {
                    listedMore++;
                } else if (c == clicks) {
                    listedEqual++;
                }
            }
            higher += fallback.moreClicked(truth) - listedMore;
            equal = fallback.equallyClicked(truth) - listedEqual;
            return switch (ties) {
                case CONSERVATIVE -> 1 + higher + equal;
                case OPTIMISTIC -> 1 + higher;
                case AVERAGE -> 1 + higher + equal / 2;
            };
        }
        if (0 > t) {
            higher += unlisted;
        } else if (0 == t) {
            equal += unlisted;
        }
        return switch (ties) {
            case CONSERVATIVE -> 1 + higher + equal;
            case OPTIMISTIC -> 1 + higher;
            case AVERAGE -> 1 + higher + equal / 2;
        };
    }
}
