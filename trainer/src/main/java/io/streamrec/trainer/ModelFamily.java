package io.streamrec.trainer;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A model family the trainer can train, evaluate, export and parity-check: what {@code train --model KIND} runs.
 * Every family reads its settings from the same kind of string map (built-in defaults, then a parameter file, then
 * {@code --set key=value} overrides), so the command line is the same for all of them, and every family ends in the
 * same place: a contract-conforming bundle whose ONNX scores were checked against the trained model.
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
     * Train on {@code request.train()}, evaluate on {@code request.test()} by the GRU4Rec protocol (when it has
     * sessions), export the bundle and check ONNX parity.
     *
     * @param log one line per noteworthy step (epochs, evaluation, parity)
     * @param bar within-epoch progress
     */
    TrainingResult train(FamilyRequest request, Consumer<String> log, ProgressListener bar);
}
