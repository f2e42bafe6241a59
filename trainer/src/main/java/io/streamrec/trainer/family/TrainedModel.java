package io.streamrec.trainer.family;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.eval.HistoryScorer;
import io.streamrec.trainer.eval.SessionPredictor;
import io.streamrec.trainer.parity.TrainedScorer;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A family's trained model, as the pipeline uses it: scored by the evaluation protocols, exported as a bundle and
 * proved against ONNX Runtime. Holds the family's native resources (DJL arrays), which {@link #close()} frees.
 */
public interface TrainedModel extends HistoryScorer, AutoCloseable {

    /** How the model walks test sessions under the session protocol; by default, prefixes in batches of 64. */
    default SessionPredictor predictor() {
        return SessionPredictor.byPrefix(this, 64);
    }

    /**
     * Further ways of serving the same model to evaluate beside {@link #predictor()}, by the prefix their metrics get
     * (AI2V's two-stage model reports its full-catalogue scores under {@code full.}). None by default.
     */
    default Map<String, SessionPredictor> alsoEvaluated() {
        return Map.of();
    }

    /** The contract-conforming bundle: graph(s), vocabulary (and users), manifest with these metrics. */
    ModelBundle export(String modelName, long version, Map<String, Double> metrics);

    /** The trained scores the parity check compares ONNX Runtime with, for a window and a user index of the bundle. */
    default TrainedScorer parityScorer() {
        return (window, userIndex) -> scores(List.of(window), SessionPredictor.anonymous(1)).get(0);
    }

    /** The raw user id (null: anonymous) each of {@code rows} parity samples is scored for; all anonymous by default. */
    default List<String> parityUsers(int rows) {
        return Collections.nCopies(rows, null);
    }

    @Override
    default void close() {
    }
}
