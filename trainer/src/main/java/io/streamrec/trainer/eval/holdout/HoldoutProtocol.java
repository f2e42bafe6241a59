package io.streamrec.trainer.eval.holdout;

/**
 * The per-user hold-out protocol of Caser's paper (Tang &amp; Wang, WSDM 2018, section 4): every rating is an implicit
 * interaction; users and items with fewer than {@code minInteractions} interactions are dropped; each user's
 * interactions, in time order, are split into the first {@code trainFraction} for training and the rest for testing.
 *
 * @param minInteractions the k of the k-core filter (the paper: 5)
 * @param trainFraction   share of each user's interactions, oldest first, used for training (the paper: 0.8)
 * @param validation      tune instead of test: the last eighth of each user's training part becomes the test part
 *                        (the paper's 70/10/20 split), and the real test part is never read
 */
public record HoldoutProtocol(int minInteractions, double trainFraction, boolean validation) {
    /** The validation part is this share of the training part: 10% of all, with 80% training. */
    public static final double VALIDATION_SHARE = 1.0 / 8;

    public HoldoutProtocol {
        if (minInteractions < 1 || !(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("min_interactions must be positive and train_fraction in (0, 1)");
        }
    }

    public static HoldoutProtocol paper() {
        return new HoldoutProtocol(5, 0.8, false);
    }

    /**
     * How many of a user's {@code n} interactions train: ⌊n · fraction⌋, at least one (so the test part is never
     * smaller than its share). A small tolerance keeps products such as 5 × 0.8 from rounding down to 3.
     */
    static int trainCount(int n, double fraction) {
        return Math.max(1, (int) Math.floor(n * fraction + 1e-9));
    }
}
