package io.streamrec.trainer.gru4rec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adagrad, the optimiser GRU4Rec uses: each weight's step is the learning rate divided by the root of the sum of its
 * squared gradients so far. Written here (a handful of in-place operations) so that its state lives beside the
 * parameters it updates and nothing allocates per step beyond the gradient arithmetic.
 */
final class Adagrad {
    private static final float EPSILON = 1e-6f;
    private final List<NDArray> parameters;
    private final List<NDArray> accumulators = new ArrayList<>();
    private final float learningRate;

    Adagrad(List<NDArray> parameters, NDManager manager, float learningRate) {
        this.parameters = parameters;
        this.learningRate = learningRate;
        for (NDArray p : parameters) {
            accumulators.add(manager.zeros(p.getShape()));
        }
    }

    /** Applies and clears the gradients; temporaries belong to the caller's scope. */
    void step() {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            NDArray g = p.getGradient();
            accumulators.get(i).addi(g.square());
            // Update through a detached view of the same storage: PyTorch forbids in-place changes to a leaf that
            // requires grad whenever grad mode is on, and grad mode is per thread (on by default on a new thread).
            NDArray weights = p.stopGradient();
            weights.subi(g.mul(learningRate).div(accumulators.get(i).sqrt().add(EPSILON)));
            g.subi(g);
        }
    }
}
