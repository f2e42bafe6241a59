package io.streamrec.trainer.eval.holdout;

import io.streamrec.trainer.EpochStats;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.gru4rec.Gru4RecEvaluator;
import io.streamrec.trainer.gru4rec.Gru4RecModel;
import io.streamrec.trainer.gru4rec.Gru4RecTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * GRU4Rec under the per-user hold-out protocol, for comparison with Caser: each user's training interactions are one
 * session; a user is scored from the GRU state after its whole training sequence (GRU4Rec has no user vector).
 */
final class GruHoldout {
    record Result(HoldoutMetrics metrics, List<EpochStats> epochs) {
    }

    private GruHoldout() {
    }

    static Result run(HoldoutSplit split, Gru4RecConfig config, Consumer<String> log) {
        List<EpochStats> epochs = new ArrayList<>();
        List<int[]> sessions = split.train().stream().filter(t -> t.length >= 2).toList();
        try (Gru4RecModel model = new Gru4RecTrainer(config, log).train(sessions, split.itemCount(),
                split.itemCounts(), epochs::add)) {
            HoldoutMetrics metrics = HoldoutEvaluator.evaluate(split, users -> {
                float[][] scores = new float[users.length][];
                for (int b = 0; b < users.length; b++) {
                    scores[b] = Gru4RecEvaluator.scoresAfter(model, split.train().get(users[b] - 1));
                }
                return scores;
            });
            return new Result(metrics, epochs);
        }
    }
}
