package io.streamrec.streams.serving;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.StepResult;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.session.ModelState;
import io.streamrec.streams.session.SessionState;
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

    /** An event's answer and the session's model state after the event (null when the model keeps none). */
    public record EventAnswer(Answer answer, ModelState modelState) {
    }

    /**
     * The answer to one event, for a session whose state already includes the event's item. With a model that has a
     * step graph, the session's model state advances by exactly this item (one step, however long the session);
     * a state from another model or version is never reused: it is rebuilt from the session's last L raw items.
     * Without a step graph this is {@link #recommend} over the session's items.
     */
    public EventAnswer answerEvent(String sessionKey, SessionState session, String eventItemId, long eventTimestamp) {
        Optional<ModelSlot.Lease<OnnxModel>> lease = models.lease();
        if (lease.isEmpty()) {
            return new EventAnswer(popularityAnswer(sessionKey, session.userId(), eventItemId, eventTimestamp,
                    AnswerSource.NO_MODEL), null);
        }
        try (ModelSlot.Lease<OnnxModel> held = lease.get()) {
            OnnxModel model = held.model();
            if (!model.hasStepGraph()) {
                return new EventAnswer(recommendWith(model, sessionKey, session.userId(), session.items(), eventItemId,
                        eventTimestamp), null);
            }
            String name = model.manifest().name();
            long version = model.manifest().version();
            ModelState previous = session.modelState();
            boolean continuing = previous != null && previous.belongsTo(name, version);
            if (!continuing) {
                stats.stateRebuilt();
            }
            Optional<StepResult> next = continuing
                    ? model.step(eventItemId, previous.values())
                    : model.replay(session.items());
            if (next.isPresent()) {
                return new EventAnswer(new Answer(answer(sessionKey, session.userId(), eventItemId, eventTimestamp,
                        trim(next.get().items()), name, version), AnswerSource.MODEL),
                        new ModelState(name, version, next.get().state()));
            }
            // The model does not know this item: the state stays where it was, the answer comes from the items.
            ModelState kept = previous != null && previous.belongsTo(name, version) ? previous : null;
            return new EventAnswer(recommendWith(model, sessionKey, session.userId(), session.items(), eventItemId,
                    eventTimestamp), kept);
        } catch (Exception e) {
            stats.inferenceFailed();
            log.warn("inference failed for session {}; answering from popularity", sessionKey, e);
            return new EventAnswer(popularityAnswer(sessionKey, session.userId(), eventItemId, eventTimestamp,
                    AnswerSource.INFERENCE_ERROR), null);
        }
    }

    private Answer recommendWith(OnnxModel model, String sessionKey, String userId, List<String> items,
                                 String eventItemId, long eventTimestamp) throws Exception {
        List<RecommendedItem> ranked = model.recommend(items);
        if (ranked.isEmpty()) {
            return popularityAnswer(sessionKey, userId, eventItemId, eventTimestamp, AnswerSource.UNKNOWN_ITEMS);
        }
        return new Answer(answer(sessionKey, userId, eventItemId, eventTimestamp, trim(ranked),
                model.manifest().name(), model.manifest().version()), AnswerSource.MODEL);
    }

    private Answer popularityAnswer(String sessionKey, String userId, String eventItemId, long eventTimestamp,
                                    AnswerSource reason) {
        return new Answer(answer(sessionKey, userId, eventItemId, eventTimestamp, popularity.top(topK),
                Recommendation.POPULARITY, 0), reason);
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
