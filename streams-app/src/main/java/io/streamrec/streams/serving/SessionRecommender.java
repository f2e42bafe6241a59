package io.streamrec.streams.serving;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.SessionQuery;
import io.streamrec.model.StepQuery;
import io.streamrec.model.StepResult;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.session.ModelState;
import io.streamrec.streams.session.SessionState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            log.warn("inference failed for session {} on line {}; answering from popularity", request.sessionKey(),
                    request.line(), e);
            return failed(request);
        }
    }

    /** An event's answer and the line's model state of the session after the event (null when it keeps none). */
    public record EventAnswer(Answer answer, ModelState modelState) {
    }

    /**
     * One event to answer: {@code line}'s answer for a session whose items already include the event's item, given
     * {@code carried}, the line's state of the session before this event (null when there is none).
     */
    public record EventRequest(String line, String sessionKey, SessionState session, ModelState carried,
                               String eventItemId, long eventTimestamp) {
    }

    /** {@link #answerEvents} for one event. */
    public EventAnswer answerEvent(String line, String sessionKey, SessionState session, ModelState carried,
                                   String eventItemId, long eventTimestamp) {
        return answerEvents(List.of(new EventRequest(line, sessionKey, session, carried, eventItemId,
                eventTimestamp))).get(0);
    }

    /**
     * The answers to many events, each at its request's position, scored with as few model calls as possible: the
     * events of one line share one lease and, per path below, one call of the graph.
     *
     * <p>With a model that has a step graph, a carried state advances by exactly the event's item: one step, however
     * long the session. A state from another model or version (another line's, or an older version's after a swap) is
     * never reused: the state is rebuilt from the session's last L raw items. When the model does not know the
     * event's item, the state stays where it was and the sequence graph scores the session's items; so it does for
     * every event of a model without a step graph, with the session's user. Popularity answers what no model can.
     *
     * <p>The requests must belong to different sessions: an event's carried state is its session's previous answer,
     * which the caller stores before it asks about the session's next event.
     */
    public List<EventAnswer> answerEvents(List<EventRequest> requests) {
        EventAnswer[] answers = new EventAnswer[requests.size()];
        Map<String, List<Integer>> byLine = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            byLine.computeIfAbsent(requests.get(i).line(), l -> new ArrayList<>()).add(i);
        }
        byLine.forEach((line, positions) -> answerLine(line, requests, positions, answers));
        return Arrays.asList(answers);
    }

    private void answerLine(String line, List<EventRequest> requests, List<Integer> positions, EventAnswer[] answers) {
        Optional<ModelSlot.Lease<OnnxModel>> lease = lines.slot(line).lease();
        if (lease.isEmpty()) {
            for (int i : positions) {
                answers[i] = new EventAnswer(popularityAnswer(request(requests.get(i)), AnswerSource.NO_MODEL), null);
            }
            return;
        }
        // The lease spans the whole batch: a swap meanwhile cannot close this model under us, and every event of
        // the batch is scored by the same model version.
        try (ModelSlot.Lease<OnnxModel> held = lease.get()) {
            OnnxModel model = held.model();
            List<Integer> bySequence = model.hasStepGraph() ? step(model, requests, positions, answers) : positions;
            bySequence(model, requests, bySequence, answers);
        } catch (Exception e) {
            // Logged once per batch, counted per event.
            log.warn("inference failed for {} event(s) on line {} (first session {}); answering from popularity",
                    positions.size(), line, requests.get(positions.get(0)).sessionKey(), e);
            for (int i : positions) {
                answers[i] = new EventAnswer(failed(request(requests.get(i))), null);
            }
        }
    }

    /** Answers what the step graph can; returns the positions the sequence graph must answer. */
    private List<Integer> step(OnnxModel model, List<EventRequest> requests, List<Integer> positions,
                               EventAnswer[] answers) throws Exception {
        String name = model.manifest().name();
        long version = model.manifest().version();
        List<StepQuery> queries = new ArrayList<>(positions.size());
        for (int i : positions) {
            EventRequest r = requests.get(i);
            if (r.carried() != null && r.carried().belongsTo(name, version)) {
                queries.add(StepQuery.step(r.eventItemId(), r.carried().values()));
            } else if (r.session().items().size() == 1) {
                // A session's first item: its first step, from the empty state. Nothing is rebuilt.
                queries.add(StepQuery.step(r.eventItemId(), null));
            } else {
                // Items this model has not stepped through (another model's or version's state, or none): replayed.
                stats.stateRebuilt();
                queries.add(StepQuery.replay(r.session().items()));
            }
        }
        List<Optional<StepResult>> results = model.advance(queries);
        List<Integer> bySequence = new ArrayList<>();
        for (int q = 0; q < positions.size(); q++) {
            int i = positions.get(q);
            Optional<StepResult> next = results.get(q);
            if (next.isPresent()) {
                answers[i] = new EventAnswer(modelAnswer(request(requests.get(i)), model, trim(next.get().items())),
                        new ModelState(name, version, next.get().state()));
            } else {
                bySequence.add(i);
            }
        }
        return bySequence;
    }

    /**
     * Answers from the sequence graph. For a step-graph model these are events whose item it does not know: a
     * carried state of this model stays as it was, anything else is dropped.
     */
    private void bySequence(OnnxModel model, List<EventRequest> requests, List<Integer> positions,
                            EventAnswer[] answers) throws Exception {
        if (positions.isEmpty()) {
            return;
        }
        List<SessionQuery> queries = new ArrayList<>(positions.size());
        for (int i : positions) {
            queries.add(new SessionQuery(requests.get(i).session().items(), requests.get(i).session().userId()));
        }
        List<List<RecommendedItem>> ranked = model.recommendQueries(queries);
        String name = model.manifest().name();
        long version = model.manifest().version();
        for (int q = 0; q < positions.size(); q++) {
            int i = positions.get(q);
            EventRequest r = requests.get(i);
            Request request = request(r);
            Answer answer = ranked.get(q).isEmpty() ? popularityAnswer(request, AnswerSource.UNKNOWN_ITEMS)
                    : modelAnswer(request, model, trim(ranked.get(q)));
            ModelState kept = model.hasStepGraph() && r.carried() != null && r.carried().belongsTo(name, version)
                    ? r.carried() : null;
            answers[i] = new EventAnswer(answer, kept);
        }
    }

    private static Request request(EventRequest r) {
        return new Request(r.line(), r.sessionKey(), r.session().userId(), r.eventItemId(), r.eventTimestamp());
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

    /**
     * The answer to a request whose inference failed (the caller logs it): popularity, counted. The event must still
     * be answered, and the model keeps serving: one bad input is not a reason to stop.
     */
    private Answer failed(Request request) {
        stats.inferenceFailed();
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
