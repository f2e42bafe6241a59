package io.streamrec.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamrec.model.ModelState;
import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventSerde;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.accuracy.AnswerRole;
import io.streamrec.streams.accuracy.ModelAccuracy;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.lines.ServingPlan;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.AnswerSource;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.session.SessionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several model lines in one topology: the A/B split by session key, a shadow line, online HR/MRR per model version,
 * and user ids reaching a personalised model. The models are the test bundles whose answers are known exactly, with
 * L = 3 and K = 3: the successor model answers item-(i+1), item-(i+2), item-(i+3) after item-i; the user-favourite
 * model answers item-u, then item-1, item-2, ... for user-u, and item-10 first for an unknown or absent user.
 */
class ModelLinesTopologyTest {
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final long MINUTE = 60_000;
    private static final int ITEMS = 10;

    private final ClickEventSerde eventSerde = new ClickEventSerde();
    private final RecommendationSerde recommendationSerde = new RecommendationSerde();
    private final PopularityRanking popularity = new PopularityRanking(1);
    private final ServingStats stats = new ServingStats(3);
    private final List<TopologyUnderTest<String>> streams = new ArrayList<>();

    private ModelLines lines;
    private TopologyUnderTest<String> stream;

    private void start(String split, String shadow) {
        lines = new ModelLines(ServingPlan.parse(split, shadow));
        stream = start(lines, "lines-test");
    }

    private TopologyUnderTest<String> start(ModelLines modelLines, String applicationId) {
        TopologyUnderTest<String> started = TopologyUnderTest.start(applicationId, Serdes.String(),
                new TopologySettings(TOPICS, 3, Duration.ofMinutes(30), 3), modelLines, popularity, stats);
        streams.add(started);
        return started;
    }

    @AfterEach
    void close() {
        streams.forEach(TopologyUnderTest::close);
        if (lines != null) {
            lines.close();
        }
    }

    private SessionState stored(String sessionKey) {
        return stream.store().get(sessionKey);
    }

    private void install(String line, ModelBundle bundle) throws Exception {
        lines.slot(line).install(OnnxModel.load(bundle, ScoringOptions.cpu()));
    }

    private static ModelBundle successor(String name, long version) {
        return TestBundles.successorModel(name, version, ITEMS, 3, 3);
    }

    private static ModelBundle userFavourite(String name, long version) {
        return TestBundles.userFavouriteModel(name, version, ITEMS, 3, 3, 3);
    }

    private void click(String session, String user, String item, long time) {
        stream.events().pipeInput(session, eventSerde.toBytes(new ClickEvent(session, user, item, time, "click")));
    }

    private List<Recommendation> answers() {
        return stream.recommendations().readValuesToList().stream().map(recommendationSerde::fromBytes).toList();
    }

    private static List<String> ids(Recommendation r) {
        return r.items().stream().map(RecommendedItem::itemId).toList();
    }

