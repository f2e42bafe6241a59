package io.streamrec.trainer.caser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Caser's options (Tang &amp; Wang, WSDM 2018). Every option has a snake_case key ({@link #KEYS}) used by the parameter
 * files under {@code trainer/src/main/resources/caser/}, by {@code --set key=value} and in the bundle manifest
 * ({@link #asMap()}). The defaults are those the authors published with the paper.
 *
 * @param sequenceLength     {@code sequence_length} (L, default 5): the previous items the model reads, also the
 *                           length of the exported graph's item input
 * @param targets            {@code targets} (T, default 3): next items each training window predicts ("skip" behaviour)
 * @param embeddingSize      {@code embedding_size} (d, default 50): item and user embedding size; also the width of
 *                           the fully connected layer's output z
 * @param verticalFilters    {@code vertical_filters} (n_v, default 4): L×1 filters, each a weighted sum of the L rows
 * @param horizontalFilters  {@code horizontal_filters} (n_h, default 16): h×d filters for each height h = 1..L, each
 *                           max-pooled over time, so n_h·L horizontal features
 * @param dropout            {@code dropout} (default 0.5): dropout on the convolutional features entering the fully
 *                           connected layer, during training only
 * @param convActivation     {@code conv_activation} (φ_c, default relu): on the horizontal convolutions, before pooling
 * @param fcActivation       {@code fc_activation} (φ_a, default relu): on the fully connected layer
 * @param learningRate       {@code learning_rate} (default 0.001): Adam's step size
 * @param l2                 {@code l2} (default 1e-6): L2 penalty added to every gradient (Adam weight decay)
 * @param batchSize          {@code batch_size} (default 512): training windows per mini-batch
 * @param epochs             {@code epochs} (default 50)
 * @param negatives          {@code negatives} (default 3): negatives drawn per target, uniformly over the items the
 *                           user never interacted with in training (for sessions without users: outside the window)
 * @param loss               {@code loss} (default bce): {@code bce}, the paper's binary cross-entropy over targets and
 *                           sampled negatives, or {@code softmax}, cross-entropy over the whole catalogue per target
 *                           (no sampling; an option for small catalogues of sessions)
 * @param windows            {@code windows} (default full): {@code full}, as the authors' code, every window of L
 *                           inputs followed by T targets (a sequence shorter than L + T gives one window, left-padded);
 *                           or {@code all}, a window at every position from the second item on, left-padded inputs
 *                           and the targets cut at the sequence's end (short sessions need it)
 * @param unknownUserRate    {@code unknown_user_rate} (default 0.05): probability that a training window's user is
 *                           replaced by the unknown user (index 0), so that the vector anonymous sessions use is
 *                           trained on everyone's windows
 * @param userSource         {@code user_source} (default none): where training sessions get their user from, for
 *                           {@code train}: {@code none} (every session anonymous) or {@code session_id} (the session id
 *                           is the user id, as with the MovieLens readers' one sequence per user)
 * @param tiedEmbedding      {@code tied_embedding} (default false): not in the paper. When true, the first d columns
 *                           of each item's output weights (those scored against z) are its input embedding, one
 *                           parameter used twice, as GRU4Rec's constrained embedding; the user part stays separate
 * @param seed               {@code seed} (default 1234): initialisation, shuffling, sampling, dropout
 * @param topK               {@code top_k} (default 20): items the exported graph returns
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
        int topK) {

    /** The option keys, in the order {@link #asMap()} writes them. */
    public static final List<String> KEYS = List.of("sequence_length", "targets", "embedding_size",
            "vertical_filters", "horizontal_filters", "dropout", "conv_activation", "fc_activation", "learning_rate",
            "l2", "batch_size", "epochs", "negatives", "loss", "windows", "unknown_user_rate", "user_source", "tied_embedding", "seed",
            "top_k");

    /** φ_c and φ_a: the activations the paper and its code offer (ONNX has each as one operator). */
    public enum Activation {
        RELU, TANH, SIGMOID, IDENTITY;

        static Activation parse(String s) {
            return Enum.valueOf(Activation.class, key(s, "activation", "relu, tanh, sigmoid or identity"));
        }
    }

    /** The training objective. */
    public enum Loss {
        /** −log σ(y_target) − log(1 − σ(y_negative)), averaged over targets and over sampled negatives. */
        BCE,
        /** −log softmax(y)[target] over every item, averaged over targets. */
        SOFTMAX;

        static Loss parse(String s) {
            return Enum.valueOf(Loss.class, key(s, "loss", "bce or softmax"));
        }
    }

    /** Which (previous L → next T) windows a sequence yields. */
    public enum Windows {
        FULL, ALL;

        static Windows parse(String s) {
            return Enum.valueOf(Windows.class, key(s, "windows", "full or all"));
        }
    }

    /** Where {@code train} takes a session's user from. */
    public enum UserSource {
        NONE, SESSION_ID;

        static UserSource parse(String s) {
            return Enum.valueOf(UserSource.class, key(s, "user_source", "none or session_id"));
        }
    }

    public CaserConfig {
        if (sequenceLength < 1 || targets < 1 || embeddingSize < 1 || verticalFilters < 0 || horizontalFilters < 0
                || verticalFilters + horizontalFilters == 0 || batchSize < 1 || epochs < 1 || negatives < 0
                || topK < 1) {
            throw new IllegalArgumentException("L, T, d, batch, epochs and top_k must be positive, the filter counts"
                    + " and negatives not negative, and some filter present: " + this);
        }
        if (dropout < 0 || dropout >= 1 || unknownUserRate < 0 || unknownUserRate > 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1) and unknown_user_rate in [0, 1]");
        }
        if (learningRate <= 0 || l2 < 0) {
            throw new IllegalArgumentException("learning_rate must be positive and l2 not negative");
        }
        if (loss == Loss.BCE && negatives == 0) {
            throw new IllegalArgumentException("the bce loss needs negatives > 0");
        }
        if (convActivation == null || fcActivation == null || loss == null || windows == null || userSource == null) {
            throw new IllegalArgumentException("every option must be set");
        }
    }

    /** The authors' published defaults (L 5, T 3, d 50, n_v 4, n_h 16, dropout 0.5, ReLU/ReLU, Adam 1e-3, l2 1e-6,
     *  batch 512, 50 epochs, 3 negatives per target), plus streamrec's own: full windows, 5% unknown-user windows. */
    public static CaserConfig defaults() {
        return new CaserConfig(5, 3, 50, 4, 16, 0.5f, Activation.RELU, Activation.RELU, 1e-3f, 1e-6f, 512, 50, 3,
                Loss.BCE, Windows.FULL, 0.05f, UserSource.NONE, false, 1234, 20);
    }

    /**
     * This configuration with {@code settings} applied by key (dashes work as underscores).
     *
     * @throws IllegalArgumentException for an unknown key or a value that does not parse
     */
    public CaserConfig with(Map<String, String> settings) {
        Map<String, String> merged = asMap();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String k = e.getKey().trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!merged.containsKey(k)) {
                throw new IllegalArgumentException("unknown Caser option '" + e.getKey() + "'; known: " + KEYS);
            }
            merged.put(k, e.getValue().trim());
        }
        return parse(merged);
    }

    public CaserConfig with(String key, String value) {
        return with(Map.of(key, value));
    }

    private static CaserConfig parse(Map<String, String> m) {
        try {
            return new CaserConfig(Integer.parseInt(m.get("sequence_length")), Integer.parseInt(m.get("targets")),
                    Integer.parseInt(m.get("embedding_size")), Integer.parseInt(m.get("vertical_filters")),
                    Integer.parseInt(m.get("horizontal_filters")), Float.parseFloat(m.get("dropout")),
                    Activation.parse(m.get("conv_activation")), Activation.parse(m.get("fc_activation")),
                    Float.parseFloat(m.get("learning_rate")), Float.parseFloat(m.get("l2")),
                    Integer.parseInt(m.get("batch_size")), Integer.parseInt(m.get("epochs")),
                    Integer.parseInt(m.get("negatives")), Loss.parse(m.get("loss")), Windows.parse(m.get("windows")),
                    Float.parseFloat(m.get("unknown_user_rate")), UserSource.parse(m.get("user_source")),
                    parseBoolean(m.get("tied_embedding")), Long.parseLong(m.get("seed")), Integer.parseInt(m.get("top_k")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Caser option: " + e.getMessage(), e);
        }
    }

    private static boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("Caser option tied_embedding must be true or false: " + s);
        };
    }

    /** The settings as strings under their keys, for the manifest; {@link #with} reads them back. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sequence_length", Integer.toString(sequenceLength));
        m.put("targets", Integer.toString(targets));
        m.put("embedding_size", Integer.toString(embeddingSize));
        m.put("vertical_filters", Integer.toString(verticalFilters));
        m.put("horizontal_filters", Integer.toString(horizontalFilters));
        m.put("dropout", Float.toString(dropout));
        m.put("conv_activation", name(convActivation));
        m.put("fc_activation", name(fcActivation));
        m.put("learning_rate", Float.toString(learningRate));
        m.put("l2", Float.toString(l2));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("negatives", Integer.toString(negatives));
        m.put("loss", name(loss));
        m.put("windows", name(windows));
        m.put("unknown_user_rate", Float.toString(unknownUserRate));
        m.put("user_source", name(userSource));
        m.put("tied_embedding", Boolean.toString(tiedEmbedding));
        m.put("seed", Long.toString(seed));
        m.put("top_k", Integer.toString(topK));
        return m;
    }

    /** One line for logs. */
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
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String key(String value, String option, String allowed) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (String candidate : allowed.toUpperCase(Locale.ROOT).split(", | OR ")) {
            if (candidate.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown " + option + " '" + value + "' (" + allowed + ")");
    }
}
