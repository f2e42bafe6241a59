package io.streamrec.trainer.ai2v;

import io.streamrec.trainer.skipgram.NegativeSampler;
import java.util.SplittableRandom;

/**
 * The candidates of one training target: the target itself, then {@code negatives} items drawn ∝ clicks^power, each
 * with the offset added to its logit before the softmax. The offset is the logQ correction, −logq·log Q(item) for the
 * sampling distribution Q; a draw equal to the target is masked out instead, as it would be asked to score both high
 * and low.
 */
final class SampledCandidates {
    private final NegativeSampler sampler;
    private final int negatives;
    private final float[] correction;

    SampledCandidates(float[] counts, double power, int negatives, double logq) {
        this.sampler = new NegativeSampler(counts, power);
        this.negatives = negatives;
        this.correction = new float[counts.length];
        for (int i = 1; i < correction.length && logq > 0; i++) {
            correction[i] = (float) (-logq * Math.log(Math.max(sampler.probability(i), 1e-30)));
        }
    }

    /** Candidates (and offsets) per target: 1 + negatives. */
    int columns() {
        return 1 + negatives;
    }

    /** Fills row {@code row} of {@code candidates} and {@code offsets} ([rows, columns]) for {@code target}. */
    void fill(int target, SplittableRandom random, long[] candidates, float[] offsets, int row) {
        int at = row * columns();
        candidates[at] = target;
        offsets[at] = correction[target];
        for (int c = 1; c < columns(); c++) {
            int negative = sampler.next(random);
            candidates[at + c] = negative;
            offsets[at + c] = negative == target ? Ai2vModel.MASKED : correction[negative];
        }
    }
}
