package io.streamrec.trainer.eval;

import ai.onnxruntime.OrtException;
import io.streamrec.model.OnnxModel;
import io.streamrec.model.StepResult;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates an exported bundle through {@link OnnxModel}, the scorer the streams app serves with, so the figure a
 * user reads is the figure the stream serves. GRU4Rec protocol: each test session starts with no state; after each
 * click but the last, the next item is looked up in the model's top-K. Only the top K (at most the bundle's topK)
 * are known here, so Recall@K, MRR@K and NDCG@K are exact for K up to the bundle's topK and a miss counts as rank
 * topK + 1; ties inside the top-K are ordered as ONNX Runtime's TopK orders them.
 *
 * <p>With a step graph, each event is one step on the session's state, as the stream does; without one, the last L
 * items go through the sequence graph.
 */
public final class BundleEvaluator {
    private BundleEvaluator() {
    }

    public static RankMetrics evaluate(OnnxModel model, SessionDataset test) throws OrtException {
        RankMetrics metrics = new RankMetrics();
        int miss = model.manifest().topK() + 1;
        for (Session session : test.sessions()) {
            float[] state = null;
            for (int i = 0; i + 1 < session.length(); i++) {
                List<RecommendedItem> top;
                if (model.hasStepGraph()) {
                    Optional<StepResult> step = model.step(session.items().get(i), state);
                    if (step.isEmpty()) {
                        continue;
                    }
                    state = step.get().state();
                    top = step.get().items();
                } else {
                    top = model.recommend(session.items().subList(0, i + 1));
                }
                String next = session.items().get(i + 1);
                if (model.vocabulary().indexOf(next) == 0) {
                    continue;
                }
                int rank = miss;
                for (int j = 0; j < top.size(); j++) {
                    if (top.get(j).itemId().equals(next)) {
                        rank = j + 1;
                        break;
                    }
                }
                metrics.add(rank);
            }
        }
        return metrics;
    }
}
