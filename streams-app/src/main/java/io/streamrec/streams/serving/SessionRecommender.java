package io.streamrec.streams.serving;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.SessionQuery;
import io.streamrec.model.StepResult;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.session.ModelState;
import io.streamrec.streams.session.SessionState;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a session into a model line's answer: that line's top-K, or popularity when the line has no model yet, when
 * its model knows none of the session's items, or when inference fails. The topology and the HTTP endpoint both
 * answer through this, so they cannot disagree.
 *
 * <p>Nothing here depends on the kind of model: what a model is fed follows from its bundle (a step graph when it
 * has one; a user index when its graph takes one, which {@link OnnxModel} fills from the session's user).
 *
 * <p>It counts inference errors (they are errors whoever asked) but not answers: the topology counts those, so
 * that HTTP reads do not inflate the per-event counters.
 */
public final class SessionRecommender {
    private static final Logger log = LoggerFactory.getLogger(SessionRecommender.class);

    private final ModelLines lines;
    private final PopularityRanking popularity;
    private final ServingStats stats;
    private final int topK;

    /** An answer and where it came from. */
    public record Answer(Recommendation recommendation, AnswerSource source) {
    }

    public SessionRecommender(ModelLines lines, PopularityRanking popularity, ServingStats stats, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1");
        }
        this.lines = lines;
        this.popularity = popularity;
        this.stats = stats;
        this.topK = topK;
    }

    /** The answer a stored session gets now from the line it is routed to; reading it changes nothing. */
    public Answer recommend(String sessionKey, SessionState session) {
        return recommend(lines.lineFor(sessionKey), sessionKey, session.userId(), session.items(),
                session.lastItem(), session.lastEventTime());
    }

    /** {@code line}'s answer for a session's items, scored as a whole (the sequence graph). */
    public Answer recommend(String line, String sessionKey, String userId, List<String> sessionItems,
                            String eventItemId, long eventTimestamp) {
        Request request = new Request(line, sessionKey, userId, eventItemId, eventTimestamp);
        Optional<ModelSlot.Lease<OnnxModel>> lease = lines.slot(line).lease();
        if (lease.isEmpty()) {
            return popularityAnswer(request, AnswerSource.NO_MODEL);
        }
        // The lease spans the whole inference: a swap meanwhile cannot close this model under us.
        try (ModelSlot.Lease<OnnxModel> held = lease.get()) {
            return recommendWith(held.model(), request, sessionItems);
        } catch (Exception e) {
            return failed(request, e);
        }
    }

    /** An event's answer and the line's model state of the session after the event (null when it keeps none). */
    public record EventAnswer(Answer answer, ModelState modelState) {
    }

    /**
     * {@code line}'s answer to one event, for a session whose items already include the event's item.
     *
     * <p>With a model that has a step graph, {@code carried} (the line's state of the session before this event)
     * advances by exactly this item: one step, however long the session. A state from another model or version
     * (another line's, or an older version's after a swap) is never reused: the state is rebuilt from the session's
     * last L raw items. Without a step graph the sequence graph scores the session's items, with its user.
     */
    public EventAnswer answerEvent(String line, String sessionKey, SessionState session, ModelState carried,
                                   String eventItemId, long eventTimestamp) {
        Request request = new Request(line, sessionKey, session.userId(), eventItemId, eventTimestamp);
        Optional<ModelSlot.Lease<OnnxModel>> lease = lines.slot(line).lease();
        if (lease.isEmpty()) {
            return new EventAnswer(popularityAnswer(request, AnswerSource.NO_MODEL), null);
        }
        try (ModelSlot.Lease<OnnxModel> held = lease.get()) {
            OnnxModel model = held.model();
            if (!model.hasStepGraph()) {
                return new EventAnswer(recommendWith(model, request, session.items()), null);
            }
            String name = model.manifest().name();
            long version = model.manifest().version();
            boolean continuing = carried != null && carried.belongsTo(name, version);
            if (!continuing) {
                stats.stateRebuilt();
            }
            Optional<StepResult> next = continuing
                    ? model.step(eventItemId, carried.values())
                    : model.replay(session.items());
            if (next.isPresent()) {
                return new EventAnswer(modelAnswer(request, model, trim(next.get().items())),
                        new ModelState(name, version, next.get().state()));
            }
            // The model does not know this item: the state stays where it was, the answer comes from the items.
            return new EventAnswer(recommendWith(model, request, session.items()), continuing ? carried : null);
        } catch (Exception e) {
            return new EventAnswer(failed(request, e), null);
        }
    }

    /** Whether the line has a model now (a shadow without one is not scored at all). */
    public boolean hasModel(String line) {
        return lines.slot(line).peek().isPresent();
    }

    private Answer recommendWith(OnnxModel model, Request request, List<String> items) throws Exception {
        List<RecommendedItem> ranked = model.recommend(new SessionQuery(items, request.userId()));
        if (ranked.isEmpty()) {
            return popularityAnswer(request, AnswerSource.UNKNOWN_ITEMS);
        }
        return modelAnswer(request, model, trim(ranked));
    }

    private Answer failed(Request request, Exception e) {
        // An event must still be answered: fall back, count it, and keep the model (one bad input is not a reason
        // to stop serving it).
        stats.inferenceFailed();
        log.warn("inference failed for session {} on line {}; answering from popularity", request.sessionKey(),
                request.line(), e);
        return popularityAnswer(request, AnswerSource.INFERENCE_ERROR);
    }

    private List<RecommendedItem> trim(List<RecommendedItem> items) {
        return items.size() <= topK ? items : items.subList(0, topK);
    }

    /** What every answer to one request shares. */
    private record Request(String line, String sessionKey, String userId, String eventItemId, long eventTimestamp) {
    }

    private Answer popularityAnswer(Request r, AnswerSource reason) {
        return new Answer(recommendation(r, popularity.top(topK), Recommendation.POPULARITY, 0), reason);
    }

    private static Answer modelAnswer(Request r, OnnxModel model, List<RecommendedItem> items) {
        return new Answer(recommendation(r, items, model.manifest().name(), model.manifest().version()),
                AnswerSource.MODEL);
    }

    private static Recommendation recommendation(Request r, List<RecommendedItem> items, String modelName,
                                                 long modelVersion) {
        return new Recommendation(r.sessionKey(), r.userId(), r.eventItemId(), r.eventTimestamp(), items, modelName,
                modelVersion, System.currentTimeMillis(), r.line());
    }
}
