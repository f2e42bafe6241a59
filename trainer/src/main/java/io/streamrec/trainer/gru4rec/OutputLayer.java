package io.streamrec.trainer.gru4rec;

import java.util.Arrays;

/**
 * GRU4Rec's output item matrix while it trains: the weights [N+1, H+1] (each item's H output weights, then its bias)
 * with their Adagrad state, on the Java heap, and the sampled softmax's products over the item rows a step uses.
 *
 * <p>Why not libtorch: a step's output layer is three thin matrix products over ~1,000–2,000 scattered item rows,
 * then a row-wise Adagrad update of the same rows. Through DJL that is a gather, the products, a dozen element-wise
 * passes and three scatters per step, each a separate pass over the rows; here it is one pass per product and one
 * for the update, with no copies in or out ({@link OutputKernels}). The GRU below it stays on libtorch's autograd.
 * Measured on RSC15's shapes (B 32, H 100, ~1,350 rows a step): the step went from about 3.3 ms to 1.9 ms.
 * At those shapes a pass is too small to share with a second core; at the wide settings it is not, and
 * {@link RowHalves} splits the passes ({@link RowHalves#splits}).
 */
final class OutputLayer implements AutoCloseable {
    private final float[] weights;
    private final float[] accumulator;
    private final float[] velocity;
    private final int width;
    private final int hidden;
    private final int batch;
    private final float learningRate;
    private final float momentum;
    private final boolean nesterov;
    private final OutputKernels kernels;
    private final RowHalves halves;

    private final float[] hiddenT;
    private final float[] hiddenRows;
    private final float[] hiddenGradT;
    private final float[] outputGrad;
    private final float[] secondHiddenGradT;
    private float[] logitsT = new float[0];
    private float[] rowGrads = new float[0];
    private float[] scoreGrads = new float[0];

    /**
     * @param weights the item matrix [N+1, hidden+1], row-major; trained in place
     * @param halves  runs the passes of large steps in two halves ({@link RowHalves}); closed with this layer
     */
    OutputLayer(float[] weights, int hidden, int batch, Gru4RecConfig config, OutputKernels kernels,
                RowHalves halves) {
        this.halves = halves;
        this.weights = weights;
        this.width = hidden + 1;
        this.hidden = hidden;
        this.batch = batch;
        this.learningRate = config.learningRate();
        this.momentum = config.momentum();
        this.nesterov = config.nesterov();
        this.accumulator = new float[weights.length];
        this.velocity = momentum > 0 ? new float[weights.length] : null;
        this.kernels = kernels;
        this.hiddenT = new float[width * batch];
        this.hiddenRows = new float[batch * width];
        this.hiddenGradT = new float[hidden * batch];
        this.outputGrad = new float[batch * hidden];
        this.secondHiddenGradT = new float[hidden * batch];
        for (int b = 0; b < batch; b++) {
            hiddenT[hidden * batch + b] = 1;
            hiddenRows[b * width + hidden] = 1;
        }
    }

    float[] weights() {
        return weights;
    }

    /** Rows {@code items} [B] of the weights without their bias, [B, H]: the GRU's input with a constrained embedding. */
    float[] inputRows(long[] items) {
        float[] x = new float[items.length * hidden];
        for (int b = 0; b < items.length; b++) {
            System.arraycopy(weights, (int) items[b] * width, x, b * hidden, hidden);
        }
        return x;
    }

