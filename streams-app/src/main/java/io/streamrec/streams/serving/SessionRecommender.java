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
 *
 * <p>It counts inference errors (they are errors whoever asked) but not answers: the topology counts those, so
 * that HTTP reads do not inflate the per-event counters.
 */
public final class SessionRecommender {
    private static final Logger log = LoggerFactory.getLogger(SessionRecommender.class);

    private final ModelSlot<OnnxModel> models;
    private final PopularityRanking popularity;
    private final ServingStats stats;
    private final int topK;

    /** An answer and where it came from. */
    public record Answer(Recommendation recommendation, AnswerSource source) {
    }

    public SessionRecommender(ModelSlot<OnnxModel> models, PopularityRanking popularity, ServingStats stats, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1");
        }
        this.models = models;
        this.popularity = popularity;
        this.stats = stats;
        this.topK = topK;
    }

    public Answer recommend(String sessionKey, String userId, List<String> sessionItems, String eventItemId,
                            long eventTimestamp) {
        AnswerSource fallbackReason = AnswerSource.NO_MODEL;
        Optional<ModelSlot.Lease<OnnxModel>> lease = models.lease();
        if (lease.isPresent()) {
            // The lease spans the whole inference: a swap meanwhile cannot close this model under us.
            try (ModelSlot.Lease<OnnxModel> held = lease.get()) {
                OnnxModel model = held.model();
                List<RecommendedItem> items = model.recommend(sessionItems);
                if (!items.isEmpty()) {
                    return new Answer(answer(sessionKey, userId, eventItemId, eventTimestamp, trim(items),
                            model.manifest().name(), model.manifest().version()), AnswerSource.MODEL);
                }
                fallbackReason = AnswerSource.UNKNOWN_ITEMS;
            } catch (Exception e) {
                // An event must still be answered: fall back, count it, and keep the model (one bad input is not a
                // reason to stop serving it).
                fallbackReason = AnswerSource.INFERENCE_ERROR;
                stats.inferenceFailed();
                log.warn("inference failed for session {}; answering from popularity", sessionKey, e);
            }
        }
        return new Answer(answer(sessionKey, userId, eventItemId, eventTimestamp, popularity.top(topK),
                Recommendation.POPULARITY, 0), fallbackReason);
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
