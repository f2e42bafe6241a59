package io.streamrec.trainer.pipeline;

import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.engine.EngineThreads;
import io.streamrec.trainer.eval.HistoryScorer;
import io.streamrec.trainer.eval.holdout.HoldoutEvaluator;
import io.streamrec.trainer.eval.holdout.HoldoutMetrics;
import io.streamrec.trainer.eval.holdout.HoldoutSplit;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.ProgressListener;
import io.streamrec.trainer.family.TrainedModel;
import io.streamrec.trainer.family.TrainingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Any family under the per-user hold-out protocol ({@link HoldoutSplit}): trained on every user's training history
 * (each history one sequence, its id the user's), then each user scored after that whole history, the family's model
 * reading as much of it as it uses (GRU4Rec all of it, Caser the last L items and the user's own vector).
 */
public final class HoldoutRun {
    /** The trained model's figures, each epoch's, and every evaluation made (during training, then the final one). */
    public record Result(HoldoutMetrics metrics, List<EpochStats> epochs, List<HoldoutMetrics> evaluations) {
    }

    private HoldoutRun() {
    }

    /**
     * Trains {@code family} on {@code split} and evaluates it.
     *
     * @param evaluateEvery also evaluate after every this many epochs (0 = only at the end), into
     *                      {@link Result#evaluations()}, where the family can hand out its model during training
     */
    public static Result run(ModelFamily family, Map<String, String> settings, HoldoutSplit split,
                             Consumer<String> log, int evaluateEvery) {
        Settings resolved = family.settings().resolve(settings);
        EngineThreads.defaultToOne();
        List<EpochStats> epochs = new ArrayList<>();
        List<HoldoutMetrics> evaluations = new ArrayList<>();
        TrainingContext.EpochHook during = (epoch, last, model) -> {
            if (evaluateEvery > 0 && epoch % evaluateEvery == 0 && !last) {
                HoldoutMetrics m = HoldoutEvaluator.evaluate(split, users(model, split));
                evaluations.add(m);
                log.accept("epoch " + epoch + ": " + m.describe());
            }
        };
        EncodedSplit data = EncodedSplit.perUser(split.catalogue(), split.train(), split.userIds());
        try (TrainedModel model = family.train(data, resolved,
                new TrainingContext(log, ProgressListener.NONE, epochs::add, during))) {
            HoldoutMetrics metrics = HoldoutEvaluator.evaluate(split, users(model, split));
            evaluations.add(metrics);
            return new Result(metrics, List.copyOf(epochs), List.copyOf(evaluations));
        }
    }

    /** Scores users 1..U of {@code split} after their training histories, one batch of users a call. */
    private static HoldoutEvaluator.UserScorer users(HistoryScorer model, HoldoutSplit split) {
        return users -> {
            List<int[]> histories = new ArrayList<>(users.length);
            List<String> ids = new ArrayList<>(users.length);
            for (int u : users) {
                histories.add(split.train().get(u - 1));
                ids.add(split.userIds().get(u - 1));
            }
            return model.scores(histories, ids).toArray(new float[0][]);
        };
    }
}
