package io.streamrec.trainer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) with an optional L2 penalty added to the gradient ("weight decay" in the coupled form
 * the Caser authors trained with; AI2V uses none), β1 = 0.9, β2 = 0.999, ε = 1e-8:
 * <pre>
 *   g ← g + λθ ;  m ← β1 m + (1 − β1) g ;  v ← β2 v + (1 − β2) g²
 *   θ ← θ − η / (1 − β1^t) · m / (sqrt(v) / sqrt(1 − β2^t) + ε)
 * </pre>
 * Every parameter is updated densely (rows no window used still decay and move with their momentum, as with any dense
 * Adam). Updates go through detached views: PyTorch forbids in-place changes to a leaf that requires gradients.
 */
public final class Adam implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<NDArray> parameters;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final float learningRate;
    private final float l2;
    private long steps;

    public Adam(NDManager manager, List<NDArray> parameters, float learningRate, float l2) {
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
        this.l2 = l2;
        for (NDArray p : parameters) {
            first.add(manager.zeros(p.getShape()));
            second.add(manager.zeros(p.getShape()));
        }
    }

    /**
     * One update of every parameter from its accumulated gradient, which is then cleared. Temporaries belong to the
     * caller's scope.
     */
    public void step() {
        steps++;
        float correction1 = (float) (1 - Math.pow(BETA1, steps));
        float correction2 = (float) Math.sqrt(1 - Math.pow(BETA2, steps));
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weights = parameters.get(i).stopGradient();
            NDArray gradient = parameters.get(i).getGradient();
            NDArray g = l2 > 0 ? gradient.add(weights.mul(l2)) : gradient;
            first.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
            second.get(i).muli(BETA2).addi(g.square().muli(1 - BETA2));
            NDArray denominator = second.get(i).sqrt().divi(correction2).addi(EPSILON);
            weights.subi(first.get(i).div(denominator).muli(learningRate / correction1));
            gradient.subi(gradient);
        }
    }

    @Override
    public void close() {
        first.forEach(NDArray::close);
        second.forEach(NDArray::close);
    }
}
