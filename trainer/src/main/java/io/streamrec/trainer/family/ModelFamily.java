package io.streamrec.trainer.family;

import io.streamrec.trainer.data.EncodedSplit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A model family: what {@code train --model KIND} and {@code evaluate-holdout --model KIND} run. A family declares
 * its settings and turns encoded sessions into a {@link TrainedModel}; everything around that (encoding, the
 * evaluation protocols next to the baselines, export, the ONNX parity check, writing and publishing) is the same
 * pipeline for every family. Every family reads its settings from the same kind of string map (built-in defaults,
 * then a parameter file, then {@code --set key=value} overrides), so the command line is the same for all of them.
 */
public interface ModelFamily {
    /** The name on the command line and in manifests: {@code gru4rec}, {@code caser}, {@code item2vec}, {@code ai2v}. */
    String kind();

    /** One line for {@code train --help}: what the family is and which paper it follows. */
    String description();

    /**
     * Every setting the family reads, with its default, in a stable order. Keys are snake_case; a request naming a key
     * outside this map is refused.
     */
    Map<String, String> defaultSettings();

    /**
     * The defaults overlaid with {@code given} (keys trimmed, lower case, dashes as underscores).
     *
     * @throws IllegalArgumentException naming the first key the family does not have, and the keys it has
     */
    default Map<String, String> settings(Map<String, String> given) {
        Map<String, String> merged = new LinkedHashMap<>(defaultSettings());
        given.forEach((key, value) -> {
            String k = key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!merged.containsKey(k)) {
                throw new IllegalArgumentException(kind() + " has no setting '" + key + "'; its settings: "
                        + merged.keySet());
            }
            merged.put(k, value.trim());
        });
        return merged;
    }

    /**
     * Trains on {@code data.train()}: sessions of the session protocol, or each user's training history when
     * {@link EncodedSplit#perUser()}. The caller closes the result.
     *
     * @param settings the family's settings by key (missing keys take their defaults)
     */
    TrainedModel train(EncodedSplit data, Map<String, String> settings, TrainingContext context);
}