    /** The first session keys the split routes to {@code line}. */
    private List<String> sessionsOf(String line, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < count; i++) {
            if (lines.lineFor("s-" + i).equals(line)) {
                keys.add("s-" + i);
            }
        }
        return keys;
    }

    private ModelAccuracy accuracy(AnswerRole role, String model, long version) {
        return stats.onlineAccuracy().of(role, model, version).orElseThrow(
                () -> new AssertionError("no online accuracy for " + role + " " + model + " v" + version + " in "
                        + stats.onlineAccuracy().snapshot()));
    }

    @Test
    void tenThousandSessionsSplitFiftyFiftyWithinThreePercentAndASecondInstanceRoutesThemAlike() {
        start("gru4rec=50,caser=50", null);
        for (int i = 0; i < 10_000; i++) {
            click("s-" + i, null, "item-1", i);
        }
        Map<String, Integer> perLine = new HashMap<>();
        Map<String, String> lineOfSession = new HashMap<>();
        for (Recommendation r : answers()) {
            perLine.merge(r.modelLine(), 1, Integer::sum);
            lineOfSession.put(r.sessionKey(), r.modelLine());
        }
        assertThat(perLine.get("gru4rec")).isBetween(4_700, 5_300);
        assertThat(perLine.get("caser")).isBetween(4_700, 5_300);
        assertThat(stats.lineAnswers("gru4rec")).isEqualTo(perLine.get("gru4rec").longValue());
        assertThat(stats.answers(AnswerSource.NO_MODEL)).as("neither line has a model yet").isEqualTo(10_000);

        // Another instance (or this one after a restart) with the same plan: the same session, the same line.
        ModelLines again = new ModelLines(ServingPlan.parse("gru4rec=50,caser=50", null));
        TopologyUnderTest<String> other = start(again, "lines-test-other");
        TestInputTopic<String, byte[]> otherEvents = other.events();
        TestOutputTopic<String, byte[]> otherAnswers = other.recommendations();
        for (int i = 0; i < 10_000; i += 7) {
            otherEvents.pipeInput("s-" + i, eventSerde.toBytes(ClickEvent.click("s-" + i, "item-2", MINUTE)));
            Recommendation r = recommendationSerde.fromBytes(otherAnswers.readValue());
            assertThat(r.modelLine()).isEqualTo(lineOfSession.get("s-" + i));
        }
        again.close();
    }

    @Test
    void everySessionIsAnsweredOnlyByItsOwnLinesModelOfWhicheverKind() throws Exception {
        start("gru4rec=50,caser=50", null);
        install("gru4rec", successor("gru4rec", 1));
        install("caser", userFavourite("caser", 4));
        for (int i = 0; i < 40; i++) {
            click("s-" + i, "user-2", "item-" + (i % 9 + 1), 0);
            click("s-" + i, null, "item-" + (i % 9 + 2), MINUTE);
        }
        List<Recommendation> answers = answers();
        assertThat(answers).hasSize(80);
        for (Recommendation r : answers) {
            String line = lines.lineFor(r.sessionKey());
            assertThat(r.modelLine()).isEqualTo(line);
            assertThat(r.modelName()).isEqualTo(line);
            if (line.equals("caser")) {
                // The user the session's first event named, kept in its state, reaches the personalised model.
                assertThat(r.modelVersion()).isEqualTo(4);
                assertThat(ids(r)).containsExactly("item-2", "item-1", "item-3");
            } else {
                int last = Integer.parseInt(r.eventItemId().substring("item-".length()));
                assertThat(ids(r).get(0)).isEqualTo("item-" + (last % ITEMS + 1));
            }
        }
        assertThat(answers).extracting(Recommendation::modelLine).contains("gru4rec", "caser");
    }

    @Test
    void aLineWhoseModelHasNotArrivedAnswersItsSessionsFromPopularityAndSaysSo() throws Exception {
        start("gru4rec=50,caser=50", null);
        install("gru4rec", successor("gru4rec", 1));
        String caserSession = sessionsOf("caser", 1).get(0);
        String gruSession = sessionsOf("gru4rec", 1).get(0);
        click(caserSession, null, "item-5", 0);
        click(gruSession, null, "item-5", 0);
        List<Recommendation> answers = answers();

        assertThat(answers.get(0).modelLine()).isEqualTo("caser");
        assertThat(answers.get(0).modelName()).isEqualTo(Recommendation.POPULARITY);
        assertThat(answers.get(0).isFallback()).isTrue();
        assertThat(ids(answers.get(0))).containsExactly("item-5");
        assertThat(answers.get(1).modelLine()).isEqualTo("gru4rec");
        assertThat(answers.get(1).modelName()).isEqualTo("gru4rec");
        assertThat(stats.answers(AnswerSource.NO_MODEL)).isEqualTo(1);
        assertThat(stats.linePopularityAnswers("caser")).isEqualTo(1);
        assertThat(stats.linePopularityAnswers("gru4rec")).isZero();

        // Once caser's model arrives, the same session is answered by it.
        install("caser", userFavourite("caser", 1));
        click(caserSession, null, "item-6", MINUTE);
        Recommendation after = answers().get(0);
        assertThat(after.modelName()).isEqualTo("caser");
        assertThat(ids(after)).containsExactly("item-10", "item-1", "item-2");
    }

    @Test
    void theEventsUserReachesAPersonalisedModelAndAnAnonymousOrUnknownUserGetsIndexZero() throws Exception {
        start("caser", null);
        install("caser", userFavourite("caser", 1));
        click("a", "user-3", "item-7", 0);
        click("a", null, "item-8", MINUTE); // the session's user is kept from its earlier event
        click("b", null, "item-7", 0);
        click("c", "user-99", "item-7", 0);
        click("user:user-1", "user-1", "item-7", 0);
        List<Recommendation> answers = answers();

        assertThat(ids(answers.get(0))).containsExactly("item-3", "item-1", "item-2");
        assertThat(ids(answers.get(1))).containsExactly("item-3", "item-1", "item-2");
        assertThat(answers.get(1).userId()).isEqualTo("user-3");
        assertThat(ids(answers.get(2))).containsExactly("item-10", "item-1", "item-2");
        assertThat(ids(answers.get(3))).containsExactly("item-10", "item-1", "item-2");
        assertThat(ids(answers.get(4))).containsExactly("item-1", "item-2", "item-3");
    }

    @Test
    void onlineHitRateAndMrrArePerModelVersionAndMatchAHandScoredSession() throws Exception {
        start("gru4rec", null);
        // Before any model: the first answer is popularity's (only item-1 has been seen).
        click("s", null, "item-1", 0);
        install("gru4rec", successor("gru4rec", 1));
        click("s", null, "item-1", MINUTE);      // popularity's [item-1]: rank 1
        click("s", null, "item-2", 2 * MINUTE);  // v1 after item-1 [2, 3, 4]: rank 1
        click("s", null, "item-4", 3 * MINUTE);  // v1 after item-2 [3, 4, 5]: rank 2
        click("s", null, "item-9", 4 * MINUTE);  // v1 after item-4 [5, 6, 7]: miss
        install("gru4rec", successor("gru4rec", 2));
        click("s", null, "item-10", 5 * MINUTE); // v1's list after item-9 [10, 1, 2]: rank 1, credited to v1
        click("s", null, "item-2", 6 * MINUTE);  // v2 after item-10 [1, 2, 3]: rank 2
        click("s", null, "item-7", 7 * MINUTE);  // v2 after item-2 [3, 4, 5]: miss
        // A new session (after the gap) is not scored against the old session's last list.
        click("s", null, "item-5", 60 * MINUTE);
        click("s", null, "item-6", 61 * MINUTE); // v2 after item-5 [6, 7, 8]: rank 1

        ModelAccuracy popular = accuracy(AnswerRole.MAIN, Recommendation.POPULARITY, 0);
        ModelAccuracy v1 = accuracy(AnswerRole.MAIN, "gru4rec", 1);
        ModelAccuracy v2 = accuracy(AnswerRole.MAIN, "gru4rec", 2);
        assertThat(List.of(popular.events(), popular.hits())).containsExactly(1L, 1L);
        assertThat(popular.mrr()).isEqualTo(1.0);
        assertThat(List.of(v1.events(), v1.hits())).containsExactly(4L, 3L);
        assertThat(v1.hitRate()).isEqualTo(0.75);
        assertThat(v1.mrr()).isCloseTo((1 + 0.5 + 0 + 1) / 4, within(1e-12));
        assertThat(List.of(v2.events(), v2.hits())).containsExactly(3L, 2L);
        assertThat(v2.mrr()).isCloseTo((0.5 + 0 + 1) / 3, within(1e-12));
        assertThat(v2.k()).isEqualTo(3);
        assertThat(stats.onlineAccuracy().snapshot()).hasSize(3);
    }

    @Test
    void aShadowLineScoresTheSameEventsWithoutItsAnswerBeingSentAndIsMeasuredOnItsOwn() throws Exception {
        start("gru4rec", "caser");
        install("gru4rec", successor("gru4rec", 1));
        install("caser", userFavourite("caser", 2));
        click("s", "user-3", "item-1", 0);
        click("s", null, "item-2", MINUTE);      // main [2, 3, 4]: rank 1; shadow [3, 1, 2]: rank 3
        click("s", null, "item-3", 2 * MINUTE);  // main [3, 4, 5]: rank 1; shadow: rank 1
        click("s", null, "item-9", 3 * MINUTE);  // main [4, 5, 6]: miss;   shadow: miss

        List<Recommendation> sent = answers();
        assertThat(sent).hasSize(4);
        assertThat(sent).extracting(Recommendation::modelName).containsOnly("gru4rec");
        assertThat(sent).extracting(Recommendation::modelLine).containsOnly("gru4rec");
        assertThat(stats.shadowScoredCount()).isEqualTo(4);
        assertThat(stats.lineAnswers("caser")).as("the shadow answers no one").isZero();

        ModelAccuracy main = accuracy(AnswerRole.MAIN, "gru4rec", 1);
        ModelAccuracy shadow = accuracy(AnswerRole.SHADOW, "caser", 2);
        assertThat(List.of(main.events(), main.hits())).containsExactly(3L, 2L);
        assertThat(main.mrr()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(List.of(shadow.events(), shadow.hits())).containsExactly(3L, 2L);
        assertThat(shadow.mrr()).isCloseTo((1.0 / 3 + 1) / 3, within(1e-12));
        assertThat(stats.onlineAccuracy().of(AnswerRole.MAIN, "caser", 2)).isEmpty();
        assertThat(stored("s").lastShadowAnswer().modelName()).isEqualTo("caser");
    }

    @Test
    void aShadowWithoutAModelYetIsNotScoredAndCostsNothing() throws Exception {
        start("gru4rec", "caser");
        install("gru4rec", successor("gru4rec", 1));
        click("s", null, "item-1", 0);
        click("s", null, "item-2", MINUTE);
        assertThat(stats.shadowScoredCount()).isZero();
        assertThat(stats.onlineAccuracy().snapshot()).extracting(ModelAccuracy::role).containsOnly("main");
        assertThat(stored("s").lastShadowAnswer()).isNull();
    }

    @Test
    void stepGraphStatesAreKeptPerLineAndPerRoleAndAStateFromAnotherLineIsRebuiltNotReused() throws Exception {
        start("gru4rec=50,narm=50", "sasrec");
        install("gru4rec", TestBundles.statefulSuccessorModel("gru4rec", 1, ITEMS, 3, 3));
        install("narm", TestBundles.statefulSuccessorModel("narm", 1, ITEMS, 3, 3));
        install("sasrec", TestBundles.statefulSuccessorModel("sasrec", 5, ITEMS, 3, 3));
        String gruSession = sessionsOf("gru4rec", 1).get(0);
        String narmSession = sessionsOf("narm", 1).get(0);
        for (int i = 1; i <= 4; i++) {
            click(gruSession, null, "item-" + i, i * MINUTE);
            click(narmSession, null, "item-" + i, i * MINUTE);
        }
        // Each counter counts every event (4 > L = 3): each was stepped, never rebuilt after the first event.
        assertThat(stored(gruSession).modelState()).isEqualTo(new ModelState("gru4rec", 1, new float[] {4f}));
        assertThat(stored(narmSession).modelState()).isEqualTo(new ModelState("narm", 1, new float[] {4f}));
        assertThat(stored(gruSession).shadowState()).isEqualTo(new ModelState("sasrec", 5, new float[] {4f}));
        assertThat(stats.stateRebuilds()).as("a session's first event is its first step, not a rebuild").isZero();

        // A session that arrives with another line's state (the split was changed between runs): its tag says
        // narm, so gru4rec rebuilds it from the last L raw items instead of stepping narm's state.
        SessionState moved = stored(narmSession);
        stream.store().put(gruSession,
                new SessionState(moved.items(), moved.lastEventTime(), null, moved.modelState()));
        click(gruSession, null, "item-5", 5 * MINUTE);
        assertThat(stored(gruSession).modelState()).isEqualTo(new ModelState("gru4rec", 1, new float[] {3f}));
        assertThat(stats.stateRebuilds()).as("the main line's state, and the shadow's, which the copy lacks")
                .isEqualTo(2);
        List<Recommendation> answers = answers();
        assertThat(ids(answers.get(answers.size() - 1))).containsExactly("item-6", "item-7", "item-8");
    }
}
