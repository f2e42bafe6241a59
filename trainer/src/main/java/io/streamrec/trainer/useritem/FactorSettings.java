package io.streamrec.trainer.useritem;

import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.family.FloatSetting;

/**
 * The settings of a biased factor family trained by SGD (matrix factorisation, SVD++), declared once here with
 * each family's defaults, so that the two families read, document and range-check them alike.
 */
public final class FactorSettings {
    /** A family's defaults. */
    public record Defaults(int factors, int epochs, float learningRate, float regularisation,
                           float biasRegularisation, float initStd) {
    }

    public final Setting<Integer> factors;
    public final Setting<Integer> epochs;
    public final Setting<Float> learningRate;
    public final Setting<Float> regularisation;
    public final Setting<Float> biasRegularisation;
    public final Setting<Float> initStd;
    public final Setting<Long> seed;
    public final Setting<Integer> sequenceLength;
    public final Setting<Integer> topK;
    private final SettingGroup group;

    /** @param kind the family's kind, the name of its settings group */
    public FactorSettings(String kind, Defaults d) {
        factors = Setting.integer("factors", d.factors(), 1, 4096, "Latent factors per user and item");
        epochs = Setting.integer("epochs", d.epochs(), 1, 10_000, "SGD passes over the training ratings");
        learningRate = FloatSetting.above("learning_rate", d.learningRate(), 0, "SGD step size");
        regularisation = FloatSetting.atLeast("regularisation", d.regularisation(), 0,
                "λ, the L2 penalty on the factor vectors");
        biasRegularisation = FloatSetting.atLeast("bias_regularisation", d.biasRegularisation(), 0,
                "The L2 penalty on the user and item biases");
        initStd = FloatSetting.atLeast("init_std", d.initStd(), 0,
                "Standard deviation of the normal the factors start from (users and items without training"
                        + " ratings start, and stay, at zero)");
        seed = Setting.longInteger("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE, "Initialisation and shuffling");
        sequenceLength = Setting.integer("sequence_length", 20, 1, 1000,
                "L: the session items the exported graph folds in for an anonymous user");
        topK = Setting.integer("top_k", 20, 1, 1000, "Items the exported graph returns");
        group = SettingGroup.of(kind, factors, epochs, learningRate, regularisation, biasRegularisation, initStd,
                seed, sequenceLength, topK);
    }

    public SettingGroup group() {
        return group;
    }

    /** The one place resolved values become a configuration. */
    public FactorConfig config(Settings s) {
        if (s.group() != group) {
            throw new IllegalArgumentException("not " + group.name() + "'s settings: " + s);
        }
        return new FactorConfig(s.get(factors), s.get(epochs), s.get(learningRate), s.get(regularisation),
                s.get(biasRegularisation), s.get(initStd), s.get(seed), s.get(sequenceLength), s.get(topK), s);
    }
}
