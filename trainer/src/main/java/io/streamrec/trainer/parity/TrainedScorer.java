package io.streamrec.trainer.parity;

/**
 * A trained model as the parity check sees it: the score of every item after a sequence of item indices (oldest
 * first, at most L), for a user index (0 = unknown; models without users ignore it). The result is indexed by item
 * index, [itemCount + 1], entry 0 (padding) unused.
 */
@FunctionalInterface
public interface TrainedScorer {
    float[] scores(int[] window, int userIndex);
}
