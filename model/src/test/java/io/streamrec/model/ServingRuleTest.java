package io.streamrec.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServingRuleTest {
    private static final List<RecommendedItem> POPULAR = List.of(new RecommendedItem("popular", 1f));
    private final ServingRule rule = new ServingRule(3, () -> POPULAR);
    /** 10 items, L = 3, top 3; its step graph's answer shows how many items the state has seen (see TestBundles). */
    private OnnxModel shifting;
    private OnnxModel sequenceOnly;

    @BeforeAll
    void load() throws Exception {
        shifting = OnnxModel.load(TestBundles.shiftingSuccessorModel("m", 2, 10, 3, 3), ScoringOptions.cpu());
        sequenceOnly = OnnxModel.load(TestBundles.successorModel("m", 2, 10, 3, 3), ScoringOptions.cpu());
    }

    @AfterAll
    void close() throws Exception {
        shifting.close();
        sequenceOnly.close();
    }

    private static List<String> ids(ServingRule.Answer answer) {
        return answer.items().stream().map(RecommendedItem::itemId).toList();
    }

    private static List<Float> scores(ServingRule.Answer answer) {
        return answer.items().stream().map(RecommendedItem::score).toList();
    }

    /** Answers a session click by click as the stream does, each on the state the previous answer left. */
    private List<ServingRule.Answer> clickThrough(List<String> clicks, int window) throws Exception {
        List<ServingRule.Answer> answers = new ArrayList<>();
        ModelState state = null;
        for (int i = 0; i < clicks.size(); i++) {
            List<String> recent = clicks.subList(Math.max(0, i + 1 - window), i + 1);
            ServingRule.Answer answer = rule.answer(shifting, SessionTurn.of(recent, null, state));
            answers.add(answer);
            state = answer.state();
        }
        return answers;
    }

    @Test
    void aStoredStateAdvancesByTheNewItemOnlySoTheAnswerReflectsTheWholeSession() throws Exception {
        List<String> clicks = List.of("item-1", "item-2", "item-3", "item-4", "item-5", "item-6", "item-7");
        List<ServingRule.Answer> answers = clickThrough(clicks, 3);

        assertThat(answers.get(0).route()).isEqualTo(ServingRule.Route.FIRST_STEP);
        assertThat(answers.subList(1, 7)).allMatch(a -> a.route() == ServingRule.Route.STEP);
        ServingRule.Answer last = answers.get(6);
        // Seven items seen although only three are kept: the top item is seven places after item-7.
        assertThat(ids(last)).containsExactly("item-4", "item-5", "item-6");
        assertThat(scores(last)).containsExactly(17f, 16f, 15f);
        assertThat(last.state().values()).containsExactly(7f);
        assertThat(last.state().belongsTo("m", 2)).isTrue();
        assertThat(last.answeredFrom()).isEqualTo(answers.get(5).state());
    }

    @Test
    void askingAgainFromTheStateAnAnswerCameFromGivesTheSameAnswer() throws Exception {
        List<String> clicks = List.of("item-3", "item-9", "never-seen", "item-1", "item-2", "item-8", "item-8");
        List<ServingRule.Answer> answers = clickThrough(clicks, 3);
        assertThat(answers).extracting(ServingRule.Answer::route).contains(ServingRule.Route.SEQUENCE);
        for (int i = 0; i < clicks.size(); i++) {
            // What a reader of the store has: the items kept and the state the last answer was computed on.
            List<String> kept = clicks.subList(Math.max(0, i - 2), i + 1);
            ServingRule.Answer again = rule.answer(shifting, SessionTurn.of(kept, null, answers.get(i).answeredFrom()));
            assertThat(again).as("after click %d", i).isEqualTo(answers.get(i));
        }
    }

    @Test
    void aStateOfAnotherVersionIsNeverFedButReplayedFromTheLastKnownItems() throws Exception {
        ModelState older = new ModelState("m", 1, new float[] {40f});
        ServingRule.Answer answer = rule.answer(shifting, SessionTurn.of(
                List.of("item-1", "item-5", "never-seen", "item-6", "item-7"), null, older));
        assertThat(answer.route()).isEqualTo(ServingRule.Route.REPLAY);
        // The last three known items from the empty state: count 3.
        assertThat(ids(answer)).containsExactly("item-10", "item-1", "item-2");
        assertThat(answer.state().values()).containsExactly(3f);
        assertThat(answer.answeredFrom()).isNull();
    }

    @Test
    void anUnknownNewItemKeepsTheStateAndIsAnsweredByTheSequenceGraph() throws Exception {
        ModelState own = new ModelState("m", 2, new float[] {5f});
        ServingRule.Answer answer = rule.answer(shifting, SessionTurn.of(List.of("item-4", "never-seen"), null, own));
        assertThat(answer.route()).isEqualTo(ServingRule.Route.SEQUENCE);
        assertThat(ids(answer)).containsExactly("item-5", "item-6", "item-7");
        assertThat(scores(answer)).containsExactly(10f, 9f, 8f);
        assertThat(answer.state()).isSameAs(own);
        assertThat(answer.answeredFrom()).isSameAs(own);
    }

    @Test
    void whatNoModelCanAnswerTheFallbackAnswers() throws Exception {
        ServingRule.Answer unknown = rule.answer(shifting, SessionTurn.of(List.of("a", "b"), null, null));
        assertThat(unknown.route()).isEqualTo(ServingRule.Route.UNKNOWN_ITEMS);
        assertThat(unknown.route().fromModel()).isFalse();
        assertThat(unknown.items()).isEqualTo(POPULAR);
        assertThat(unknown.state()).isNull();

        ServingRule.Answer none = rule.answer(null, SessionTurn.of(List.of("item-1"), null, null));
        assertThat(none.route()).isEqualTo(ServingRule.Route.NO_MODEL);
        assertThat(none.items()).isEqualTo(POPULAR);
    }

    @Test
    void aModelWithoutAStepGraphScoresTheLastKnownItemsAndKeepsNoState() throws Exception {
        ModelState stray = new ModelState("m", 2, new float[] {5f});
        ServingRule.Answer answer = rule.answer(sequenceOnly, SessionTurn.of(List.of("item-2", "item-6", "new"),
                null, stray));
        assertThat(answer.route()).isEqualTo(ServingRule.Route.SEQUENCE);
        assertThat(ids(answer)).containsExactly("item-7", "item-8", "item-9");
        assertThat(answer.state()).isNull();
        assertThat(answer.answeredFrom()).isNull();
    }

    @Test
    void theUserReachesAPersonalisedModel() throws Exception {
        try (OnnxModel personal = OnnxModel.load(TestBundles.userFavouriteModel("u", 1, 6, 3, 4, 2),
                ScoringOptions.cpu())) {
            ServingRule.Answer answer = rule.answer(personal, SessionTurn.of(List.of("item-1"), "user-2", null));
            assertThat(answer.items().get(0).itemId()).isEqualTo("item-2");
        }
    }

    @Test
    void aBatchAnswersEachSessionAsItsOwnCallDoesAndCutsLongerTopKs() throws Exception {
        ModelState own = new ModelState("m", 2, new float[] {4f});
        List<SessionTurn> turns = List.of(
                SessionTurn.of(List.of("item-2", "item-3"), null, own),
                SessionTurn.of(List.of("item-9"), null, null),
                SessionTurn.of(List.of("item-1", "item-2", "item-3", "item-4"), null, null),
                SessionTurn.of(List.of("item-5", "never-seen"), null, own),
                SessionTurn.of(List.of("never-seen"), null, null));
        List<ServingRule.Answer> batch = rule.answer(shifting, turns);
        for (int i = 0; i < turns.size(); i++) {
            assertThat(batch.get(i)).as("turn %d", i).isEqualTo(rule.answer(shifting, turns.get(i)));
        }
        assertThat(batch).extracting(ServingRule.Answer::route).containsExactly(ServingRule.Route.STEP,
                ServingRule.Route.FIRST_STEP, ServingRule.Route.REPLAY, ServingRule.Route.SEQUENCE,
                ServingRule.Route.UNKNOWN_ITEMS);

        ServingRule two = new ServingRule(2, () -> POPULAR);
        assertThat(two.answer(shifting, turns.get(0)).items()).hasSize(2)
                .isEqualTo(batch.get(0).items().subList(0, 2));
    }
}
