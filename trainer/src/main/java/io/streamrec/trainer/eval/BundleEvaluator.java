package io.streamrec.trainer.eval;

import ai.onnxruntime.OrtException;
import io.streamrec.model.ModelState;
import io.streamrec.model.OnnxModel;
import io.streamrec.model.ServingRule;
import io.streamrec.model.SessionTurn;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import java.util.List;

/**
 * Evaluates an exported bundle through {@link OnnxModel} and the {@link ServingRule}, the scorer and the rule the
 * streams app serves with, so the figure a user reads is the figure the stream serves. GRU4Rec protocol: each test
 * session starts with no state; after each click but the last, the next item is looked up in the answer the stream
 * would give. Only the top K (at most the bundle's topK) are known here, so Recall@K, MRR@K and NDCG@K are exact for
 * K up to the bundle's topK and a miss counts as rank topK + 1; ties inside the top-K are ordered as ONNX Runtime's
 * TopK orders them.
 *
 * <p>As in the stream: with a step graph, each click is one step on the session's state; a click the model does not
 * know leaves the state as it was and is answered by the sequence graph; a session the model knows nothing of yet
 * gets no model answer (the fallback here is an empty list: a miss). Next items the model does not know are not
 * predictions (no model can rank them).
 */
public final class BundleEvaluator {
    private BundleEvaluator() {
    }

    public static RankMetrics evaluate(OnnxModel model, SessionDataset test) throws OrtException {
        RankMetrics metrics = new RankMetrics();
        int miss = model.manifest().topK() + 1;
        ServingRule rule = new ServingRule(model.manifest().topK(), List::of);
        for (Session session : test.sessions()) {
            ModelState state = null;
            for (int i = 0; i + 1 < session.length(); i++) {
                ServingRule.Answer answer = rule.answer(model,
                        SessionTurn.of(session.items().subList(0, i + 1), null, state));
                state = answer.state();
                String next = session.items().get(i + 1);
                if (model.vocabulary().indexOf(next) == 0) {
                    continue;
                }
                metrics.add(rank(answer.items(), next, miss));
            }
        }
        return metrics;
    }

    private static int rank(List<RecommendedItem> top, String next, int miss) {
        for (int j = 0; j < top.size(); j++) {
            if (top.get(j).itemId().equals(next)) {
                return j + 1;
            }
        }
        return miss;
    }
}
