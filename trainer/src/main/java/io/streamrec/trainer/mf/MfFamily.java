package io.streamrec.trainer.mf;

import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.useritem.BiasedFactors;
import io.streamrec.trainer.useritem.FactorConfig;
import io.streamrec.trainer.useritem.FactorFamily;
import io.streamrec.trainer.useritem.FactorSettings;
import io.streamrec.trainer.useritem.RatingRange;
import java.util.SplittableRandom;

/**
 * Matrix factorisation with biases: r̂ = μ + b_u + b_i + p_u·q_i, fitted to the observed ratings by minimising the
 * squared error plus λ(‖p_u‖² + ‖q_i‖²) + λ_b(b_u² + b_i²).
 *
 * <p>Optimiser: stochastic gradient descent over the ratings in a new random order each epoch, each rating's error
 * e = r − r̂ moving b_u, b_i, p_u and q_i at once (p_u and q_i each from the other's value before the step). SGD and
 * not ALS because one epoch costs O(ratings × factors) with no linear solve (ALS solves a factors × factors system per
 * user and item, O((users + items)·factors³) an epoch, far more at 100 factors on MovieLens-sized data), because the
 * biases are learnt jointly with the factors rather than alternately, and because it is the optimiser the model was
 * published with, so its settings carry over from the literature.
 *
 * <p>Fold-in for an anonymous session S (no p_u, no b_u): x = (1/|S|) Σ_{j∈S} q_j, the mean of the session items'
 * factors. An MF user vector points where the items they rate highly point, so a session of clicked items is read as
 * a user who liked them: the same form as SVD++'s implicit term with y_j = q_j, closed-form, and exactly computable
 * in the exported graph (no least-squares solve, which would need ratings the session does not have).
 */
public final class MfFamily extends FactorFamily {
    /**
     * Defaults for ratings on a 1–5 scale: 100 factors, step 0.007 and λ 0.05 as in Koren's SGD
     * settings for explicit ratings, 60 epochs (enough for the training error to settle at this step).
     */
    static final FactorSettings.Defaults DEFAULTS = new FactorSettings.Defaults(100, 60, 0.007f, 0.05f, 0.005f,
            0.1f);

    public MfFamily() {
        super("mf", "MF", "biased matrix factorisation (r = mu + b_u + b_i + p_u.q_i, squared error, L2), SGD",
                DEFAULTS);
    }

    @Override
    protected Training start(Interactions train, FactorConfig config, SplittableRandom random) {
        return new Sgd(train, config, random);
    }

    /** The SGD state: the parameters, updated in place, and the order the ratings are visited in. */
    private static final class Sgd implements Training {
        private final Interactions train;
        private final FactorConfig config;
        private final int k;
        private final float mean;
        private final float[] userBias;
        private final float[] itemBias;
        private final float[] p;
        private final float[] q;
        private final int[] order;

        Sgd(Interactions train, FactorConfig config, SplittableRandom random) {
            this.train = train;
            this.config = config;
            this.k = config.factors();
            this.mean = (float) train.meanValue();
            this.userBias = new float[train.userCount()];
            this.itemBias = new float[train.itemCount()];
            this.p = initial(train.userCount(), k, config.initStd(), seen(train.users(), train.userCount()), random);
            this.q = initial(train.itemCount(), k, config.initStd(), seen(train.items(), train.itemCount()), random);
            this.order = train.allRows();
        }

        @Override
        public double epoch(SplittableRandom random) {
            shuffle(order, random);
            int[] users = train.users();
            int[] items = train.items();
            float[] values = train.values();
            float lr = config.learningRate();
            float lambda = config.regularisation();
            float lambdaBias = config.biasRegularisation();
            double squared = 0;
            for (int r : order) {
                int u = users[r];
                int i = items[r];
                int pu = u * k;
                int qi = i * k;
                float e = values[r] - (mean + userBias[u] + itemBias[i] + BiasedFactors.dot(p, pu, q, qi, k));
                squared += (double) e * e;
                userBias[u] += lr * (e - lambdaBias * userBias[u]);
                itemBias[i] += lr * (e - lambdaBias * itemBias[i]);
                for (int f = 0; f < k; f++) {
                    float userFactor = p[pu + f];
                    float itemFactor = q[qi + f];
                    p[pu + f] += lr * (e * itemFactor - lambda * userFactor);
                    q[qi + f] += lr * (e * userFactor - lambda * itemFactor);
                }
            }
            return squared;
        }

        @Override
        public BiasedFactors result() {
            return new BiasedFactors(k, mean, userBias, itemBias, p, q, q, 1f, RatingRange.of(train));
        }
    }
}
