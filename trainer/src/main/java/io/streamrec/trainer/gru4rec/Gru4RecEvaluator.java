package io.streamrec.trainer.gru4rec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.eval.Ranks;
import io.streamrec.trainer.eval.SessionPredictor;
import java.util.List;

/**
 * Evaluates a trained GRU4Rec by the GRU4Rec protocol: each test session starts from an empty (zero) state; after each
 * click except the last, the true next item is ranked against every item in the catalogue. Sessions run in parallel
 * slots like training, so the cost is one batched step per click position, not one call per event.
 */
public final class Gru4RecEvaluator {
    private final int batchSize;
    private final Ranks.TieMode ties;

    public Gru4RecEvaluator(int batchSize, Ranks.TieMode ties) {
        this.batchSize = batchSize;
        this.ties = ties;
    }

    public RankMetrics evaluate(Gru4RecModel model, List<int[]> sessions) {
        return predictor(model, batchSize).evaluate(sessions, SessionPredictor.anonymous(sessions.size()), ties);
    }

    /** The model under the session protocol, {@code batchSize} sessions stepping in parallel. */
    public static SessionPredictor predictor(Gru4RecModel model, int batchSize) {
        return (sessions, ids, sink) -> predict(model, batchSize, sessions, sink);
    }

    private static void predict(Gru4RecModel model, int batchSize, List<int[]> sessions,
                                SessionPredictor.Prediction sink) {
        if (sessions.isEmpty()) {
            return;
        }
        int batch = Math.min(batchSize, sessions.size());
        SessionParallelBatches batches = new SessionParallelBatches(sessions, batch, true);
        NDManager manager = model.manager();
        try (NDManager scopeManager = manager.newSubManager()) {
            NDArray hidden = scopeManager.zeros(new Shape(batch, model.stateSize()));
            int n = model.itemCount() + 1;
            while (batches.next()) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    float[] keep = new float[batch];
                    boolean[] resets = batches.resets();
                    for (int b = 0; b < batch; b++) {
                        keep[b] = resets[b] ? 0 : 1;
                    }
                    NDArray next = model.step(manager.create(batches.inputs()),
                            hidden.mul(manager.create(keep, new Shape(batch, 1))));
                    float[] scores = model.scores(next).toFloatArray();
                    long[] targets = batches.targets();
                    boolean[] active = batches.active();
                    float[] row = new float[n];
                    for (int b = 0; b < batch; b++) {
                        if (active[b]) {
                            System.arraycopy(scores, b * n, row, 0, n);
                            sink.accept(row, (int) targets[b]);
                        }
                    }
                    NDArray carried = next.stopGradient();
                    NDScope.unregister(carried);
                    hidden.close();
                    hidden = carried;
                }
            }
            hidden.close();
        }
    }

    /** The model as the parity check sees it (GRU4Rec has no users). */
    public static io.streamrec.trainer.parity.TrainedScorer scorer(Gru4RecModel model) {
        return (window, userIndex) -> scoresAfter(model, window);
    }

    /** Full scores (index 0 included) after feeding {@code session} from an empty state; for parity checks. */
    public static float[] scoresAfter(Gru4RecModel model, int[] session) {
        NDManager manager = model.manager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray hidden = manager.zeros(new Shape(1, model.stateSize()));
            for (int item : session) {
                hidden = model.step(manager.create(new long[] {item}), hidden);
            }
            return model.scores(hidden).toFloatArray();
        }
    }
}
