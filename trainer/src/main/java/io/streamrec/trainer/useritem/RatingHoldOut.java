package io.streamrec.trainer.useritem;

import io.streamrec.trainer.data.Interactions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rating protocol of {@code train}: a random fifth of the ratings (one fold of {@link RatingFolds} at k = 5, so
 * the same 80/20 split the cross-validation's first fold makes with the seed) held out, and the model's RMSE and MAE
 * on it reported beside the global-mean and bias baselines'.
 */
public final class RatingHoldOut implements HeldOutProtocol {
    static final int PARTS = 5;

    @Override
    public Split split(Interactions data, long seed) {
        RatingFolds.Fold fold = RatingFolds.of(data, PARTS, seed).get(0);
        return new Split(fold.train(), fold.test());
    }

    @Override
    public Map<String, Double> evaluate(UserItemModel model, Split split, Consumer<String> log) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        put(metrics, "", RatingErrors.of(model, split.test()));
        for (RatingBaselines.Baseline baseline : RatingBaselines.ALL) {
            put(metrics, baseline.name() + ".", RatingErrors.of(baseline.fit().apply(split.train()), split.test()));
        }
        log.accept(String.format(Locale.ROOT, "evaluated on %,d held-out ratings: %s", split.test().size(),
                summary(metrics)));
        return metrics;
    }

    @Override
    public String summary(Map<String, Double> metrics) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "RMSE %.4f, MAE %.4f",
                metrics.get("rmse"), metrics.get("mae")));
        for (RatingBaselines.Baseline baseline : RatingBaselines.ALL) {
            out.append(String.format(Locale.ROOT, " | %s RMSE %.4f, MAE %.4f", baseline.name(),
                    metrics.get(baseline.name() + ".rmse"), metrics.get(baseline.name() + ".mae")));
        }
        return out.toString();
    }

    private static void put(Map<String, Double> metrics, String prefix, RatingErrors errors) {
        metrics.put(prefix + "rmse", errors.rmse());
        metrics.put(prefix + "mae", errors.mae());
    }
}
