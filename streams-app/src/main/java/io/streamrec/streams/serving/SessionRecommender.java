package io.streamrec.streams.serving;

import io.streamrec.model.ModelState;
import io.streamrec.model.OnnxModel;
import io.streamrec.model.ServingRule;
import io.streamrec.model.SessionTurn;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.lines.ModelSlot;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.session.SessionState;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers sessions for the app: each by the model line it is routed to, through the {@link ServingRule} with
 * popularity as its fallback, and from popularity too when inference fails. The topology and the HTTP endpoint both
 * answer through this, so they cannot disagree: the HTTP answer of a stored session is its last event's answer
 * computed again from what the store keeps.
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
    private final ServingRule rule;

    /**
     * An answer, where it came from, and the line's model state of the session after it (null when it keeps none)
     * with the state the answer was computed on (see {@link ServingRule.Answer#answeredFrom()}).
     */
    public record Answer(Recommendation recommendation, AnswerSource source, ModelState modelState,
                         ModelState answeredFrom) {
    }

    /**
     * One event to answer: {@code line}'s answer for a session whose items already include the event's item, given
     * {@code carried}, the line's state of the session before this event (null when there is none).
     */
    public record EventRequest(String line, String sessionKey, SessionState session, ModelState carried,
                               String eventItemId, long eventTimestamp) implements SessionTurn {
        @Override
        public List<String> items() {
            return session.items();
        }

        @Override
        public String userId() {
            return session.userId();
        }
    }

    public SessionRecommender(ModelLines lines, PopularityRanking popularity, ServingStats stats, int topK) {
        this.lines = lines;
        this.popularity = popularity;
        this.stats = stats;
        this.topK = topK;
        this.rule = new ServingRule(topK, this::popular);
    }

    /**
     * The answer a stored session gets now from the line it is routed to: while that line's model is the one that
     * answered the session's last event, the same items and scores as that answer. Reading it changes nothing.
     */
    public Answer recommend(String sessionKey, SessionState session) {
        EventRequest request = new EventRequest(lines.lineFor(sessionKey), sessionKey, session,
                session.answeredFrom(), session.lastItem(), session.lastEventTime());
        Answer[] answer = new Answer[1];
        answerLine(request.line(), List.of(request), null, answer, false);
        return answer[0];
    }

    /**
     * The answers to many events, each at its request's position: the events of one line share one lease of its
     * model and are answered by the rule in one batch (one call per graph they need).
     *
     * <p>The requests must belong to different sessions: an event's carried state is its session's previous answer,
     * which the caller stores before it asks about the session's next event.
     */
    public List<Answer> answerEvents(List<EventRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Answer[] answers = new Answer[requests.size()];
        String first = requests.get(0).line();
        boolean oneLine = true;
        for (int i = 1; i < requests.size() && oneLine; i++) {
            oneLine = requests.get(i).line().equals(first);
        }
        if (oneLine) {
            // The usual case, a single line or a batch of one line's sessions: no grouping to do.
            answerLine(first, requests, null, answers, true);
        } else {
            Map<String, List<Integer>> byLine = new LinkedHashMap<>();
            for (int i = 0; i < requests.size(); i++) {
                byLine.computeIfAbsent(requests.get(i).line(), l -> new ArrayList<>()).add(i);
            }
            byLine.forEach((line, positions) -> answerLine(line, requests,
                    positions.stream().mapToInt(Integer::intValue).toArray(), answers, true));
        }
        return Arrays.asList(answers);
    }

    /**
     * Answers the requests at {@code positions} (null: all of them), all of {@code line}, into {@code answers}.
     * {@code counted}: whether state rebuilds are counted (events are; HTTP reads are not).
     */
    private void answerLine(String line, List<EventRequest> requests, int[] positions, Answer[] answers,
                            boolean counted) {
        List<EventRequest> batch = positions == null ? requests : new AbstractList<>() {
            @Override
            public EventRequest get(int index) {
                return requests.get(positions[index]);
            }

            @Override
            public int size() {
                return positions.length;
            }
        };
        Optional<ModelSlot.Lease<OnnxModel>> lease = lines.slot(line).lease();
        // The lease spans the whole batch: a swap meanwhile cannot close this model under us, and every event of
        // the batch is scored by the same model version.
        try (ModelSlot.Lease<OnnxModel> held = lease.orElse(null)) {
            OnnxModel model = held == null ? null : held.model();
            long started = System.nanoTime();
            List<ServingRule.Answer> ruled = rule.answer(model, batch);
            if (model != null) {
                stats.inferred(line, System.nanoTime() - started);
            }
            for (int b = 0; b < batch.size(); b++) {
                ServingRule.Answer a = ruled.get(b);
                if (counted && a.route() == ServingRule.Route.REPLAY) {
                    stats.stateRebuilt();
                }
                answers[positions == null ? b : positions[b]] = answer(batch.get(b), model, a);
            }
        } catch (Exception e) {
            // Logged once per batch, counted per event. The event must still be answered, and the model keeps
            // serving: one bad input is not a reason to stop.
            log.warn("inference failed for {} event(s) on line {} (first session {}); answering from popularity",
                    batch.size(), line, batch.get(0).sessionKey(), e);
            for (int b = 0; b < batch.size(); b++) {
                stats.inferenceFailed();
                answers[positions == null ? b : positions[b]] = new Answer(recommendation(batch.get(b),
                        popular(), Recommendation.POPULARITY, 0), AnswerSource.INFERENCE_ERROR, null, null);
            }
        }
    }

    /** Whether the line has a model now (a shadow without one is not scored at all). */
    public boolean hasModel(String line) {
        return lines.slot(line).peek().isPresent();
    }

    private List<RecommendedItem> popular() {
        return popularity.top(topK);
    }

    private static Answer answer(EventRequest r, OnnxModel model, ServingRule.Answer a) {
        if (!a.route().fromModel()) {
            AnswerSource source = a.route() == ServingRule.Route.NO_MODEL ? AnswerSource.NO_MODEL
                    : AnswerSource.UNKNOWN_ITEMS;
            return new Answer(recommendation(r, a.items(), Recommendation.POPULARITY, 0), source, a.state(),
                    a.answeredFrom());
        }
        return new Answer(recommendation(r, a.items(), model.manifest().name(), model.manifest().version()),
                AnswerSource.MODEL, a.state(), a.answeredFrom());
    }

    private static Recommendation recommendation(EventRequest r, List<RecommendedItem> items, String modelName,
                                                 long modelVersion) {
        return new Recommendation(r.sessionKey(), r.userId(), r.eventItemId(), r.eventTimestamp(), items, modelName,
                modelVersion, System.currentTimeMillis(), r.line());
    }
}
