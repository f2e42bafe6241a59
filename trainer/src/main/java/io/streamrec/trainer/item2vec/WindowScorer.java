package io.streamrec.trainer.item2vec;

import io.streamrec.trainer.parity.TrainedScorer;
import java.util.List;

/**
 * A trained session model as its evaluator sees it: for each window (the session's last ≤ L item indices, oldest
 * first) the score of every item index, [itemCount + 1] (entry 0, padding, ignored). Takes many windows at once so
 * that models with a batched engine (AI2V on DJL) score a batch per call.
 */
@FunctionalInterface
public interface WindowScorer {
    List<float[]> scores(List<int[]> windows);

    /** One window at a time, for the parity check (models here have no users). */
    default TrainedScorer asTrainedScorer() {
        return (window, userIndex) -> scores(List.of(window)).get(0);
    }
}
