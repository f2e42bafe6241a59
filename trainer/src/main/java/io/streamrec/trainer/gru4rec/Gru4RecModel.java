package io.streamrec.trainer.gru4rec;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Random;

/**
 * GRU4Rec's network on DJL: item embedding, one GRU layer, and a score for every item from an output embedding and
 * bias. The GRU is written out gate by gate rather than taken from a library block so that its parameters are laid
 * out exactly as ONNX's GRU operator wants them (gates z, r, h; the "linear before reset" form), which makes export a
 * copy and ORT/DJL parity exact:
 * <pre>
 *   z = σ(W_z x + b_Wz + R_z h + b_Rz)        r = σ(W_r x + b_Wr + R_r h + b_Rr)
 *   n = tanh(W_h x + b_Wh + r ∘ (R_h h + b_Rh))  h' = (1 − z) ∘ n + z ∘ h
 * </pre>
 * Item index 0 is padding: its embedding row exists but is never a target, and its score is never ranked.
 */
public final class Gru4RecModel implements AutoCloseable {
    private final NDManager manager;
    private final int itemCount;
    private final int embeddingSize;
    private final int hiddenSize;

    final NDArray embedding;        // [N+1, E]
    final NDArray inputWeights;     // W [3H, E], rows z, r, h
    final NDArray recurrentWeights; // R [3H, H], rows z, r, h
    final NDArray inputBias;        // [3H]
    final NDArray recurrentBias;    // [3H]
    final NDArray outputWeights;    // [N+1, H]
    final NDArray outputBias;       // [N+1]

    private Gru4RecModel(NDManager manager, int itemCount, int embeddingSize, int hiddenSize, NDArray embedding,
                         NDArray inputWeights, NDArray recurrentWeights, NDArray inputBias, NDArray recurrentBias,
                         NDArray outputWeights, NDArray outputBias) {
        this.manager = manager;
        this.itemCount = itemCount;
        this.embeddingSize = embeddingSize;
        this.hiddenSize = hiddenSize;
        this.embedding = embedding;
        this.inputWeights = inputWeights;
        this.recurrentWeights = recurrentWeights;
        this.inputBias = inputBias;
        this.recurrentBias = recurrentBias;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
    }

    /**
     * A freshly initialised model: weights uniform in ±sqrt(6 / (fan_in + fan_out)) as in GRU4Rec, biases zero,
     * drawn from {@code seed} in Java so that the same seed gives the same model on every engine build.
     */
    public static Gru4RecModel initialise(int itemCount, int embeddingSize, int hiddenSize, long seed) {
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Random random = new Random(seed);
        int n = itemCount + 1;
        Gru4RecModel model = new Gru4RecModel(manager, itemCount, embeddingSize, hiddenSize,
                uniform(manager, random, n, embeddingSize),
                uniform(manager, random, 3 * hiddenSize, embeddingSize),
                uniform(manager, random, 3 * hiddenSize, hiddenSize),
                manager.zeros(new Shape(3L * hiddenSize)),
                manager.zeros(new Shape(3L * hiddenSize)),
                uniform(manager, random, n, hiddenSize),
                manager.zeros(new Shape(n)));
        model.parameters().forEach(p -> p.setRequiresGradient(true));
        return model;
    }

    private static NDArray uniform(NDManager manager, Random random, int rows, int cols) {
        float bound = (float) Math.sqrt(6.0 / (rows + cols));
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextFloat() * 2 - 1) * bound;
        }
        return manager.create(values, new Shape(rows, cols));
    }

    public List<NDArray> parameters() {
        return List.of(embedding, inputWeights, recurrentWeights, inputBias, recurrentBias, outputWeights, outputBias);
    }

    NDManager manager() {
        return manager;
    }

    public int itemCount() {
        return itemCount;
    }

    public int embeddingSize() {
        return embeddingSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    /** One GRU step: items [B] (int64 indices), hidden [B, H] → the next hidden state [B, H]. */
    public NDArray step(NDArray items, NDArray hidden) {
        NDArray x = embedding.get(items);
        NDList gx = x.matMul(inputWeights.transpose()).add(inputBias).split(3, 1);
        NDList gh = hidden.matMul(recurrentWeights.transpose()).add(recurrentBias).split(3, 1);
        NDArray z = Activation.sigmoid(gx.get(0).add(gh.get(0)));
        NDArray r = Activation.sigmoid(gx.get(1).add(gh.get(1)));
        NDArray candidate = gx.get(2).add(r.mul(gh.get(2))).tanh();
        return z.neg().add(1).mul(candidate).add(z.mul(hidden));
    }

    /** Scores of every item index for each row of hidden [B, H] → [B, N+1]; column 0 (padding) is meaningless. */
    public NDArray scores(NDArray hidden) {
        return hidden.matMul(outputWeights.transpose()).add(outputBias);
    }

    /** Scores of chosen items only: hidden [B, H] against items [M] → [B, M]. */
    public NDArray scores(NDArray hidden, NDArray items) {
        return hidden.matMul(outputWeights.get(items).transpose()).add(outputBias.get(items));
    }

    @Override
    public void close() {
        manager.close();
    }
}
