package io.streamrec.trainer.gru4rec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.streamrec.trainer.engine.EmbeddingRows;

/**
 * Adagrad with optional Nesterov momentum, GRU4Rec's optimiser. For a gradient g of weight θ:
 * <pre>
 *   G ← G + g²                      (per-weight sum of squared gradients)
 *   d = η · g / sqrt(G + ε)          (the Adagrad step)
 *   v ← μ·v + d ;  θ ← θ − (d + μ·v)  (Nesterov momentum in its look-ahead form; μ = 0 is plain Adagrad: θ ← θ − d)
 *   v ← μ·v + d ;  θ ← θ − v          (classical momentum, with {@code nesterov = false})
 * </pre>
 * Item-indexed matrices are updated row-wise: only the rows a step used get their accumulator, velocity and weights
 * touched, as a row nobody used has a zero gradient, so the update costs the rows used, not the catalogue. Here that
 * is the separate input embedding; the output item matrix gets the same rule in {@link OutputLayer}'s kernels
 * (tested against {@link #updateRows}). (A consequence, as for any sparse optimiser: an unused row's
 * velocity waits, undecayed, until the row is used again.)
 *
 * <p>Updates go through {@link NDArray#stopGradient()} views or into arrays that do not require gradients:
 * PyTorch forbids in-place changes to a leaf that requires grad whenever grad mode is on, and grad mode is per
 * thread. Temporaries belong to the caller's scope.
 */
final class Adagrad {
    static final float EPSILON = 1e-6f;

    private final float learningRate;
    private final float momentum;
    private final boolean nesterov;

    Adagrad(float learningRate, float momentum, boolean nesterov) {
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    /** Optimiser state of one parameter (same shape as it): the squared-gradient sum and the velocity. */
    static final class Slot implements AutoCloseable {
        final NDArray accumulator;
        final NDArray velocity;

        Slot(NDManager manager, NDArray parameter, boolean momentum) {
            accumulator = manager.zeros(parameter.getShape());
            velocity = momentum ? manager.zeros(parameter.getShape()) : null;
        }

        @Override
        public void close() {
            accumulator.close();
            if (velocity != null) {
                velocity.close();
            }
        }
    }

    Slot slot(NDManager manager, NDArray parameter) {
        return new Slot(manager, parameter, momentum > 0);
    }

    /** Updates all of {@code parameter} in place from {@code gradient} (which the caller clears afterwards). */
    void update(NDArray parameter, NDArray gradient, Slot slot) {
        slot.accumulator.addi(gradient.square());
        NDArray step = gradient.div(slot.accumulator.add(EPSILON).sqrt()).muli(learningRate);
        if (slot.velocity != null) {
            slot.velocity.muli(momentum).addi(step);
            step = nesterov ? step.addi(slot.velocity.mul(momentum)) : slot.velocity;
        }
        parameter.stopGradient().subi(step);
    }

    /**
     * Updates rows {@code rows} (distinct indices, int64 [m]) of {@code parameter} (which must not require gradients)
     * whose values before this step were {@code current} [m, cols] and whose gradient is {@code gradient} [m, cols].
     * {@code current} may be overwritten.
     */
    void updateRows(NDArray parameter, NDArray rows, NDArray current, NDArray gradient, Slot slot) {
        NDIndex index = new NDIndex("{}", rows);
        NDArray accumulated = EmbeddingRows.gather(slot.accumulator, rows).addi(gradient.square());
        slot.accumulator.set(index, accumulated);
        NDArray step = gradient.div(accumulated.addi(EPSILON).sqrt()).muli(learningRate);
        if (slot.velocity != null) {
            NDArray velocity = EmbeddingRows.gather(slot.velocity, rows).muli(momentum).addi(step);
            slot.velocity.set(index, velocity);
            step = nesterov ? step.addi(velocity.muli(momentum)) : velocity;
        }
        parameter.set(index, current.subi(step));
    }
}
