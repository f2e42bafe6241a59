package io.streamrec.trainer.gru4rec;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * GRU4Rec's training options, as described by Hidasi et al. (ICLR 2016, session-parallel mini-batches) and Hidasi &amp;
 * Karatzoglou (CIKM 2018, "Recurrent neural networks with top-k gains": shared popularity-sampled negatives,
 * cross-entropy and BPR-max, constrained embedding). Every option has a snake_case key (see {@link #KEYS}), used by the
 * per-dataset parameter files under {@code trainer/src/main/resources/gru4rec/}, by {@link #with(String, String)} and
 * in the bundle manifest ({@link #asMap()}).
 *
 * @param embeddingSize        {@code embedding}: the GRU's input when {@code constrainedEmbedding} is off. {@code > 0}:
 *                             a separate learned item embedding of that size, multiplied by the GRU's input weights.
 *                             {@code 0}: one-hot input; since a one-hot vector times the input weights just picks a
 *                             column, this is implemented exactly as a learned table of 3·hidden gate inputs per item
 *                             (no separate input-weight matrix). Ignored with constrained embedding.
 * @param hiddenSize           {@code hidden_size}: GRU units per layer
 * @param layers               {@code layers}: stacked GRU layers; the serving state is all layers' hidden states
 *                             concatenated ([layers·hidden])
 * @param batchSize            {@code batch_size}: parallel sessions per session-parallel mini-batch
 * @param epochs               {@code epochs}: passes over the training sessions
 * @param learningRate         {@code learning_rate}: Adagrad learning rate
 * @param momentum             {@code momentum}: momentum on top of Adagrad (0 = plain Adagrad)
 * @param nesterov             {@code nesterov}: Nesterov momentum (the look-ahead form, the default) or, when false,
 *                             classical momentum (the velocity is the step)
 * @param dropoutEmbedding     {@code dropout_embedding}: dropout on the GRU's input (the item embedding; with one-hot
 *                             input it drops an item's whole input row)
 * @param dropoutHidden        {@code dropout_hidden}: dropout on each GRU layer's hidden state during training (the
 *                             dropped state feeds the next layer and the scores, and is carried to the next step)
 * @param loss                 {@code loss}: {@code cross-entropy} (softmax over targets + samples) or {@code bpr-max}
 * @param constrainedEmbedding {@code constrained_embedding}: the GRU's input for an item is that item's row of the
 *                             output weight matrix (one shared parameter, so the embedding size is the hidden size)
 * @param nSample              {@code n_sample}: extra negatives per mini-batch, drawn ∝ popularity^sampleAlpha and shared
 *                             by all its rows, on top of the mini-batch's other targets (0 = in-batch negatives only)
 * @param sampleAlpha          {@code sample_alpha}: the exponent of the sampling distribution (0 uniform, 1 popularity)
 * @param sampleStoreSize      {@code sample_store_size}: draws made ahead in bulk into the sample store (refilled when
 *                             used up), so that sampling costs nothing per step
 * @param logq                 {@code logq}: weight of the logQ correction for cross-entropy: logq·log P(item) of the
 *                             sampling distribution is subtracted from the logits of the targets and the samples
 *                             (0 = off). Not applied to BPR-max.
 * @param bpreg                {@code bpreg}: BPR-max score regularisation λ in λ·Σ_j s_j·r_j²
 * @param eluParam             {@code elu_param}: α of an ELU applied to the scores before the loss (0 = linear). ELU is
 *                             strictly monotonic, so it changes training only: rankings and the exported graphs (which
 *                             leave it out) are unaffected.
 * @param seed                 {@code seed}: random seed for initialisation, dropout and sampling
 * @param sequenceLength       {@code sequence_length}: L, the length of the exported sequence graph's item input
 * @param topK                 {@code top_k}: items the exported graphs return
 */
public record Gru4RecConfig(
        int embeddingSize,
        int hiddenSize,
        int layers,
        int batchSize,
        int epochs,
        float learningRate,
        float momentum,
        boolean nesterov,
        float dropoutEmbedding,
        float dropoutHidden,
        Loss loss,
        boolean constrainedEmbedding,
        int nSample,
        double sampleAlpha,
        int sampleStoreSize,
        float logq,
        float bpreg,
        float eluParam,
        long seed,
        int sequenceLength,
        int topK) {

    /** The option keys, in the order {@link #asMap()} writes them. */
    public static final java.util.List<String> KEYS = java.util.List.of("loss", "constrained_embedding", "embedding",
            "hidden_size", "layers", "batch_size", "epochs", "learning_rate", "momentum", "nesterov", "dropout_embedding",
            "dropout_hidden", "n_sample", "sample_alpha", "sample_store_size", "logq", "bpreg", "elu_param", "seed",
            "sequence_length", "top_k");

    /** The training loss. */
    public enum Loss {
        /** Cross-entropy of the softmax over (mini-batch targets + samples), with optional logQ correction. */
        CROSS_ENTROPY("cross-entropy"),
        /** BPR-max: −log Σ_j s_j σ(r_i − r_j) + bpreg·Σ_j s_j r_j², s = softmax over the negatives' scores. */
        BPR_MAX("bpr-max");

        private final String key;

        Loss(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Loss parse(String s) {
            String v = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Loss l : values()) {
                if (l.key.equals(v) || (l == CROSS_ENTROPY && v.equals("ce")) || (l == BPR_MAX && v.equals("bprmax"))) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown loss '" + s + "' (cross-entropy or bpr-max)");
        }

        @Override
        public String toString() {
            return key;
        }
    }

    public Gru4RecConfig {
        if (embeddingSize < 0 || hiddenSize < 1 || layers < 1 || batchSize < 2 || epochs < 1 || sequenceLength < 1
                || topK < 1) {
            throw new IllegalArgumentException("sizes, layers, batch (>= 2), epochs, L and K must be positive"
                    + " (embedding >= 0): " + this);
        }
        if (dropoutHidden < 0 || dropoutHidden >= 1 || dropoutEmbedding < 0 || dropoutEmbedding >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1)");
        }
        if (momentum < 0 || momentum >= 1 || learningRate <= 0) {
            throw new IllegalArgumentException("momentum must be in [0, 1) and the learning rate positive");
        }
        if (nSample < 0 || sampleStoreSize < 0 || logq < 0 || bpreg < 0 || eluParam < 0 || sampleAlpha < 0) {
            throw new IllegalArgumentException("n_sample, sample_store_size, logq, bpreg, elu_param and sample_alpha"
                    + " must not be negative");
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must be set");
        }
    }

    /** The options as they were before the others existed (a separate embedding, one layer, plain Adagrad, CE). */
    public Gru4RecConfig(int embeddingSize, int hiddenSize, int batchSize, int epochs, float learningRate,
                         float dropoutHidden, int nSample, double sampleAlpha, long seed, int sequenceLength, int topK) {
        this(embeddingSize, hiddenSize, 1, batchSize, epochs, learningRate, 0f, true, 0f, dropoutHidden,
                Loss.CROSS_ENTROPY,
                false, nSample, sampleAlpha, DEFAULT_SAMPLE_STORE, 0f, 1.0f, 0f, seed, sequenceLength, topK);
    }

    static final int DEFAULT_SAMPLE_STORE = 10_000_000;

    /**
     * The defaults: the papers' cross-entropy setup (2048 shared negatives drawn by popularity^0.5, one layer of 100
     * units, batch 32, Adagrad) with a separate 64-wide embedding; no momentum, dropout or logQ. Dataset-specific
     * settings (e.g. RSC15's constrained embedding, momentum and logQ) live in the parameter files.
     */
    public static Gru4RecConfig defaults() {
        return new Gru4RecConfig(64, 100, 1, 32, 5, 0.05f, 0f, true, 0f, 0f, Loss.CROSS_ENTROPY, false, 2048, 0.5,
                DEFAULT_SAMPLE_STORE, 0f, 1.0f, 0f, 42, 20, 20);
    }

    /** The size of the GRU's input vector (the Gather output in the exported graphs). */
    public int inputSize() {
        return constrainedEmbedding ? hiddenSize : embeddingSize > 0 ? embeddingSize : 3 * hiddenSize;
    }

    /** The serving state: every layer's hidden state, concatenated. */
    public int stateSize() {
        return layers * hiddenSize;
    }

    /**
     * This configuration with one option changed, by its key ({@link #KEYS}; dashes work as underscores, and
     * {@code hidden}, {@code dropout} and {@code embedding_size} are accepted as aliases).
     *
     * @throws IllegalArgumentException for an unknown key or a value that does not parse
     */
    public Gru4RecConfig with(String key, String value) {
        String k = key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        String v = value.trim();
        try {
            return switch (k) {
                case "loss" -> copy(b -> b.loss = Loss.parse(v));
                case "constrained_embedding" -> copy(b -> b.constrained = parseBoolean(v));
                case "embedding", "embedding_size" -> copy(b -> b.embedding = Integer.parseInt(v));
                case "hidden_size", "hidden" -> copy(b -> b.hidden = Integer.parseInt(v));
                case "layers" -> copy(b -> b.layers = Integer.parseInt(v));
                case "batch_size" -> copy(b -> b.batch = Integer.parseInt(v));
                case "epochs" -> copy(b -> b.epochs = Integer.parseInt(v));
                case "learning_rate" -> copy(b -> b.learningRate = Float.parseFloat(v));
                case "momentum" -> copy(b -> b.momentum = Float.parseFloat(v));
                case "nesterov" -> copy(b -> b.nesterov = parseBoolean(v));
                case "dropout_embedding", "dropout_p_embed" -> copy(b -> b.dropoutEmbedding = Float.parseFloat(v));
                case "dropout_hidden", "dropout", "dropout_p_hidden" -> copy(b -> b.dropoutHidden = Float.parseFloat(v));
                case "n_sample" -> copy(b -> b.nSample = Integer.parseInt(v));
                case "sample_alpha" -> copy(b -> b.sampleAlpha = Double.parseDouble(v));
                case "sample_store_size" -> copy(b -> b.sampleStore = Integer.parseInt(v));
                case "logq" -> copy(b -> b.logq = Float.parseFloat(v));
                case "bpreg" -> copy(b -> b.bpreg = Float.parseFloat(v));
                case "elu_param" -> copy(b -> b.eluParam = Float.parseFloat(v));
                case "seed" -> copy(b -> b.seed = Long.parseLong(v));
                case "sequence_length" -> copy(b -> b.sequenceLength = Integer.parseInt(v));
                case "top_k" -> copy(b -> b.topK = Integer.parseInt(v));
                default -> throw new IllegalArgumentException("unknown GRU4Rec option '" + key + "'; known: " + KEYS);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GRU4Rec option " + key + ": cannot parse '" + value + "'", e);
        }
    }

    /** This configuration with every entry of {@code settings} applied by {@link #with(String, String)}. */
    public Gru4RecConfig with(Map<String, String> settings) {
        Gru4RecConfig c = this;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            c = c.with(e.getKey(), e.getValue());
        }
        return c;
    }

    /**
     * Reads a parameter file: {@code spec} is a path to a properties file, or the name of one kept in the trainer
     * ({@code rsc15}, {@code rsc15-bprmax}, {@code nowplaying}, {@code synthetic}: resources
     * {@code /gru4rec/NAME.properties}).
     */
    public static Map<String, String> loadParameters(String spec) throws IOException {
        return io.streamrec.trainer.family.ParameterFile.load("gru4rec", spec);
    }

    private static boolean parseBoolean(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + v);
        };
    }

    public Gru4RecConfig withEpochs(int e) {
        return copy(b -> b.epochs = e);
    }

    public Gru4RecConfig withSeed(long s) {
        return copy(b -> b.seed = s);
    }

    public Gru4RecConfig withHiddenSize(int h) {
        return copy(b -> b.hidden = h);
    }

    public Gru4RecConfig withEmbeddingSize(int e) {
        return copy(b -> b.embedding = e);
    }

    public Gru4RecConfig withBatchSize(int n) {
        return copy(b -> b.batch = n);
    }

    public Gru4RecConfig withLearningRate(float lr) {
        return copy(b -> b.learningRate = lr);
    }

    public Gru4RecConfig withMomentum(float m) {
        return copy(b -> b.momentum = m);
    }

    public Gru4RecConfig withNesterov(boolean n) {
        return copy(b -> b.nesterov = n);
    }

    public Gru4RecConfig withDropoutHidden(float p) {
        return copy(b -> b.dropoutHidden = p);
    }

    public Gru4RecConfig withDropoutEmbedding(float p) {
        return copy(b -> b.dropoutEmbedding = p);
    }

    public Gru4RecConfig withNSample(int n) {
        return copy(b -> b.nSample = n);
    }

    public Gru4RecConfig withSampleAlpha(double a) {
        return copy(b -> b.sampleAlpha = a);
    }

    public Gru4RecConfig withLayers(int n) {
        return copy(b -> b.layers = n);
    }

    public Gru4RecConfig withLoss(Loss l) {
        return copy(b -> b.loss = l);
    }

    public Gru4RecConfig withConstrainedEmbedding(boolean c) {
        return copy(b -> b.constrained = c);
    }

    public Gru4RecConfig withLogq(float q) {
        return copy(b -> b.logq = q);
    }

    public Gru4RecConfig withBpreg(float r) {
        return copy(b -> b.bpreg = r);
    }

    public Gru4RecConfig withEluParam(float a) {
        return copy(b -> b.eluParam = a);
    }

    public Gru4RecConfig withServing(int length, int k) {
        return copy(b -> {
            b.sequenceLength = length;
            b.topK = k;
        });
    }

    /** The settings as strings under their keys, for the bundle manifest (and readable back by {@link #with}). */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("loss", loss.key());
        m.put("constrained_embedding", Boolean.toString(constrainedEmbedding));
        m.put("embedding", Integer.toString(embeddingSize));
        m.put("hidden_size", Integer.toString(hiddenSize));
        m.put("layers", Integer.toString(layers));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("learning_rate", Float.toString(learningRate));
        m.put("momentum", Float.toString(momentum));
        m.put("nesterov", Boolean.toString(nesterov));
        m.put("dropout_embedding", Float.toString(dropoutEmbedding));
        m.put("dropout_hidden", Float.toString(dropoutHidden));
        m.put("n_sample", Integer.toString(nSample));
        m.put("sample_alpha", Double.toString(sampleAlpha));
        m.put("sample_store_size", Integer.toString(sampleStoreSize));
        m.put("logq", Float.toString(logq));
        m.put("bpreg", Float.toString(bpreg));
        m.put("elu_param", Float.toString(eluParam));
        m.put("seed", Long.toString(seed));
        m.put("sequence_length", Integer.toString(sequenceLength));
        m.put("top_k", Integer.toString(topK));
        m.put("optimizer", momentum == 0 ? "adagrad" : nesterov ? "adagrad+nesterov" : "adagrad+momentum");
        return m;
    }

    /** One line for logs. */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %s, %d×%d GRU, batch %d, lr %s, %smomentum %s, dropout %s/%s, n_sample %d"
                        + " (α %s), logq %s%s, %d epochs", loss.key(),
                constrainedEmbedding ? "constrained embedding" : embeddingSize > 0 ? "embedding " + embeddingSize
                        : "one-hot input", layers, hiddenSize, batchSize, learningRate,
                momentum > 0 && !nesterov ? "classical " : "", momentum, dropoutEmbedding,
                dropoutHidden, nSample, sampleAlpha, logq,
                loss == Loss.BPR_MAX ? ", bpreg " + bpreg : "", epochs)
                + (eluParam > 0 ? ", elu " + eluParam : "");
    }

    private Gru4RecConfig copy(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    private static final class Builder {
        int embedding;
        int hidden;
        int layers;
        int batch;
        int epochs;
        float learningRate;
        float momentum;
        boolean nesterov;
        float dropoutEmbedding;
        float dropoutHidden;
        Loss loss;
        boolean constrained;
        int nSample;
        double sampleAlpha;
        int sampleStore;
        float logq;
        float bpreg;
        float eluParam;
        long seed;
        int sequenceLength;
        int topK;

        Builder(Gru4RecConfig c) {
            embedding = c.embeddingSize;
            hidden = c.hiddenSize;
            layers = c.layers;
            batch = c.batchSize;
            epochs = c.epochs;
            learningRate = c.learningRate;
            momentum = c.momentum;
            nesterov = c.nesterov;
            dropoutEmbedding = c.dropoutEmbedding;
            dropoutHidden = c.dropoutHidden;
            loss = c.loss;
            constrained = c.constrainedEmbedding;
            nSample = c.nSample;
            sampleAlpha = c.sampleAlpha;
            sampleStore = c.sampleStoreSize;
            logq = c.logq;
            bpreg = c.bpreg;
            eluParam = c.eluParam;
            seed = c.seed;
            sequenceLength = c.sequenceLength;
            topK = c.topK;
        }

        Gru4RecConfig build() {
            return new Gru4RecConfig(embedding, hidden, layers, batch, epochs, learningRate, momentum, nesterov,
                    dropoutEmbedding, dropoutHidden, loss, constrained, nSample, sampleAlpha, sampleStore, logq, bpreg, eluParam, seed,
                    sequenceLength, topK);
        }
    }
}
