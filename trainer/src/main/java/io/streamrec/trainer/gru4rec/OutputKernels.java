package io.streamrec.trainer.gru4rec;

/**
 * The three loops of GRU4Rec's output layer that touch the item rows of a training step, over the rows at positions
 * {@code [from, to)} of {@code rows}. Tables are row-major with {@code width} = H + 1 columns (the H output weights,
 * then the bias). Per step, with B the batch and U the distinct candidate rows:
 * <ul>
 *   <li>{@code hiddenT} [width, B]: the batch's last-layer outputs, transposed, with a final row of ones (the
 *       bias input); {@code hiddenRows} [B, width]: the same, untransposed;</li>
 *   <li>{@code logitsT} and {@code gradT} [U, B]: scores and their gradients, one row per candidate row.</li>
 * </ul>
 * The row range lets a test run any part of a pass on its own.
 */
interface OutputKernels {
    /** {@code logitsT[u, b] = weights[rows[u]] · (h_b, 1)}. */
    void logits(float[] weights, int width, long[] rows, int from, int to, float[] hiddenT, int batch,
                float[] logitsT);

    /**
     * {@code rowGrads[u] = Σ_b gradT[u, b] · (h_b, 1)} (overwritten) and
     * {@code hiddenGradT[k, b] += Σ_u gradT[u, b] · weights[rows[u], k]} for k &lt; H ([H, B], transposed like
     * {@code hiddenT}).
     */
    void gradients(float[] weights, int width, long[] rows, int from, int to, float[] gradT, float[] hiddenRows,
                   int batch, float[] rowGrads, float[] hiddenGradT);

    /**
     * Adagrad with momentum ({@link Adagrad}'s rule, element-wise) on rows {@code rows[from, to)} from
     * {@code rowGrads} (one row per position); {@code velocity} is null without momentum.
     */
    void adagrad(float[] weights, float[] accumulator, float[] velocity, int width, long[] rows, int from, int to,
                 float[] rowGrads, float learningRate, float momentum, boolean nesterov);

    /**
     * Sampled cross-entropy, summed over the batch: for column b, z[u] = f(logitsT[u, b]) + shift[u] with f the ELU of
     * {@code eluParam} (the identity at 0); loss_b = −log softmax(z)[targets[b]]. Writes ∂loss/∂logitsT into
     * {@code gradT} [count, B] and returns the loss.
     */
    double crossEntropy(float[] logitsT, int count, int batch, long[] targets, float[] shift, float eluParam,
                        float[] gradT);

    /**
     * The Vector API kernels when the JVM has {@code jdk.incubator.vector} and the CPU runs its 256-bit vectors
     * natively, else the plain loops. (The module check comes first: without the module the vector class must not
     * even be loaded.)
     */
    static OutputKernels best() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorOutputKernels.supported()
                ? new VectorOutputKernels() : new PlainOutputKernels();
    }
}
