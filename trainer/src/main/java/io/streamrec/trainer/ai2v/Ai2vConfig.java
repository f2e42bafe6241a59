package io.streamrec.trainer.ai2v;

import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.family.FamilyConfig;

/**
 * Attentive Item2Vec's options (Barkan et al., ICASSP 2020), each declared once below with its key, default, range and
 * meaning. The paper's equations fix the architecture; the sizes are this implementation's defaults, because the
 * source at hand (lecture slides with the equations and result tables) gives no hyperparameter values. Built from
 * resolved values by {@link #from} only.
 */
public record Ai2vConfig(int embeddingDim, int heads, int attentionDim, int valueDim, int zDim, int mlpHidden,
                         Activation activation, int negatives, double negativePower, double logq, int batchSize,
                         int epochs, double learningRate, int sequenceLength, int topK, Serving serving,
                         int candidates, long seed, Settings settings) implements FamilyConfig<Ai2vConfig> {

    /** φ of the similarity network. */
    public enum Activation { RELU, TANH }

    /** How the exported graph finds its top-K. */
    public enum Serving { FULL, TWO_STAGE }

    public static final Setting<Integer> EMBEDDING_DIM = Setting.integer("embedding_dim", 64, 1, 4096,
            "d, the size of the context embeddings u and target embeddings v");
    public static final Setting<Integer> HEADS = Setting.integer("heads", 4, 1, 64, "N, attention heads");
    public static final Setting<Integer> ATTENTION_DIM = Setting.integer("attention_dim", 16, 1, 4096,
            "Rows of each head's A_c and A_t (the space the cosine compares in)");
    public static final Setting<Integer> VALUE_DIM = Setting.integer("value_dim", 16, 1, 4096,
            "Rows of each head's B_c (a head's output a^n)");
    public static final Setting<Integer> Z_DIM = Setting.integer("z_dim", 64, 1, 4096,
            "Rows of R (z = R·[a^1; …; a^N]) and of B_t");
    public static final Setting<Integer> MLP_HIDDEN = Setting.integer("mlp_hidden", 64, 1, 4096,
            "Rows of W0 in ψ(u, v) = W1·φ(W0·[u, v, u∘v, |u−v|])");
    public static final Setting<Activation> ACTIVATION = Setting.choice("activation", Activation.class,
            Activation.RELU, "φ of the similarity network");
    public static final Setting<Integer> NEGATIVES = Setting.integer("negatives", 100, 1, 100_000,
            "Sampled negatives per target in the softmax of the loss");
    public static final Setting<Double> NEGATIVE_POWER = Setting.decimal("negative_power", 0.75, 0, 2,
            "Negatives are drawn ∝ clicks^power (0 = uniform)");
    public static final Setting<Double> LOGQ = Setting.decimal("logq", 0, 0, 10,
            "The logQ correction of the sampled softmax: every candidate's logit less logq·log Q(item), Q the"
                    + " negatives' sampling distribution; 1 corrects fully for the popularity-drawn negatives");
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("batch_size", 128, 1, 1 << 20,
            "Targets per mini-batch");
    public static final Setting<Integer> EPOCHS = Setting.integer("epochs", 5, 1, 10_000,
            "Passes over every (context, target) pair of the training sessions");
    public static final Setting<Double> LEARNING_RATE = Setting.decimal("learning_rate", 0.001, 0, 10,
            "Adam's step");
    public static final Setting<Integer> SEQUENCE_LENGTH = Setting.integer("sequence_length", 10, 1, 1000,
            "L, the most recent items a target attends to, in training and serving alike");
    public static final Setting<Integer> TOP_K = Setting.integer("top_k", 20, 1, 1000,
            "Items the exported graph returns");
    public static final Setting<Serving> SERVING = Setting.choice("serving", Serving.class, Serving.FULL,
            "full: AI2V scores every item; two-stage: an Item2Vec model proposes `candidates` items and AI2V re-ranks"
                    + " them, both inside the one exported graph");
    public static final Setting<Integer> CANDIDATES = Setting.integer("candidates", 200, 1, Integer.MAX_VALUE,
            "M, the proposals of the two-stage graph (at most the catalogue)");
    public static final Setting<Long> SEED = Setting.longInteger("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE,
            "Initialisation, sampling, example order; the two-stage proposer too");

    /** Every setting of {@code train --model ai2v}, in help order. */
    public static final SettingGroup SETTINGS = SettingGroup.of("ai2v", EMBEDDING_DIM, HEADS, ATTENTION_DIM,
            VALUE_DIM, Z_DIM, MLP_HIDDEN, ACTIVATION, NEGATIVES, NEGATIVE_POWER, LOGQ, BATCH_SIZE, EPOCHS,
            LEARNING_RATE, SEQUENCE_LENGTH, TOP_K, SERVING, CANDIDATES, SEED);

    public Ai2vConfig {
        FamilyConfig.requireGroup(settings, SETTINGS, "AI2V");
    }

    /** The one place resolved values become a configuration. */
    public static Ai2vConfig from(Settings s) {
        return new Ai2vConfig(s.get(EMBEDDING_DIM), s.get(HEADS), s.get(ATTENTION_DIM), s.get(VALUE_DIM),
                s.get(Z_DIM), s.get(MLP_HIDDEN), s.get(ACTIVATION), s.get(NEGATIVES), s.get(NEGATIVE_POWER),
                s.get(LOGQ), s.get(BATCH_SIZE), s.get(EPOCHS), s.get(LEARNING_RATE), s.get(SEQUENCE_LENGTH),
                s.get(TOP_K), s.get(SERVING), s.get(CANDIDATES), s.get(SEED), s);
    }

    @Override
    public Ai2vConfig rebuild(Settings s) {
        return from(s);
    }

    public static Ai2vConfig defaults() {
        return from(SETTINGS.defaults());
    }
}
