package io.streamrec.trainer.eval;

import java.util.List;

/**
 * A trained model as the evaluation protocols see it: the score of every item after each of a batch of histories.
 * A history is item indices, oldest first; the model reads as many of the latest as it uses (a window model its last
 * L, a recurrent one all of them). Beside each history is the id of its session or user (null when there is none),
 * which a model with user vectors maps to its own user index, unknown ids to the anonymous user.
 */
@FunctionalInterface
public interface HistoryScorer {
    /** Scores [itemCount + 1] for each history, entry 0 (padding) ignored; one call scores one batch. */
    List<float[]> scores(List<int[]> histories, List<String> ids);
}
