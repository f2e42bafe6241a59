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
