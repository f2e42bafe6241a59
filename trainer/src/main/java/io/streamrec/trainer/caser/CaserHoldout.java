package io.streamrec.trainer.caser;

import io.streamrec.trainer.EpochStats;
import io.streamrec.trainer.eval.holdout.HoldoutEvaluator;
import io.streamrec.trainer.eval.holdout.HoldoutMetrics;
import io.streamrec.trainer.eval.holdout.HoldoutSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Caser under the paper's per-user hold-out protocol: trained on every user's training interactions (user u has user
 * index u), then each user is scored from the last L training items and the user's own vector.
 */
public final class CaserHoldout {
    private static final int BATCH = 256;

    /** The trained model's figures, and each epoch's. */
    public record Result(HoldoutMetrics metrics, List<EpochStats> epochs, List<HoldoutMetrics> evaluations) {
    }

    private CaserHoldout() {
    }

    /**
     * Trains on {@code split} and evaluates it.
     *
     * @param evaluateEvery also evaluate after every this many epochs (0 = only at the end), into
     *                      {@link Result#evaluations()}
     */
    public static Result run(HoldoutSplit split, CaserConfig config, Consumer<String> log, int evaluateEvery) {
        int[] users = new int[split.userCount()];
        for (int u = 0; u < users.length; u++) {
            users[u] = u + 1;
        }
        List<EpochStats> epochs = new ArrayList<>();
        List<HoldoutMetrics> evaluations = new ArrayList<>();
        CaserTrainer trainer = new CaserTrainer(config, log).afterEpoch((epoch, model) -> {
            if (evaluateEvery > 0 && epoch % evaluateEvery == 0 && epoch < config.epochs()) {
                HoldoutMetrics m = HoldoutEvaluator.evaluate(split, scorer(model, split));
                evaluations.add(m);
                log.accept("epoch " + epoch + ": " + m.describe());
            }
        });
        try (CaserModel model = trainer.train(split.train(), users, split.itemCount(), split.userCount(),
                epochs::add)) {
            HoldoutMetrics metrics = HoldoutEvaluator.evaluate(split, scorer(model, split));
            evaluations.add(metrics);
            return new Result(metrics, epochs, evaluations);
        }
    }

    /** Scores each user from the last L of its training items and its own user vector. */
    public static HoldoutEvaluator.UserScorer scorer(CaserModel model, HoldoutSplit split) {
        int l = model.config().sequenceLength();
        int n = model.itemCount() + 1;
        return users -> {
            float[][] scores = new float[users.length][];
            for (int from = 0; from < users.length; from += BATCH) {
                int b = Math.min(BATCH, users.length - from);
                long[] windows = new long[b * l];
                long[] ids = new long[b];
                for (int r = 0; r < b; r++) {
                    int[] history = split.train().get(users[from + r] - 1);
                    CaserModel.window(history, history.length, l, windows, r * l);
                    ids[r] = users[from + r];
                }
                float[] flat = model.scores(windows, ids);
                for (int r = 0; r < b; r++) {
                    scores[from + r] = java.util.Arrays.copyOfRange(flat, r * n, (r + 1) * n);
                }
            }
            return scores;
        };
    }
}
