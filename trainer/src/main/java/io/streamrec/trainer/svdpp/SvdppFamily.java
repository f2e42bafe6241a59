package io.streamrec.trainer.svdpp;

import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.useritem.BiasedFactors;
import io.streamrec.trainer.useritem.FactorConfig;
import io.streamrec.trainer.useritem.FactorFamily;
import io.streamrec.trainer.useritem.FactorSettings;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * SVD++ (Koren, KDD 2008): matrix factorisation with biases whose user vector also holds the implicit feedback of
 * which items the user rated, r̂ = μ + b_u + b_i + q_i·(p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j), with N(u) the user's
 * training items, fitted by squared error plus λ on every factor vector (p, q, y) and λ_b on the biases.
 *
 * <p>Optimiser: SGD, user by user in a new random order each epoch, each user's ratings in random order. Per rating,
 * b_u, b_i, p_u and q_i take the step of plain SGD; the implicit factors y_j, shared by all of the user's ratings,
 * take the sum of those ratings' steps once the user is done (y_j += γ(|N(u)|^-½ Σ_r e_r q_i − |R(u)| λ y_j)), and the
 * implicit sum is recomputed once per user rather than once per rating. That makes an epoch O(ratings × factors)
 * instead of O(Σ_u |N(u)|² × factors), the cost that makes per-rating SVD++ slow; ALS is not an option, the implicit
 * term coupling every item a user rated.
 *
 * <p>Fold-in for an anonymous session S: the model's own definition with p_u = 0 and b_u = 0, N(u) = S, so
 * x = |S|^-½ Σ_{j∈S} y_j. Known users are served with their full vector p_u + |N(u)|^-½ Σ y_j.
 */
public final class SvdppFamily extends FactorFamily {
    /**
     * Defaults for explicit ratings on a 1–5 scale, chosen on MovieLens 100k by 5-fold cross-validation on validation
     * parts cut from each fold's training ratings (evaluate-ratings --validation; never the test folds): 50 factors,
     * 60 epochs at step 0.007 (40 and 80 worse), λ 0.1 (0.05, 0.07 and 0.12 worse), λ_b 0.005, initial factors
     * N(0, 0.05²), as matrix factorisation's.
     */
    static final FactorSettings.Defaults DEFAULTS = new FactorSettings.Defaults(50, 60, 0.007f, 0.1f, 0.005f,
            0.05f);

    public SvdppFamily() {
        super("svdpp", "SVD++", "SVD++: biased MF whose user vector adds |N(u)|^-1/2 sum y_j over the user's rated"
                + " items (Koren 2008), SGD", DEFAULTS);
    }

    @Override
    protected Training start(Interactions train, FactorConfig config, SplittableRandom random) {
        return new Sgd(train, config, random);
    }

    /** The SGD state: the parameters, updated in place, and each user's training rows. */
    private static final class Sgd extends Parameters {
        private final float[] y;
        private final int[][] byUser;
        private final int[] userOrder;

        Sgd(Interactions train, FactorConfig config, SplittableRandom random) {
            super(train, config, random);
            this.y = initial(train.itemCount(), k, config.initStd(), seen(train.items(), train.itemCount()), random);
            this.byUser = train.rowsByUser();
            this.userOrder = IntStream.range(0, train.userCount()).toArray();
        }

        @Override
        public double epoch(SplittableRandom random) {
            shuffle(userOrder, random);
            int[] items = train.items();
            float[] values = train.values();
            float[] x = new float[k];
            float[] implicitStep = new float[k];
            double squared = 0;
            for (int u : userOrder) {
                int[] rows = byUser[u];
                if (rows.length == 0) {
                    continue;
                }
                shuffle(rows, random);
                float norm = (float) (1 / Math.sqrt(rows.length));
                float[] implicit = implicitSum(rows, norm);
                Arrays.fill(implicitStep, 0f);
                int pu = u * k;
                for (int r : rows) {
                    int i = items[r];
                    int qi = i * k;
                    for (int f = 0; f < k; f++) {
                        x[f] = p[pu + f] + implicit[f];
                    }
                    float e = error(values[r], u, i, x, 0);
                    squared += (double) e * e;
                    stepBiases(u, i, e);
                    for (int f = 0; f < k; f++) {
                        float itemFactor = q[qi + f];
                        q[qi + f] += learningRate * (e * x[f] - lambda * itemFactor);
                        p[pu + f] += learningRate * (e * itemFactor - lambda * p[pu + f]);
                        implicitStep[f] += e * itemFactor;
                    }
                }
                // the sum of the user's per-rating steps: each rating's gradient and each rating's penalty
                float decay = lambda * rows.length;
                for (int r : rows) {
                    int yj = items[r] * k;
                    for (int f = 0; f < k; f++) {
                        y[yj + f] += learningRate * (norm * implicitStep[f] - decay * y[yj + f]);
                    }
                }
            }
            return squared;
        }

        /** |N(u)|^-½ Σ_{j∈N(u)} y_j over the items of {@code rows}. */
        private float[] implicitSum(int[] rows, float norm) {
            float[] sum = new float[k];
            for (int r : rows) {
                int yj = train.items()[r] * k;
                for (int f = 0; f < k; f++) {
                    sum[f] += y[yj + f];
                }
            }
            for (int f = 0; f < k; f++) {
                sum[f] *= norm;
            }
            return sum;
        }

        @Override
        public BiasedFactors result() {
            float[] vectors = p.clone();
            for (int u = 0; u < byUser.length; u++) {
                if (byUser[u].length > 0) {
                    float[] implicit = implicitSum(byUser[u], (float) (1 / Math.sqrt(byUser[u].length)));
                    for (int f = 0; f < k; f++) {
                        vectors[u * k + f] += implicit[f];
                    }
                }
            }
            return factors(vectors, y, 0.5f);
        }
    }
}
