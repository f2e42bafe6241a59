package io.streamrec.trainer.skipgram;

import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.family.FamilyConfig;

/**
 * Item2Vec's options (Barkan &amp; Koenigstein 2016: skip-gram with negative sampling where a session is a bag of
 * items), each declared once below with its key, default, range and meaning; parameter files, {@code --set} and the
 * manifest's training map use the keys. Built from resolved values by {@link #from} only.
 */
public record Item2VecConfig(int embeddingDim, int epochs, int negatives, double learningRate, double minLearningRate,
                             double subsampleRho, double negativePower, int window, int sequenceLength, int topK,
                             long seed, Settings settings) implements FamilyConfig<Item2VecConfig> {

    public static final Setting<Integer> EMBEDDING_DIM = Setting.integer("embedding_dim", 64, 1, 4096,
            "d, the size of each item's input vector u and output vector v");
    public static final Setting<Integer> EPOCHS = Setting.integer("epochs", 20, 1, 10_000,
            "Passes over the training sessions");
    public static final Setting<Integer> NEGATIVES = Setting.integer("negatives", 5, 1, 10_000,
            "N, negative items per positive pair");
    public static final Setting<Double> LEARNING_RATE = Setting.decimal("learning_rate", 0.025, 0, 10,
            "The SGD step at the start; it falls linearly to min_learning_rate over the run, as in word2vec");
    public static final Setting<Double> MIN_LEARNING_RATE = Setting.decimal("min_learning_rate", 0.0001, 0, 10,
            "The SGD step at the end of the run");
    public static final Setting<Double> SUBSAMPLE_RHO = Setting.decimal("subsample_rho", 1e-3, 0, 1,
            "ρ of the subsampling of frequent items: each click is discarded with p = 1 − sqrt(ρ / f), f the item's"
                    + " share of all training clicks, drawn afresh every epoch; 0 turns subsampling off");
    public static final Setting<Double> NEGATIVE_POWER = Setting.decimal("negative_power", 0.75, 0, 2,
            "Negatives are drawn ∝ clicks^power (0 = uniform)");
    public static final Setting<Integer> WINDOW = Setting.integer("window", 0, 0, Integer.MAX_VALUE,
            "0: the whole session is every item's context (the paper's choice, the set has no order); w > 0: the w"
                    + " items either side");
    public static final Setting<Integer> SEQUENCE_LENGTH = Setting.integer("sequence_length", 10, 1, 1000,
            "L, how many of the session's last items serving combines");
    public static final Setting<Integer> TOP_K = Setting.integer("top_k", 20, 1, 1000,
            "Items the exported graph returns");
    public static final Setting<Long> SEED = Setting.longInteger("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE,
            "Initialisation, subsampling, negatives, session order");

    /** Every setting of {@code train --model item2vec}, in help order. */
    public static final SettingGroup SETTINGS = SettingGroup.of("item2vec", EMBEDDING_DIM, EPOCHS, NEGATIVES,
            LEARNING_RATE, MIN_LEARNING_RATE, SUBSAMPLE_RHO, NEGATIVE_POWER, WINDOW, SEQUENCE_LENGTH, TOP_K, SEED);

    public Item2VecConfig {
        FamilyConfig.requireGroup(settings, SETTINGS, "Item2Vec");
    }

    /** The one place resolved values become a configuration. */
    public static Item2VecConfig from(Settings s) {
        return new Item2VecConfig(s.get(EMBEDDING_DIM), s.get(EPOCHS), s.get(NEGATIVES), s.get(LEARNING_RATE),
                s.get(MIN_LEARNING_RATE), s.get(SUBSAMPLE_RHO), s.get(NEGATIVE_POWER), s.get(WINDOW),
                s.get(SEQUENCE_LENGTH), s.get(TOP_K), s.get(SEED), s);
    }

    @Override
    public Item2VecConfig rebuild(Settings s) {
        return from(s);
    }

    public static Item2VecConfig defaults() {
        return from(SETTINGS.defaults());
    }
}
