package io.streamrec.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventSerde;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.schemas.topic.DeadLetterHeaders;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.lines.ModelSlot;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.AnswerSource;
import io.streamrec.streams.session.ServedList;
import io.streamrec.streams.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecommendationTopologyTest {
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final long MINUTE = 60_000;

    private final ClickEventSerde eventSerde = new ClickEventSerde();
    private final RecommendationSerde recommendationSerde = new RecommendationSerde();
    private final ModelLines lines = ModelLines.single("gru4rec");
    private final ModelSlot<OnnxModel> models = lines.slot("gru4rec");
    private final PopularityRanking popularity = new PopularityRanking(1);
    private final ServingStats stats = new ServingStats(TopologySettings.DEFAULT_TOP_K);

    private TopologyUnderTest<String> stream;

    @BeforeEach
    void buildTopology() {
        stream = TopologyUnderTest.start("topology-test", Serdes.String(),
                new TopologySettings(TOPICS, 3, Duration.ofMinutes(30), 3), lines, popularity, stats);
    }

    @AfterEach
    void close() {
        stream.close();
        lines.close();
    }

    private void click(String session, String item, long time) {
        stream.events().pipeInput(session, eventSerde.toBytes(ClickEvent.click(session, item, time)));
    }

    /** Clicks on {@code items} in {@code session}, one a minute from time 0. */
    private void clicksEachMinute(String session, String... items) {
        for (int i = 0; i < items.length; i++) {
            click(session, items[i], i * MINUTE);
        }
    }

    private SessionState stored(String key) {
        return stream.store().get(key);
    }

    private Recommendation nextRecommendation() {
        return recommendationSerde.fromBytes(stream.recommendations().readValue());
    }

    private void serve(long version) throws Exception {
        models.install(OnnxModel.load(TestBundles.successorModel("gru4rec", version, 10, 3, 3), ScoringOptions.cpu()));
    }

    private static List<String> ids(Recommendation r) {
        return r.items().stream().map(RecommendedItem::itemId).toList();
    }

    @Test
    void eventsKeyedByAnythingButTheirSessionAreResentUnderItAndAnsweredOnce() {
        TestOutputTopic<String, byte[]> rekeyed = stream.rekeyedEvents();
        stream.events().pipeInput("s1", eventSerde.toBytes(ClickEvent.click("s1", "item-1", 0)));
        stream.events().pipeInput("user-7", eventSerde.toBytes(ClickEvent.click("s1", "item-2", MINUTE)));
        stream.events().pipeInput((String) null,
                eventSerde.toBytes(new ClickEvent(null, "u-3", "item-5", 2 * MINUTE, null)));

        // the driver feeds what the keyer writes to the rekeyed topic back into the topology, as a broker would
        assertThat(rekeyed.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("s1", "user:u-3");
        assertThat(sessionPart(stored("s1")))
                .isEqualTo(new SessionState(List.of("item-1", "item-2"), MINUTE));
        assertThat(stored("user:u-3").items()).containsExactly("item-5");
        assertThat(stored("user:u-3").userId()).isEqualTo("u-3");
        assertThat(stream.recommendations().readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactly("s1", "s1", "user:u-3");
        assertThat(stats.rekeyedCount()).isEqualTo(2);
        assertThat(stream.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void malformedEventsAreNotRekeyedButDeadLetteredWithTheirReason() {
        TestOutputTopic<String, byte[]> rekeyed = stream.rekeyedEvents();
        stream.events().pipeInput("whatever", "{not json".getBytes());
        stream.events().pipeInput("whatever", "{\"sessionId\":\"s1\"}".getBytes());

        assertThat(rekeyed.isEmpty()).isTrue();
        assertThat(stream.deadLetters().readValuesToList()).hasSize(2);
        assertThat(stats.rekeyedCount()).isZero();
    }

    @Test
    void keepsTheLastLItemsOfASessionInTheStore() {
        clicksEachMinute("s1", "item-1", "item-2", "item-3", "item-4");
        assertThat(sessionPart(stored("s1")))
                .isEqualTo(new SessionState(List.of("item-2", "item-3", "item-4"), 3 * MINUTE));
        assertThat(stream.recommendations().readValuesToList()).hasSize(4);
    }

    @Test
    void aClickAfterTheInactivityGapStartsANewSession() {
        clicksEachMinute("s1", "item-1", "item-2");
        click("s1", "item-7", MINUTE + 31 * MINUTE);
        assertThat(sessionPart(stored("s1"))).isEqualTo(new SessionState(List.of("item-7"), 32 * MINUTE));
        assertThat(stored("s1").lastAnswer()).as("the list sent for item-7, not the old session's")
                .isEqualTo(ServedList.of(nthRecommendation(2)));
    }

    @Test
    void aClickWithinTheGapOfTheLastClickContinuesTheSessionEvenIfTheSessionStartedLongBefore() {
        click("s1", "item-1", 0);
        click("s1", "item-2", 25 * MINUTE);
        click("s1", "item-3", 50 * MINUTE);
        assertThat(stored("s1").items()).containsExactly("item-1", "item-2", "item-3");
    }

    @Test
    void answersFromPopularityBeforeAnyModelArrives() {
        click("a", "item-5", 0);
        click("b", "item-5", 0);
        click("c", "item-9", 0);
        List<Recommendation> answers = List.of(nextRecommendation(), nextRecommendation(), nextRecommendation());
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.modelName()).isEqualTo("popularity");
            assertThat(r.modelVersion()).isZero();
        });
        assertThat(ids(answers.get(2))).containsExactly("item-5", "item-9");
        assertThat(answers.get(2).items().get(0).score()).isEqualTo(2f);
        assertThat(stats.answers(AnswerSource.NO_MODEL)).isEqualTo(3);
        assertThat(stats.modelRecommendations()).isZero();
    }

    @Test
    void answersEachEventWithTheModelsTopKForTheWholeSession() throws Exception {
        serve(4);
        click("s1", "item-2", 0);
        click("s1", "item-6", MINUTE);
        TestRecord<String, byte[]> first = stream.recommendations().readRecord();
        Recommendation second = nextRecommendation();

        assertThat(first.key()).isEqualTo("s1");
        assertThat(ids(recommendationSerde.fromBytes(first.value()))).containsExactly("item-3", "item-4", "item-5");
        assertThat(ids(second)).containsExactly("item-7", "item-8", "item-9");
        assertThat(second.modelName()).isEqualTo("gru4rec");
        assertThat(second.modelVersion()).isEqualTo(4);
        assertThat(second.eventItemId()).isEqualTo("item-6");
        assertThat(second.eventTimestamp()).isEqualTo(MINUTE);
    }

    @Test
    void skipsUnknownItemsAndFallsBackWhenTheModelKnowsNoneOfTheSession() throws Exception {
        serve(1);
        click("s1", "item-3", 0);
        click("s1", "brand-new", MINUTE);
        click("s2", "also-new", 0);
        Recommendation first = nextRecommendation();
        Recommendation afterUnknown = nextRecommendation();
        Recommendation onlyUnknown = nextRecommendation();

        assertThat(ids(afterUnknown)).isEqualTo(ids(first)).containsExactly("item-4", "item-5", "item-6");
        assertThat(afterUnknown.modelVersion()).isEqualTo(1);
        assertThat(onlyUnknown.modelName()).isEqualTo("popularity");
        assertThat(stored("s1").items()).containsExactly("item-3", "brand-new");
        assertThat(stats.popularityRecommendations()).isEqualTo(1);
        assertThat(stats.answers(AnswerSource.UNKNOWN_ITEMS)).isEqualTo(1);
        assertThat(stats.modelRecommendations()).isEqualTo(2);
    }

    @Test
    void anInferenceFailureIsAnsweredFromPopularityAndCounted() throws Exception {
        OnnxModel broken = OnnxModel.load(TestBundles.successorModel("gru4rec", 1, 10, 3, 3), ScoringOptions.cpu());
        broken.close(); // a closed session refuses to run (in Java, before reaching native code)
        models.install(broken);
        click("s1", "item-1", 0);
        Recommendation answer = nextRecommendation();
        assertThat(answer.modelName()).isEqualTo("popularity");
        assertThat(ids(answer)).containsExactly("item-1");
        assertThat(stats.inferenceErrors()).isEqualTo(1);
        assertThat(stats.answers(AnswerSource.INFERENCE_ERROR)).isEqualTo(1);
    }

    @Test
    void theOutputCarriesTheInputRecordTimestampAndTheEventTimeFallsBackToIt() {
        stream.events().pipeInput(new TestRecord<>("s1",
                "{\"sessionId\":\"s1\",\"userId\":\"u1\",\"itemId\":\"item-1\"}".getBytes(StandardCharsets.UTF_8),
                java.time.Instant.ofEpochMilli(123_456)));
        TestRecord<String, byte[]> out = stream.recommendations().readRecord();
        Recommendation answer = recommendationSerde.fromBytes(out.value());
        assertThat(out.timestamp()).isEqualTo(123_456);
        assertThat(answer.eventTimestamp()).isEqualTo(123_456);
        assertThat(answer.userId()).isEqualTo("u1");
        assertThat(answer.sessionKey()).isEqualTo("s1");
        assertThat(answer.eventItemId()).isEqualTo("item-1");
        assertThat(sessionPart(stored("s1"))).isEqualTo(new SessionState(List.of("item-1"), 123_456, "u1"));
    }

    @Test
    void aSwapBetweenTwoEventsMakesTheNextAnswerNameTheNewVersion() throws Exception {
        serve(1);
        click("s1", "item-1", 0);
        serve(2);
        click("s1", "item-2", MINUTE);
        assertThat(nextRecommendation().modelVersion()).isEqualTo(1);
        assertThat(nextRecommendation().modelVersion()).isEqualTo(2);
    }

    @Test
    void malformedEventsGoToTheDeadLetterTopicUntouchedWithTheReason() {
        byte[] badJson = "{oops".getBytes(StandardCharsets.UTF_8);
        byte[] noItem = "{\"sessionId\":\"s1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] noSession = "{\"itemId\":\"item-1\"}".getBytes(StandardCharsets.UTF_8);
        stream.events().pipeInput("k1", badJson);
        stream.events().pipeInput("k2", noItem);
        click("s1", "item-1", 0);
        stream.events().pipeInput("k3", noSession);

        List<TestRecord<byte[], byte[]>> dead = stream.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(3);
        assertThat(dead.get(0).value()).isEqualTo(badJson);
        assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        assertThat(reason(dead.get(0))).startsWith("not valid JSON");
        assertThat(reason(dead.get(1))).isEqualTo("missing itemId");
        assertThat(reason(dead.get(2))).isEqualTo("missing both sessionId and userId");
        assertThat(new String(dead.get(2).headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(),
                StandardCharsets.UTF_8)).isEqualTo(TOPICS.events());
        assertThat(new String(dead.get(2).headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value(),
                StandardCharsets.UTF_8)).isEqualTo("3");
        assertThat(stream.recommendations().readValuesToList()).hasSize(1);
        assertThat(stored("k1")).isNull();
        assertThat(stats.deadLetteredCount()).isEqualTo(3);
    }

    @Test
    void tombstonesAndJsonNullAreDeadLetteredAndTheProducersHeadersAreKept() {
        stream.events().pipeInput(new TestRecord<>("k1", null,
                new org.apache.kafka.common.header.internals.RecordHeaders()
                .add("trace-id", "abc".getBytes(StandardCharsets.UTF_8)), java.time.Instant.ofEpochMilli(5)));
        stream.events().pipeInput("k2", "null".getBytes(StandardCharsets.UTF_8));
        stream.events().pipeInput("k3", "[1,2]".getBytes(StandardCharsets.UTF_8));

        List<TestRecord<byte[], byte[]>> dead = stream.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(3);
        assertThat(dead.get(0).value()).isNull();
        assertThat(dead.get(0).timestamp()).isEqualTo(5);
        assertThat(dead.get(0).headers().lastHeader("trace-id").value()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(reason(dead.get(0))).isEqualTo("no value (tombstone)");
        assertThat(reason(dead.get(1))).isEqualTo("value is JSON null");
        assertThat(reason(dead.get(2))).startsWith("not valid JSON");
        assertThat(new String(dead.get(2).headers().lastHeader(DeadLetterHeaders.SOURCE_PARTITION).value(),
                StandardCharsets.UTF_8)).isEqualTo("0");
        assertThat(stream.recommendations().isEmpty()).isTrue();
    }

    @Test
    void everyInputRecordYieldsExactlyOneOutputRecord() throws Exception {
        serve(1);
        int good = 0;
        int bad = 0;
        for (int i = 0; i < 60; i++) {
            if (i % 7 == 3) {
                stream.events().pipeInput("bad-" + i, ("garbage " + i).getBytes(StandardCharsets.UTF_8));
                bad++;
            } else {
                click("s" + (i % 5), "item-" + (i % 10 + 1), i * MINUTE / 10);
                good++;
            }
        }
        assertThat(stream.recommendations().readValuesToList()).hasSize(good);
        assertThat(stream.deadLetters().readValuesToList()).hasSize(bad);
        assertThat(stats.eventsIn()).isEqualTo(60);
        assertThat(stats.recommendationsOut() + stats.deadLetteredCount()).isEqualTo(60);
    }

    @Test
    void sessionlessEventsAreKeptPerUser() {
        stream.events().pipeInput("u7",
                "{\"userId\":\"u7\",\"itemId\":\"item-1\",\"timestamp\":1}".getBytes(StandardCharsets.UTF_8));
        Recommendation r = nextRecommendation();
        assertThat(r.sessionKey()).isEqualTo("user:u7");
        assertThat(stored("user:u7").items()).containsExactly("item-1");
    }

    private void serveStateful(long version) throws Exception {
        models.install(OnnxModel.load(TestBundles.statefulSuccessorModel("gru4rec", version, 10, 3, 3),
                ScoringOptions.cpu()));
    }

    @Test
    void aModelWithAStepGraphAdvancesTheSessionsStateByOneStepPerEvent() throws Exception {
        serveStateful(1);
        clicksEachMinute("s1", "item-1", "item-2", "item-3", "item-4");
        // The counter counts every event (4), although the session window L is 3: the state covers the whole session.
        assertThat(stored("s1").modelState().values()).containsExactly(4f);
        assertThat(stored("s1").modelState().belongsTo("gru4rec", 1)).isTrue();
        List<Recommendation> answers = stream.recommendations().readValuesToList().stream()
                .map(recommendationSerde::fromBytes).toList();
        assertThat(ids(answers.get(3))).containsExactly("item-5", "item-6", "item-7");
        assertThat(answers).extracting(Recommendation::modelVersion).containsOnly(1L);
    }

    @Test
    void afterASwapTheStateIsRebuiltFromTheRawItemsNotCarriedOverFromTheOldModel() throws Exception {
        serveStateful(1);
        for (int i = 1; i <= 4; i++) {
            click("s1", "item-" + i, i * MINUTE);
        }
        click("s2", "item-1", 0);
        assertThat(stored("s1").modelState().values()).containsExactly(4f);
        assertThat(stats.stateRebuilds()).as("new sessions start with a first step, not a rebuild").isZero();
        serveStateful(2);
        click("s1", "item-5", 5 * MINUTE);
        assertThat(stats.stateRebuilds()).isEqualTo(1);
        // Rebuilt by v2 from the last L = 3 raw items (3, 4, 5), not v1's counter plus one (5).
        assertThat(stored("s1").modelState().belongsTo("gru4rec", 2)).isTrue();
        assertThat(stored("s1").modelState().values()).containsExactly(3f);
        click("s1", "item-6", 6 * MINUTE);
        assertThat(stored("s1").modelState().values()).containsExactly(4f);
    }

    @Test
    void anUnknownItemKeepsTheModelStateAndANewSessionStartsWithoutOne() throws Exception {
        serveStateful(1);
        clicksEachMinute("s1", "item-1", "item-2", "not-in-vocabulary");
        assertThat(stored("s1").modelState().values()).as("the unknown item is not stepped").containsExactly(2f);
        click("s1", "item-7", 40 * MINUTE);
        assertThat(stored("s1").items()).containsExactly("item-7");
        assertThat(stored("s1").modelState().values()).containsExactly(1f);
    }

    /** The session itself, without the lists kept for online accuracy. */
    private static SessionState sessionPart(SessionState state) {
        return new SessionState(state.items(), state.lastEventTime(), state.userId(), state.modelState());
    }

    private Recommendation nthRecommendation(int index) {
        return recommendationSerde.fromBytes(stream.recommendations().readValuesToList().get(index));
    }

    private static String reason(TestRecord<byte[], byte[]> record) {
        return new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
    }
}
