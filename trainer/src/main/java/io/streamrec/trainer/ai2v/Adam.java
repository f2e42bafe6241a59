package io.streamrec.trainer.ai2v;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) with the usual β1 = 0.9, β2 = 0.999, ε = 1e-8, dense over every parameter: AI2V's
 * tables are small enough at the catalogue sizes here that a row-wise update would not pay for its bookkeeping.
 * Updates go through {@link NDArray#stopGradient()} views (PyTorch forbids in-place changes to a leaf that requires
 * grad while grad mode is on); gradients are cleared after use.
 */
final class Adam implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final List<NDArray> parameters;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private int steps;

    Adam(NDManager manager, List<NDArray> parameters, float learningRate) {
        this.learningRate = learningRate;
        this.parameters = parameters;
        for (NDArray p : parameters) {
            first.add(manager.zeros(p.getShape()));
            second.add(manager.zeros(p.getShape()));
        }
    }

    /** One step from the parameters' accumulated gradients; temporaries belong to the caller's scope. */
    void step() {
        steps++;
        float correction1 = 1 - (float) Math.pow(BETA1, steps);
        float correction2 = 1 - (float) Math.pow(BETA2, steps);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            NDArray g = p.getGradient();
            first.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
            second.get(i).muli(BETA2).addi(g.square().muli(1 - BETA2));
            NDArray update = first.get(i).div(correction1)
                    .divi(second.get(i).div(correction2).sqrt().addi(EPSILON)).muli(learningRate);
            p.stopGradient().subi(update);
            g.subi(g);
        }
    }

    @Override
    public void close() {
        first.forEach(NDArray::close);
        second.forEach(NDArray::close);
    }
}
