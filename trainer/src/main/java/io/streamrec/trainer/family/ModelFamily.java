package io.streamrec.trainer.family;

import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.EncodedSplit;

/**
 * A model family: what {@code train --model KIND} and {@code evaluate-holdout --model KIND} run. A family declares
 * its settings and turns encoded sessions into a {@link TrainedModel}; everything around that (encoding, the
 * evaluation protocols next to the baselines, export, the ONNX parity check, writing and publishing) is the same
 * pipeline for every family, and so is the command line: a family's settings are reached by {@code --set key=value},
 * parameter files, the environment and the config file alike.
 */
public interface ModelFamily {
    /** The name on the command line and in manifests: {@code gru4rec}, {@code caser}, {@code item2vec}, {@code ai2v}. */
    String kind();

    /** One line for {@code train --help}: what the family is and which paper it follows. */
    String description();

    /**
     * Every setting the family reads, each declared once with its key, type, default, range and meaning, in the order
     * help lists them. Parameter files, {@code --set}, the environment and the config file all resolve against it,
     * so an unknown key or a value out of range is refused naming the key.
     */
    SettingGroup settings();

    /**
     * Trains on {@code data.train()}: sessions of the session protocol, or each user's training history when
     * {@link EncodedSplit#perUser()}. The caller closes the result.
     *
     * @param settings the family's settings, resolved against {@link #settings()}
     */
    TrainedModel train(EncodedSplit data, Settings settings, TrainingContext context);
}
