package io.streamrec.trainer.gru4rec;

import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.family.FamilyConfig;
import io.streamrec.trainer.family.FloatSetting;
import io.streamrec.trainer.family.ParameterFile;
import java.util.Locale;
import java.util.Map;

/**
 * GRU4Rec's training options, as described by Hidasi et al. (ICLR 2016, session-parallel mini-batches) and Hidasi &amp;
 * Karatzoglou (CIKM 2018, "Recurrent neural networks with top-k gains": shared popularity-sampled negatives,
 * cross-entropy and BPR-max, constrained embedding), each declared once below with its key, default, range and
 * meaning. The per-dataset parameter files under {@code trainer/src/main/resources/gru4rec/}, {@code --set} and the
 * bundle manifest use the keys. The defaults are the papers' cross-entropy setup (2048 shared negatives drawn by
 * popularity^0.5, one layer of 100 units, batch 32, Adagrad) with a separate 64-wide embedding; no momentum, dropout
 * or logQ; dataset-specific settings (e.g. RSC15's constrained embedding, momentum and logQ) live in the parameter
 * files. Built from resolved values by {@link #from} only.
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
        int topK,
        Settings settings) implements FamilyConfig<Gru4RecConfig> {

    /** The training loss. */
    public enum Loss {
        /** Cross-entropy of the softmax over (mini-batch targets + samples), with optional logQ correction. */
        CROSS_ENTROPY,
        /** BPR-max: −log Σ_j s_j σ(r_i − r_j) + bpreg·Σ_j s_j r_j², s = softmax over the negatives' scores. */
        BPR_MAX;

        /** As settings write it: {@code cross-entropy}, {@code bpr-max}. */
        public String key() {
            return Setting.spelling(this);
        }

        @Override
        public String toString() {
            return key();
        }
    }

    public static final Setting<Loss> LOSS = Setting.choice("loss", Loss.class, Loss.CROSS_ENTROPY,
            "cross-entropy (softmax over the mini-batch's targets and the samples) or bpr-max");
    public static final Setting<Boolean> CONSTRAINED_EMBEDDING = Setting.flag("constrained_embedding", false,
            "The GRU's input for an item is that item's row of the output weights (one shared parameter, so the"
                    + " embedding size is the hidden size)");
    public static final Setting<Integer> EMBEDDING = Setting.integer("embedding", 64, 0, 1 << 16,
            "The GRU's input without a constrained embedding: > 0, a learned item embedding of that size; 0, one-hot"
                    + " input (a learned table of 3·hidden gate inputs per item)");
    public static final Setting<Integer> HIDDEN_SIZE = Setting.integer("hidden_size", 100, 1, 1 << 16,
            "GRU units per layer");
    public static final Setting<Integer> LAYERS = Setting.integer("layers", 1, 1, 64,
            "Stacked GRU layers; the serving state is all layers' hidden states concatenated");
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("batch_size", 32, 2, 1 << 20,
            "Parallel sessions per session-parallel mini-batch");
    public static final Setting<Integer> EPOCHS = Setting.integer("epochs", 5, 1, 10_000,
            "Passes over the training sessions");
    public static final Setting<Float> LEARNING_RATE = FloatSetting.above("learning_rate", 0.05f, 0,
            "Adagrad's learning rate");
    public static final Setting<Float> MOMENTUM = FloatSetting.below("momentum", 0f, 0, 1,
            "Momentum on top of Adagrad (0 = plain Adagrad)");
    public static final Setting<Boolean> NESTEROV = Setting.flag("nesterov", true,
            "Nesterov momentum (the look-ahead form); false: classical momentum (the velocity is the step)");
    public static final Setting<Float> DROPOUT_EMBEDDING = FloatSetting.below("dropout_embedding", 0f, 0, 1,
            "Dropout on the GRU's input (with one-hot input it drops an item's whole input row)");
    public static final Setting<Float> DROPOUT_HIDDEN = FloatSetting.below("dropout_hidden", 0f, 0, 1,
            "Dropout on each GRU layer's hidden state during training (it feeds the next layer and the scores, and is"
                    + " carried to the next step)");
    public static final Setting<Integer> N_SAMPLE = Setting.integer("n_sample", 2048, 0, Integer.MAX_VALUE,
            "Extra negatives per mini-batch, drawn ∝ popularity^sample_alpha and shared by all its rows, beside the"
                    + " mini-batch's other targets (0 = in-batch negatives only)");
    public static final Setting<Double> SAMPLE_ALPHA = Setting.decimal("sample_alpha", 0.5, 0, 10,
            "The exponent of the sampling distribution (0 uniform, 1 popularity)");
    public static final Setting<Integer> SAMPLE_STORE_SIZE = Setting.integer("sample_store_size", 10_000_000, 0,
            Integer.MAX_VALUE, "Negative draws made ahead in bulk (refilled when used up), so that sampling costs"
                    + " nothing per step");
    public static final Setting<Float> LOGQ = FloatSetting.atLeast("logq", 0f, 0,
            "Weight of the logQ correction of cross-entropy: logq·log P(item) of the sampling distribution is"
                    + " subtracted from the targets' and samples' logits (0 = off; not applied to BPR-max)");
    public static final Setting<Float> BPREG = FloatSetting.atLeast("bpreg", 1.0f, 0,
            "BPR-max score regularisation λ in λ·Σ_j s_j·r_j²");
    public static final Setting<Float> ELU_PARAM = FloatSetting.atLeast("elu_param", 0f, 0,
            "α of an ELU on the scores before the loss (0 = linear); monotonic, so it changes training only");
    public static final Setting<Long> SEED = Setting.longInteger("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE,
            "Random seed for initialisation, dropout and sampling");
    public static final Setting<Integer> SEQUENCE_LENGTH = Setting.integer("sequence_length", 20, 1, 1000,
            "L, the length of the exported sequence graph's item input");
    public static final Setting<Integer> TOP_K = Setting.integer("top_k", 20, 1, 1000,
            "Items the exported graphs return");

    /** Every setting of {@code train --model gru4rec}, in help order. */
    public static final SettingGroup SETTINGS = SettingGroup.of("gru4rec", LOSS, CONSTRAINED_EMBEDDING, EMBEDDING,
            HIDDEN_SIZE, LAYERS, BATCH_SIZE, EPOCHS, LEARNING_RATE, MOMENTUM, NESTEROV, DROPOUT_EMBEDDING,
            DROPOUT_HIDDEN, N_SAMPLE, SAMPLE_ALPHA, SAMPLE_STORE_SIZE, LOGQ, BPREG, ELU_PARAM, SEED, SEQUENCE_LENGTH,
            TOP_K);

    public Gru4RecConfig {
        FamilyConfig.requireGroup(settings, SETTINGS, "GRU4Rec");
    }

    /** The one place resolved values become a configuration. */
    public static Gru4RecConfig from(Settings s) {
        return new Gru4RecConfig(s.get(EMBEDDING), s.get(HIDDEN_SIZE), s.get(LAYERS), s.get(BATCH_SIZE),
                s.get(EPOCHS), s.get(LEARNING_RATE), s.get(MOMENTUM), s.get(NESTEROV), s.get(DROPOUT_EMBEDDING),
                s.get(DROPOUT_HIDDEN), s.get(LOSS), s.get(CONSTRAINED_EMBEDDING), s.get(N_SAMPLE),
                s.get(SAMPLE_ALPHA), s.get(SAMPLE_STORE_SIZE), s.get(LOGQ), s.get(BPREG), s.get(ELU_PARAM),
                s.get(SEED), s.get(SEQUENCE_LENGTH), s.get(TOP_K), s);
    }

    @Override
    public Gru4RecConfig rebuild(Settings s) {
        return from(s);
    }

    public static Gru4RecConfig defaults() {
        return from(SETTINGS.defaults());
    }

    /** The optimiser momentum and nesterov make, for the manifest's record. */
    public String optimizer() {
        return momentum == 0 ? "adagrad" : nesterov ? "adagrad+nesterov" : "adagrad+momentum";
    }

    /**
     * Reads a parameter file: {@code spec} is a path to a properties file, or the name of one kept in the trainer
     * ({@code rsc15}, {@code rsc15-tuned}, {@code rsc15-bprmax}, {@code nowplaying}, {@code synthetic}, and the
     * settings published with the reference implementation: {@code yoochoose}, {@code rees46}, {@code diginetica},
     * {@code coveo}, {@code retailrocket}).
     */
    public static Map<String, String> loadParameters(String spec) {
        return ParameterFile.load("gru4rec", spec);
    }

    /** The size of the GRU's input vector (the Gather output in the exported graphs). */
    public int inputSize() {
        return constrainedEmbedding ? hiddenSize : embeddingSize > 0 ? embeddingSize : 3 * hiddenSize;
    }

    /** The serving state: every layer's hidden state, concatenated. */
    public int stateSize() {
        return layers * hiddenSize;
    }

    /** One line for logs. */
    @Override
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
}
