package io.streamrec.streams.serving;

import io.streamrec.model.OnnxModel;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.streams.popularity.PopularityRanking;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a session's items into its answer: the serving model's top-K, or popularity when there is no model yet,
 * when the model knows none of the session's items, or when inference fails. The topology and the HTTP endpoint
 * both answer through this, so they cannot disagree.
 */
public final class SessionRecommender {
    private static final Logger log = LoggerFactory.getLogger(SessionRecommender.class);

    private final ModelSlot<OnnxModel> models;
    private final PopularityRanking popularity;
    private final ServingStats stats;
    private final int topK;

    public SessionRecommender(ModelSlot<OnnxModel> models, PopularityRanking popularity, ServingStats stats, int topK) {
        this.models = models;
        this.popularity = popularity;
        this.stats = stats;
        this.topK = topK;
    }

    public Recommendation recommend(String sessionKey, String userId, List<String> sessionItems, String eventItemId,
                                    long eventTimestamp) {
        Optional<ModelSlot.Lease<OnnxModel>> lease = models.lease();
        if (lease.isPresent()) {
            try (ModelSlot.Lease<OnnxModel> held = lease.get()) {
                OnnxModel model = held.model();
                List<RecommendedItem> items = model.recommend(sessionItems);
                if (!items.isEmpty()) {
                    return answer(sessionKey, userId, eventItemId, eventTimestamp, trim(items),
                            model.manifest().name(), model.manifest().version());
                }
            } catch (Exception e) {
                // An event must still be answered: fall back, count it, and keep the model (one bad input is not a
                // reason to stop serving it).
                stats.inferenceFailed();
                log.warn("inference failed for session {}; answering from popularity", sessionKey, e);
            }
        }
        return answer(sessionKey, userId, eventItemId, eventTimestamp, popularity.top(topK), Recommendation.POPULARITY, 0);
    }

    private List<RecommendedItem> trim(List<RecommendedItem> items) {
        return items.size() <= topK ? items : items.subList(0, topK);
    }

    private static Recommendation answer(String sessionKey, String userId, String eventItemId, long eventTimestamp,
                                         List<RecommendedItem> items, String modelName, long modelVersion) {
        return new Recommendation(sessionKey, userId, eventItemId, eventTimestamp, items, modelName, modelVersion,
                System.currentTimeMillis());
    }
}
