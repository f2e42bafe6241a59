package io.streamrec.trainer.eval;

import io.streamrec.trainer.parity.TrainedScorer;
import java.util.Arrays;
import java.util.List;

/**
 * A trained session model without users that reads a window, the session's last ≤ L item indices, oldest first: for
 * each window the score of every item index, [itemCount + 1] (entry 0, padding, ignored). Takes many windows at once
 * so that models with a batched engine (AI2V on DJL) score a batch per call.
 */
@FunctionalInterface
public interface WindowScorer {
    List<float[]> scores(List<int[]> windows);

    /** As a {@link HistoryScorer}: each history cut to its last {@code length} items; ids ignored. */
    default HistoryScorer lastItems(int length) {
        return (histories, ids) -> scores(histories.stream()
                .map(h -> Arrays.copyOfRange(h, Math.max(0, h.length - length), h.length)).toList());
    }

    /** One window at a time, for the parity check (models here have no users). */
    default TrainedScorer asTrainedScorer() {
        return (window, userIndex) -> scores(List.of(window)).get(0);
    }
}
