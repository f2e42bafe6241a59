package io.streamrec.trainer.useritem;

/**
 * A trained biased factor model, the form matrix factorisation and SVD++ both end in: the score of item i for a user
 * is μ + b_u + b_i + x·q_i, where x is the user's vector. A known user's x is fixed after training (MF: p_u; SVD++:
 * p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j). Someone the model does not know, known only by the items S of their session, gets
 * b_u = 0 and the fold-in x = |S|^-e Σ_{j∈S} s_j, where s_j is the item's session factor and e the session exponent
 * (SVD++: its own implicit factors y_j and e = ½, the model's definition with p_u = 0; MF: s_j = q_j and e = 1, the
 * mean of the session items' factors).
 *
 * <p>Vectors are flat row-major arrays of {@code factors} columns, so that scoring is one pass over contiguous memory.
 *
 * @param userVectors    x_u for every user index [users × factors]; zero for users without training ratings
 * @param itemFactors    q_i [items × factors]; zero for items without training ratings
 * @param sessionFactors s_j [items × factors], what an item in a session adds to the fold-in vector
 * @param range          the training ratings' range, which {@link #predict} clips to
 */
public record BiasedFactors(int factors, float mean, float[] userBias, float[] itemBias, float[] userVectors,
                            float[] itemFactors, float[] sessionFactors, float sessionExponent, RatingRange range) {

    public BiasedFactors {
        if (userVectors.length != userBias.length * factors || itemFactors.length != itemBias.length * factors
                || sessionFactors.length != itemFactors.length) {
            throw new IllegalArgumentException("factor tables do not match " + userBias.length + " users, "
                    + itemBias.length + " items and " + factors + " factors");
        }
    }

    public int userCount() {
        return userBias.length;
    }

    public int itemCount() {
        return itemBias.length;
    }

    /** The predicted rating, clipped to the training range. */
    public float predict(int user, int item) {
        return range.clip(mean + userBias[user] + itemBias[item]
                + dot(userVectors, user * factors, itemFactors, item * factors, factors));
    }

    /** Every item's unclipped score for a known user (clipping would tie the items it cuts). */
    public void scoreItems(int user, float[] out) {
        score(userVectors, user * factors, userBias[user], out);
    }

    /** Every item's unclipped score for an unknown user with the session's {@code items}. */
    public void scoreSession(int[] items, float[] out) {
        score(sessionVector(items), 0, 0f, out);
    }

    /** The fold-in vector |S|^-e Σ_{j∈S} s_j. */
    public float[] sessionVector(int[] items) {
        float[] x = new float[factors];
        for (int j : items) {
            int at = j * factors;
            for (int f = 0; f < factors; f++) {
                x[f] += sessionFactors[at + f];
            }
        }
        float scale = (float) Math.pow(Math.max(1, items.length), -sessionExponent);
        for (int f = 0; f < factors; f++) {
            x[f] *= scale;
        }
        return x;
    }

    private void score(float[] vectors, int at, float bias, float[] out) {
        for (int i = 0; i < itemBias.length; i++) {
            out[i] = mean + bias + itemBias[i] + dot(vectors, at, itemFactors, i * factors, factors);
        }
    }

    /** a[from..from+n) · b[at..at+n). */
    public static float dot(float[] a, int from, float[] b, int at, int n) {
        float sum = 0;
        for (int f = 0; f < n; f++) {
            sum += a[from + f] * b[at + f];
        }
        return sum;
    }
}
