package io.streamrec.trainer.caser;

import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.family.FamilyConfig;
import io.streamrec.trainer.family.FloatSetting;
import java.util.Locale;

/**
 * Caser's options (Tang &amp; Wang, WSDM 2018), each declared once below with its key, default, range and meaning; the
 * parameter files under {@code trainer/src/main/resources/caser/}, {@code --set key=value} and the bundle manifest use
 * the keys. The defaults are those the authors published with the paper (L 5, T 3, d 50, n_v 4, n_h 16, dropout 0.5,
 * ReLU/ReLU, Adam 1e-3, l2 1e-6, batch 512, 50 epochs, 3 negatives per target), plus streamrec's own: full windows, 5%
 * unknown-user windows. Built from resolved values by {@link #from} only.
 */
public record CaserConfig(
        int sequenceLength,
        int targets,
        int embeddingSize,
        int verticalFilters,
        int horizontalFilters,
        float dropout,
        Activation convActivation,
        Activation fcActivation,
        float learningRate,
        float l2,
        int batchSize,
        int epochs,
        int negatives,
        Loss loss,
        Windows windows,
        float unknownUserRate,
        UserSource userSource,
        boolean tiedEmbedding,
        long seed,
        int topK,
        Settings settings) implements FamilyConfig<CaserConfig> {

    /** φ_c and φ_a: the activations the paper and its code offer (ONNX has each as one operator). */
    public enum Activation {
        RELU, TANH, SIGMOID, IDENTITY
    }

    /** The training objective. */
    public enum Loss {
        /** −log σ(y_target) − log(1 − σ(y_negative)), averaged over targets and over sampled negatives. */
        BCE,
        /** −log softmax(y)[target] over every item, averaged over targets. */
        SOFTMAX
    }

    /** Which (previous L → next T) windows a sequence yields. */
    public enum Windows {
        FULL, ALL
    }

    /** Where {@code train} takes a session's user from. */
    public enum UserSource {
        NONE, SESSION_ID
    }

    public static final Setting<Integer> SEQUENCE_LENGTH = Setting.integer("sequence_length", 5, 1, 1000,
            "L: the previous items the model reads, also the length of the exported graph's item input");
    public static final Setting<Integer> TARGETS = Setting.integer("targets", 3, 1, 1000,
            "T: next items each training window predicts (\"skip\" behaviour)");
    public static final Setting<Integer> EMBEDDING_SIZE = Setting.integer("embedding_size", 50, 1, 4096,
            "d: item and user embedding size; also the width of the fully connected layer's output z");
    public static final Setting<Integer> VERTICAL_FILTERS = Setting.integer("vertical_filters", 4, 0, 4096,
            "n_v: L×1 filters, each a weighted sum of the L rows");
    public static final Setting<Integer> HORIZONTAL_FILTERS = Setting.integer("horizontal_filters", 16, 0, 4096,
            "n_h: h×d filters for each height h = 1..L, each max-pooled over time, so n_h·L horizontal features");
    public static final Setting<Float> DROPOUT = FloatSetting.below("dropout", 0.5f, 0, 1,
            "Dropout on the convolutional features entering the fully connected layer, during training only");
    public static final Setting<Activation> CONV_ACTIVATION = Setting.choice("conv_activation", Activation.class,
            Activation.RELU, "φ_c, on the horizontal convolutions, before pooling");
    public static final Setting<Activation> FC_ACTIVATION = Setting.choice("fc_activation", Activation.class,
            Activation.RELU, "φ_a, on the fully connected layer");
    public static final Setting<Float> LEARNING_RATE = FloatSetting.above("learning_rate", 1e-3f, 0,
            "Adam's step size");
    public static final Setting<Float> L2 = FloatSetting.atLeast("l2", 1e-6f, 0,
            "L2 penalty added to every gradient (Adam weight decay)");
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("batch_size", 512, 1, 1 << 20,
            "Training windows per mini-batch");
    public static final Setting<Integer> EPOCHS = Setting.integer("epochs", 50, 1, 10_000, "Passes over the windows");
    public static final Setting<Integer> NEGATIVES = Setting.integer("negatives", 3, 0, 10_000,
            "Negatives drawn per target, uniformly over the items the user never interacted with in training (for"
                    + " sessions without users: outside the window)");
    public static final Setting<Loss> LOSS = Setting.choice("loss", Loss.class, Loss.BCE,
            "bce: the paper's binary cross-entropy over targets and sampled negatives; softmax: cross-entropy over the"
                    + " whole catalogue per target (no sampling; for small catalogues of sessions)");
    public static final Setting<Windows> WINDOWS = Setting.choice("windows", Windows.class, Windows.FULL,
            "full: as the authors' code, every window of L inputs followed by T targets (a sequence shorter than"
                    + " L + T gives one, left-padded); all: a window at every position from the second item on,"
                    + " targets cut at the sequence's end (short sessions need it)");
    public static final Setting<Float> UNKNOWN_USER_RATE = FloatSetting.between("unknown_user_rate", 0.05f, 0, 1,
            "Probability that a training window's user is replaced by the unknown user (index 0), so that the"
                    + " vector anonymous sessions use is trained on everyone's windows");
    public static final Setting<UserSource> USER_SOURCE = Setting.choice("user_source", UserSource.class,
            UserSource.NONE, "Where training sessions get their user from: none (every session anonymous) or"
                    + " session-id (the session id is the user id, as with the MovieLens readers' one sequence per"
                    + " user)");
    public static final Setting<Boolean> TIED_EMBEDDING = Setting.flag("tied_embedding", false,
            "Not in the paper: the first d columns of each item's output weights are its input embedding, one"
                    + " parameter used twice, as GRU4Rec's constrained embedding; the user part stays separate");
    public static final Setting<Long> SEED = Setting.longInteger("seed", 1234, Long.MIN_VALUE, Long.MAX_VALUE,
            "Initialisation, shuffling, sampling, dropout");
    public static final Setting<Integer> TOP_K = Setting.integer("top_k", 20, 1, 1000,
            "Items the exported graph returns");

    /** Every setting of {@code train --model caser}, in help order. */
    public static final SettingGroup SETTINGS = SettingGroup.of("caser", SEQUENCE_LENGTH, TARGETS, EMBEDDING_SIZE,
            VERTICAL_FILTERS, HORIZONTAL_FILTERS, DROPOUT, CONV_ACTIVATION, FC_ACTIVATION, LEARNING_RATE, L2,
            BATCH_SIZE, EPOCHS, NEGATIVES, LOSS, WINDOWS, UNKNOWN_USER_RATE, USER_SOURCE, TIED_EMBEDDING, SEED, TOP_K);

    /** What one setting's range cannot say: the settings that must agree with each other. */
    public CaserConfig {
        FamilyConfig.requireGroup(settings, SETTINGS, "Caser");
        if (verticalFilters + horizontalFilters == 0) {
            throw new IllegalArgumentException("vertical_filters and horizontal_filters: at least one filter is needed");
        }
        if (loss == Loss.BCE && negatives == 0) {
            throw new IllegalArgumentException("negatives: the bce loss needs at least one");
        }
    }

    /** The one place resolved values become a configuration. */
    public static CaserConfig from(Settings s) {
        return new CaserConfig(s.get(SEQUENCE_LENGTH), s.get(TARGETS), s.get(EMBEDDING_SIZE), s.get(VERTICAL_FILTERS),
                s.get(HORIZONTAL_FILTERS), s.get(DROPOUT), s.get(CONV_ACTIVATION), s.get(FC_ACTIVATION),
                s.get(LEARNING_RATE), s.get(L2), s.get(BATCH_SIZE), s.get(EPOCHS), s.get(NEGATIVES), s.get(LOSS),
                s.get(WINDOWS), s.get(UNKNOWN_USER_RATE), s.get(USER_SOURCE), s.get(TIED_EMBEDDING), s.get(SEED),
                s.get(TOP_K), s);
    }

    @Override
    public CaserConfig rebuild(Settings s) {
        return from(s);
    }

    public static CaserConfig defaults() {
        return from(SETTINGS.defaults());
    }

    /** One line for logs. */
    @Override
    public String describe() {
        return String.format(Locale.ROOT, "L %d, T %d, d %d, n_v %d, n_h %d, dropout %s, %s/%s, %s loss%s, %s windows,"
                        + " Adam %s (l2 %s), batch %d, %d epochs, unknown-user rate %s, users from %s",
                sequenceLength, targets, embeddingSize, verticalFilters, horizontalFilters, dropout,
                name(convActivation), name(fcActivation), name(loss),
                loss == Loss.BCE ? " with " + negatives + " negatives per target" : "", name(windows), learningRate,
                l2, batchSize, epochs, unknownUserRate, name(userSource));
    }

    /** The width of the convolutional features: n_v·d vertical plus n_h per height 1..L. */
    public int convolutionWidth() {
        return verticalFilters * embeddingSize + horizontalFilters * sequenceLength;
    }

    private static String name(Enum<?> value) {
        return Setting.spelling(value);
    }
}
