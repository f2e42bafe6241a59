package io.streamrec.model;

import ai.onnxruntime.OrtException;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a session is answered, whoever asks: the stream for every event, the HTTP endpoint for a stored session and
 * {@code evaluate} offline all answer through this, so they cannot disagree. Nothing here depends on the kind of
 * model: what a model is fed follows from its bundle.
 *
 * <ol>
 *   <li>Without a model, the fallback answers ({@link Route#NO_MODEL}).</li>
 *   <li>A model with a step graph feeds it the newest item on the carried state when that state is its own
 *       ({@link Route#STEP}): one step, however long the session. A session of one item starts from the empty state
 *       ({@link Route#FIRST_STEP}). Any other session (no state, or another model's or version's) is replayed: its
 *       last L known items from the empty state ({@link Route#REPLAY}), so states of different versions never
 *       mix.</li>
 *   <li>When the step graph is fed nothing it knows, and for every session of a model without one, the sequence
 *       graph scores the session's last L known items, with its user ({@link Route#SEQUENCE}); a carried state of
 *       the model stays as it was.</li>
 *   <li>When the model knows none of the session's items, the fallback answers ({@link Route#UNKNOWN_ITEMS}).</li>
 * </ol>
 *
 * <p>Each answer names the state to store for the session and the stored state it was computed on
 * ({@link Answer#answeredFrom()}). The step graph's top-K comes out of the same call as the next state, and no graph
 * turns a state alone into a top-K; so the session's answer can be computed again only from the state it started
 * from: asking the rule again with {@code answeredFrom} as the carried state and the same items gives the same
 * answer. That is how a stored session is answered over HTTP exactly as the stream answered its last event.
 *
 * <p>Batched: the turns of one call share one call of each graph they need (see {@link OnnxModel#advance}), and
 * must belong to different sessions. Thread-safe; inference errors are the caller's to handle.
 */
public final class ServingRule {

    /** Which path of the rule an answer took. */
    public enum Route {
        /** The newest item on the session's stored state. */
        STEP,
        /** A session's only item, from the empty state. */
        FIRST_STEP,
        /** The session's last L known items, from the empty state: its state was missing or another model's. */
        REPLAY,
        /** The sequence graph over the session's last L known items. */
        SEQUENCE,
        /** The fallback: the model knows none of the session's items. */
        UNKNOWN_ITEMS,
        /** The fallback: there is no model. */
        NO_MODEL;

        /** Whether the model answered (otherwise the fallback did). */
        public boolean fromModel() {
            return this != UNKNOWN_ITEMS && this != NO_MODEL;
        }
    }

    /**
     * One session's answer.
     *
     * @param items        the top-K, best first: the model's, or the fallback's when {@link Route#fromModel()} is false
     * @param route        how it was made
     * @param state        the model state to store for the session now, or null for none
     * @param answeredFrom the carried state the answer was computed on (null when it used none): stored beside
     *                     {@code state}, it lets the same answer be computed again
     */
    public record Answer(List<RecommendedItem> items, Route route, ModelState state, ModelState answeredFrom) {
    }

    private final int topK;
    private final Supplier<List<RecommendedItem>> fallback;

    /**
     * @param topK     the most items an answer has (a model's longer top-K is cut)
     * @param fallback the answer when no model can give one (a popularity ranking, or an empty list offline)
     */
    public ServingRule(int topK, Supplier<List<RecommendedItem>> fallback) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1");
        }
        this.topK = topK;
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** {@link #answer(OnnxModel, List)} for one session. */
    public Answer answer(OnnxModel model, SessionTurn turn) throws OrtException {
        return answer(model, List.of(turn)).get(0);
    }

    /**
     * The answers to many sessions' turns, each at its turn's position, with as few model calls as the rule allows.
     *
     * @param model the model, or null when there is none
     */
    public List<Answer> answer(OnnxModel model, List<? extends SessionTurn> turns) throws OrtException {
        Answer[] answers = new Answer[turns.size()];
        if (model == null) {
            for (int i = 0; i < answers.length; i++) {
                answers[i] = new Answer(fallback.get(), Route.NO_MODEL, null, null);
            }
        } else if (model.hasStepGraph()) {
            bySequence(model, turns, step(model, turns, answers), answers);
        } else {
            bySequence(model, turns, null, answers);
        }
        return Arrays.asList(answers);
    }

    /** Answers what the step graph can; returns the positions left to the sequence graph. */
    private List<Integer> step(OnnxModel model, List<? extends SessionTurn> turns, Answer[] answers)
            throws OrtException {
        Route[] routes = new Route[turns.size()];
        List<StepQuery> queries = new ArrayList<>(turns.size());
        for (int i = 0; i < turns.size(); i++) {
            SessionTurn turn = turns.get(i);
            List<String> items = turn.items();
            if (ownState(model, turn) != null) {
                routes[i] = Route.STEP;
                queries.add(StepQuery.step(items.get(items.size() - 1), turn.carried().values()));
            } else if (items.size() == 1) {
                routes[i] = Route.FIRST_STEP;
                queries.add(StepQuery.step(items.get(0), null));
            } else {
                routes[i] = Route.REPLAY;
                queries.add(StepQuery.replay(items));
            }
        }
        List<Optional<StepResult>> results = model.advance(queries);
        String name = model.manifest().name();
        long version = model.manifest().version();
        List<Integer> bySequence = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            Optional<StepResult> next = results.get(i);
            if (next.isPresent()) {
                answers[i] = new Answer(trim(next.get().items()), routes[i],
                        new ModelState(name, version, next.get().state()), ownState(model, turns.get(i)));
            } else {
                bySequence.add(i);
            }
        }
        return bySequence;
    }

    /**
     * Answers from the sequence graph the turns at {@code positions} (null: every turn). For a step-graph model these
     * are turns whose step was fed nothing it knows: its own carried state stays as it was, anything else is dropped.
     */
    private void bySequence(OnnxModel model, List<? extends SessionTurn> turns, List<Integer> positions,
                            Answer[] answers) throws OrtException {
        int count = positions == null ? turns.size() : positions.size();
        if (count == 0) {
            return;
        }
        List<SessionQuery> queries = new ArrayList<>(count);
        for (int q = 0; q < count; q++) {
            SessionTurn turn = turns.get(positions == null ? q : positions.get(q));
            queries.add(new SessionQuery(turn.items(), turn.userId()));
        }
        List<List<RecommendedItem>> ranked = model.recommendQueries(queries);
        for (int q = 0; q < count; q++) {
            int i = positions == null ? q : positions.get(q);
            ModelState kept = model.hasStepGraph() ? ownState(model, turns.get(i)) : null;
            answers[i] = ranked.get(q).isEmpty() ? new Answer(fallback.get(), Route.UNKNOWN_ITEMS, kept, kept)
                    : new Answer(trim(ranked.get(q)), Route.SEQUENCE, kept, kept);
        }
    }

    /** The turn's carried state when {@code model} made it, else null. */
    private static ModelState ownState(OnnxModel model, SessionTurn turn) {
        ModelState carried = turn.carried();
        return carried != null && carried.madeBy(model) ? carried : null;
    }

    private List<RecommendedItem> trim(List<RecommendedItem> items) {
        return items.size() <= topK ? items : items.subList(0, topK);
    }
}
