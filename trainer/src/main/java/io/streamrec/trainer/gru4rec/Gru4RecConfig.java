package io.streamrec.trainer.gru4rec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GRU4Rec's training options (Hidasi et al., ICLR 2016). Each is named as in the paper's discussion.
 *
 * @param embeddingSize  size of the item embedding that feeds the GRU
 * @param hiddenSize     GRU units
 * @param batchSize      parallel sessions per mini-batch (session-parallel mini-batches)
 * @param epochs         passes over the training sessions
 * @param learningRate   Adagrad learning rate
 * @param dropoutHidden  dropout on the GRU output during training (0 = none)
 * @param nSample        extra negatives per mini-batch drawn by popularity, shared by all its rows, on top of the
 *                       other targets of the mini-batch (0 = mini-batch negatives only)
 * @param sampleAlpha    negatives are drawn with probability proportional to popularity^sampleAlpha
 * @param seed           random seed for initialisation, dropout and sampling
 * @param sequenceLength L, the length of the exported graph's item input (the serving window)
 * @param topK           items the exported graph returns
 */
public record Gru4RecConfig(
        int embeddingSize,
        int hiddenSize,
        int batchSize,
        int epochs,
        float learningRate,
        float dropoutHidden,
        int nSample,
        double sampleAlpha,
        long seed,
        int sequenceLength,
        int topK) {

    public Gru4RecConfig {
        if (embeddingSize < 1 || hiddenSize < 1 || batchSize < 2 || epochs < 1 || sequenceLength < 1 || topK < 1) {
            throw new IllegalArgumentException("sizes, batch (>= 2), epochs, L and K must be positive: " + this);
        }
        if (dropoutHidden < 0 || dropoutHidden >= 1) {
            throw new IllegalArgumentException("dropoutHidden must be in [0, 1)");
        }
    }

    public static Gru4RecConfig defaults() {
        return new Gru4RecConfig(64, 100, 32, 5, 0.05f, 0.0f, 0, 0.5, 42, 20, 20);
    }

    public Gru4RecConfig withEpochs(int e) {
        return new Gru4RecConfig(embeddingSize, hiddenSize, batchSize, e, learningRate, dropoutHidden, nSample,
                sampleAlpha, seed, sequenceLength, topK);
    }

    public Gru4RecConfig withSeed(long s) {
        return new Gru4RecConfig(embeddingSize, hiddenSize, batchSize, epochs, learningRate, dropoutHidden, nSample,
                sampleAlpha, s, sequenceLength, topK);
    }

    public Gru4RecConfig withHiddenSize(int h) {
        return new Gru4RecConfig(embeddingSize, h, batchSize, epochs, learningRate, dropoutHidden, nSample, sampleAlpha,
                seed, sequenceLength, topK);
    }

    public Gru4RecConfig withEmbeddingSize(int e) {
        return new Gru4RecConfig(e, hiddenSize, batchSize, epochs, learningRate, dropoutHidden, nSample, sampleAlpha,
                seed, sequenceLength, topK);
    }

    public Gru4RecConfig withBatchSize(int b) {
        return new Gru4RecConfig(embeddingSize, hiddenSize, b, epochs, learningRate, dropoutHidden, nSample,
                sampleAlpha, seed, sequenceLength, topK);
    }

    public Gru4RecConfig withLearningRate(float lr) {
        return new Gru4RecConfig(embeddingSize, hiddenSize, batchSize, epochs, lr, dropoutHidden, nSample, sampleAlpha,
                seed, sequenceLength, topK);
    }

    public Gru4RecConfig withDropoutHidden(float p) {
        return new Gru4RecConfig(embeddingSize, hiddenSize, batchSize, epochs, learningRate, p, nSample, sampleAlpha,
                seed, sequenceLength, topK);
    }

    public Gru4RecConfig withNSample(int n) {
        return new Gru4RecConfig(embeddingSize, hiddenSize, batchSize, epochs, learningRate, dropoutHidden, n,
                sampleAlpha, seed, sequenceLength, topK);
    }

    public Gru4RecConfig withServing(int length, int k) {
        return new Gru4RecConfig(embeddingSize, hiddenSize, batchSize, epochs, learningRate, dropoutHidden, nSample,
                sampleAlpha, seed, length, k);
    }

    /** The settings as strings, for the bundle manifest. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("embedding_size", Integer.toString(embeddingSize));
        m.put("hidden_size", Integer.toString(hiddenSize));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("learning_rate", Float.toString(learningRate));
        m.put("optimizer", "adagrad");
        m.put("loss", "cross-entropy over mini-batch targets" + (nSample > 0 ? " + " + nSample + " sampled" : ""));
        m.put("dropout_hidden", Float.toString(dropoutHidden));
        m.put("n_sample", Integer.toString(nSample));
        m.put("sample_alpha", Double.toString(sampleAlpha));
        m.put("seed", Long.toString(seed));
        return m;
    }
}