    /**
     * Scores [U, B] (U = {@code count}) of the candidate rows {@code rows[0, count)} for the batch's last-layer outputs
     * {@code output} [B, H]. The returned array is reused by the next call.
     */
    float[] logits(float[] output, long[] rows, int count) {
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < hidden; k++) {
                float v = output[b * hidden + k];
                hiddenT[k * batch + b] = v;
                hiddenRows[b * width + k] = v;
            }
        }
        if (logitsT.length < count * batch) {
            logitsT = new float[count * batch];
        }
        halves.run(count, batch, width,
                (from, to) -> kernels.logits(weights, width, rows, from, to, hiddenT, batch, logitsT));
        return logitsT;
    }

    /**
     * Cross-entropy ({@link OutputKernels#crossEntropy}) of the scores from the last {@link #logits} call; returns the
     * batch's summed loss and leaves the gradient of its <em>mean</em> over the rows in {@link #scoreGradients()}.
     *
     * <p>Why the mean: Adagrad divides a gradient by the root of its squares' running sum plus ε (1e-6), so a constant
     * factor cancels except against ε, and there it decides how far a rarely used item row moves. From the sum, the
     * first touch of a sampled negative whose gradient is negligible still moved each of its weights by a whole
     * learning rate (g / sqrt(g²) = ±1), which, across a large catalogue of rarely sampled rows, is noise; from the
     * mean, such a row moves in proportion to its gradient while g² is small beside ε. GRU4Rec's published settings
     * were tuned with the mean.
     */
    double crossEntropy(int count, long[] targets, float[] shift, float eluParam) {
        if (scoreGrads.length < count * batch) {
            scoreGrads = new float[count * batch];
        }
        double loss = kernels.crossEntropy(logitsT, count, batch, targets, shift, eluParam, scoreGrads);
        float mean = 1f / batch;
        for (int i = 0; i < count * batch; i++) {
            scoreGrads[i] *= mean;
        }
        return loss;
    }

    /** The scores' gradient [U, B] from the last {@link #crossEntropy} call: that of the rows' mean loss. */
    float[] scoreGradients() {
        return scoreGrads;
    }

    /**
     * From the scores' gradient {@code gradT} [U, B] for the candidate rows {@code rows[0, count)}: stores each row's
     * gradient for {@link #update} (rows {@code [count, total)}, the input-only ones, start at zero) and returns the
     * gradient of the last-layer outputs [B, H], valid until the next call.
     */
    float[] backward(long[] rows, int count, int total, float[] gradT) {
        if (rowGrads.length < total * width) {
            rowGrads = new float[total * width];
        }
        Arrays.fill(rowGrads, count * width, total * width, 0f);
        Arrays.fill(hiddenGradT, 0f);
        if (RowHalves.splits(count, batch, width)) {
            // the halves' hidden gradients are partial sums over their rows, added in a fixed order
            Arrays.fill(secondHiddenGradT, 0f);
            halves.run(count,
                    (from, to) -> kernels.gradients(weights, width, rows, from, to, gradT, hiddenRows, batch,
                            rowGrads, hiddenGradT),
                    (from, to) -> kernels.gradients(weights, width, rows, from, to, gradT, hiddenRows, batch,
                            rowGrads, secondHiddenGradT));
            for (int i = 0; i < secondHiddenGradT.length; i++) {
                hiddenGradT[i] += secondHiddenGradT[i];
            }
        } else {
            kernels.gradients(weights, width, rows, 0, count, gradT, hiddenRows, batch, rowGrads, hiddenGradT);
        }
        for (int k = 0; k < hidden; k++) {
            for (int b = 0; b < batch; b++) {
                outputGrad[b * hidden + k] = hiddenGradT[k * batch + b];
            }
        }
        return outputGrad;
    }

    /** Adds {@code grad[offset, offset + H)} (a GRU input's gradient) to the stored gradient of the row at {@code position}. */
    void addInputGradient(int position, float[] grad, int offset) {
        int at = position * width;
        for (int k = 0; k < hidden; k++) {
            rowGrads[at + k] += grad[offset + k];
        }
    }

    /** Adagrad with momentum on rows {@code rows[0, total)} from their stored gradients. */
    void update(long[] rows, int total) {
        // (a step large enough to split its products is split here too, though the update is a pass over the rows only)
        halves.run(total, batch, width, (from, to) -> kernels.adagrad(weights, accumulator, velocity, width, rows,
                from, to, rowGrads, learningRate, momentum, nesterov));
    }

    @Override
    public void close() {
        halves.close();
    }
}
