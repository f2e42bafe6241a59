package io.streamrec.trainer.useritem;

import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.TrainingContext;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A rating family whose model is {@link BiasedFactors}, trained by SGD on {@link FactorSettings}: the family states
 * its name, defaults and one epoch's updates; the epochs, their log lines and the model around the factors are here.
 */
public abstract class FactorFamily implements UserItemFamily {
    private final String name;
    private final String description;
    private final FactorSettings settings;

    /** @param name the family as log lines name it ({@code SVD++}) */
    protected FactorFamily(String kind, String name, String description, FactorSettings.Defaults defaults) {
        this.name = name;
        this.description = description;
        this.settings = new FactorSettings(kind, defaults);
    }

    /** The parameters being trained, updated in place one epoch at a time. */
    protected interface Training {
        /** One pass over the training ratings; returns the sum of squared errors met (before each update). */
        double epoch(SplittableRandom random);

        /** The trained model's factors. */
        BiasedFactors result();
    }

    /**
     * What every biased factor model trains, μ, b_u, b_i, p_u and q_i with the step sizes and penalties; a family adds
     * its own parameters and its epoch.
     */
    protected abstract static class Parameters implements Training {
        protected final Interactions train;
        protected final int k;
        protected final float mean;
        protected final float learningRate;
        protected final float lambda;
        protected final float lambdaBias;
        protected final float[] userBias;
        protected final float[] itemBias;
        protected final float[] p;
        protected final float[] q;

        protected Parameters(Interactions train, FactorConfig config, SplittableRandom random) {
            this.train = train;
            this.k = config.factors();
            this.mean = (float) train.meanValue();
            this.learningRate = config.learningRate();
            this.lambda = config.regularisation();
            this.lambdaBias = config.biasRegularisation();
            this.userBias = new float[train.userCount()];
            this.itemBias = new float[train.itemCount()];
            this.p = initial(train.userCount(), k, config.initStd(), seen(train.users(), train.userCount()), random);
            this.q = initial(train.itemCount(), k, config.initStd(), seen(train.items(), train.itemCount()), random);
        }

        /** r − (μ + b_u + b_i + x·q_i), the user's vector x read from {@code vectors} at {@code from}. */
        protected final float error(float rating, int user, int item, float[] vectors, int from) {
            return rating - (mean + userBias[user] + itemBias[item] + BiasedFactors.dot(vectors, from, q, item * k, k));
        }

        /** One rating's SGD step on b_u and b_i for its error {@code e}. */
        protected final void stepBiases(int user, int item, float e) {
            userBias[user] += learningRate * (e - lambdaBias * userBias[user]);
            itemBias[item] += learningRate * (e - lambdaBias * itemBias[item]);
        }

        /** The trained factors with these biases and q, the family's user vectors and session side. */
        protected final BiasedFactors factors(float[] userVectors, float[] sessionFactors, float sessionExponent) {
            return new BiasedFactors(k, mean, userBias, itemBias, userVectors, q, sessionFactors, sessionExponent,
                    RatingRange.of(train));
        }
    }

    /** A fresh {@link Training} of {@code train} with {@code config}. */
    protected abstract Training start(Interactions train, FactorConfig config, SplittableRandom random);

    @Override
    public final String kind() {
        return settings.group().name();
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final SettingGroup settings() {
        return settings.group();
    }

    @Override
    public final Protocol protocol() {
        return Protocol.RATINGS;
    }

    /** The typed configuration of resolved {@code values}. */
    public final FactorConfig config(Settings values) {
        return settings.config(values);
    }

    @Override
    public final UserItemModel fit(Interactions train, Settings values, TrainingContext context) {
        FactorConfig config = settings.config(values);
        context.log().accept(name + ": " + config.describe());
        SplittableRandom random = new SplittableRandom(config.seed());
        Training training = start(train, config, random);
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long started = System.nanoTime();
            double loss = training.epoch(random) / Math.max(1, train.size());
            double seconds = (System.nanoTime() - started) / 1e9;
            context.epochs().accept(new EpochStats(epoch, loss, train.size(), seconds));
            context.progress().progress(epoch, 1.0);
            if (epoch == 1 || epoch == config.epochs() || epoch % 10 == 0) {
                context.log().accept(String.format(Locale.ROOT, "epoch %d/%d: training MSE %.4f, %,d ratings in"
                        + " %.2f s", epoch, config.epochs(), loss, train.size(), seconds));
            }
        }
        return new BiasedFactorModel(kind(), training.result(), train.userIds(), train.itemIds(),
                config.sequenceLength(), config.topK(), values.asStrings());
    }

    /**
     * {@code rows × width} values drawn from N(0, std²), rows that {@code seen} marks false left at zero: a user or
     * item without training ratings has no evidence to move its vector, and a random one would only add noise.
     */
    protected static float[] initial(int rows, int width, float std, boolean[] seen, SplittableRandom random) {
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            if (seen[r]) {
                for (int f = 0; f < width; f++) {
                    out[r * width + f] = (float) (random.nextGaussian() * std);
                }
            }
        }
        return out;
    }

    /** Which of {@code count} indices occur in {@code keys}. */
    protected static boolean[] seen(int[] keys, int count) {
        boolean[] out = new boolean[count];
        for (int k : keys) {
            out[k] = true;
        }
        return out;
    }

    /** {@code order} shuffled in place (Fisher–Yates). */
    protected static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
