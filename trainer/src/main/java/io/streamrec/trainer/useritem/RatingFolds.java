package io.streamrec.trainer.useritem;

import io.streamrec.trainer.data.Interactions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k-fold cross-validation over ratings: the rows are shuffled once with the seed and cut into k parts of equal size
 * (±1); fold f tests on part f and trains on the rest. With k = 5 every fold is the 80/20 split of the deep latent
 * factor paper's protocol, and every rating is tested exactly once over the folds.
 */
public final class RatingFolds {
    /** One fold's two parts, with the same vocabularies as the whole data. */
    public record Fold(int index, Interactions train, Interactions test) {
    }

    private RatingFolds() {
    }

    public static List<Fold> of(Interactions data, int k, long seed) {
        if (k < 2 || k > data.size()) {
            throw new IllegalArgumentException("folds must be between 2 and the number of ratings (" + data.size()
                    + "), not " + k);
        }
        int[] order = data.allRows();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int from = (int) ((long) order.length * f / k);
            int to = (int) ((long) order.length * (f + 1) / k);
            int[] test = Arrays.copyOfRange(order, from, to);
            int[] train = new int[order.length - test.length];
            System.arraycopy(order, 0, train, 0, from);
            System.arraycopy(order, to, train, from, order.length - to);
            folds.add(new Fold(f, data.rows(train), data.rows(test)));
        }
        return folds;
    }
}
