package io.streamrec.trainer.useritem;

import io.streamrec.trainer.data.Interactions;
import java.util.List;
import java.util.function.Function;

/**
 * The two floors every rating model is reported beside: the global mean μ, and μ + b_u + b_i with the biases
 * estimated by regularised alternating least squares (each b_i the shrunk mean of its residuals r − μ − b_u, then
 * each b_u of r − μ − b_i; the shrinkage constants are those usual for MovieLens-sized data, 10 for items and 15 for
 * users, and ten alternations converge to the third decimal of RMSE).
 */
public final class RatingBaselines {
    /** A baseline as the protocols run it: a name for reports and how it learns from a training part. */
    public record Baseline(String name, Function<Interactions, RatingPredictor> fit) {
    }

    public static final Baseline GLOBAL_MEAN = new Baseline("global-mean", RatingBaselines::globalMean);
    public static final Baseline BIASES = new Baseline("bias", RatingBaselines::biases);
    /** Both, in the order reports list them. */
    public static final List<Baseline> ALL = List.of(GLOBAL_MEAN, BIASES);

    static final float ITEM_SHRINKAGE = 10;
    static final float USER_SHRINKAGE = 15;
    static final int ALTERNATIONS = 10;

    private RatingBaselines() {
    }

    public static RatingPredictor globalMean(Interactions train) {
        float mean = (float) train.meanValue();
        return (user, item) -> mean;
    }

    public static RatingPredictor biases(Interactions train) {
        Biases b = Biases.estimate(train, ITEM_SHRINKAGE, USER_SHRINKAGE, ALTERNATIONS);
        RatingRange range = RatingRange.of(train);
        return (user, item) -> range.clip(b.mean() + b.user()[user] + b.item()[item]);
    }

    /**
     * The biases themselves, for models that start from them.
     *
     * @param mean μ, the training mean
     */
    public record Biases(float mean, float[] user, float[] item) {

        public static Biases estimate(Interactions train, float itemShrinkage, float userShrinkage, int alternations) {
            float mean = (float) train.meanValue();
            float[] user = new float[train.userCount()];
            float[] item = new float[train.itemCount()];
            for (int a = 0; a < alternations; a++) {
                shrunkMeans(train, mean, user, train.items(), train.users(), item, itemShrinkage);
                shrunkMeans(train, mean, item, train.users(), train.items(), user, userShrinkage);
            }
            return new Biases(mean, user, item);
        }

        /** {@code target[k]} = Σ (r − μ − other[o]) / (shrinkage + n_k) over the rows whose {@code keys} is k. */
        private static void shrunkMeans(Interactions train, float mean, float[] other, int[] keys, int[] otherKeys,
                                        float[] target, float shrinkage) {
            double[] sums = new double[target.length];
            int[] counts = new int[target.length];
            float[] values = train.values();
            for (int r = 0; r < values.length; r++) {
                sums[keys[r]] += values[r] - mean - other[otherKeys[r]];
                counts[keys[r]]++;
            }
            for (int k = 0; k < target.length; k++) {
                target[k] = (float) (sums[k] / (shrinkage + counts[k]));
            }
        }
    }
}
