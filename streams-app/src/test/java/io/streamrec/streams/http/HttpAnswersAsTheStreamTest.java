package io.streamrec.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventSerde;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.health.HealthCheck;
import io.streamrec.streams.health.HealthSettings;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.lines.ServingPlan;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.serving.WatcherHealth;
import io.streamrec.streams.session.SessionState;
import io.streamrec.streams.topology.TopologySettings;
import io.streamrec.streams.topology.TopologyUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP answer of a stored session is the stream's answer to its last event, items and scores, for sessions
 * longer than the L items the store keeps. The stream is the production topology under a test driver, the answer
 * comes over HTTP from the server reading the driver's store, and the models are real ONNX graphs: a step-graph
 * model whose answer shows how many clicks its state has seen (stepping 7 clicks, replaying the last 3 and the
 * sequence graph all answer differently) on one line of an A/B split, a sequence-only model on the other.
 */
class HttpAnswersAsTheStreamTest {
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final int L = 3;
    private static final int ITEMS = 10;
    private static final long SECOND = 1_000;

    private final ClickEventSerde eventSerde = new ClickEventSerde();
    private final RecommendationSerde recommendationSerde = new RecommendationSerde();
    private final HttpClient client = HttpClient.newHttpClient();
    private final ModelLines lines = new ModelLines(ServingPlan.parse("gru4rec=1,caser=1", null));
    private final PopularityRanking popularity = new PopularityRanking(1);
    private final ServingStats stats = new ServingStats(L);
    private TopologyUnderTest<String> stream;
    private RecommendationHttpServer http;

    @BeforeEach
    void start() throws Exception {
        lines.slot("gru4rec").install(OnnxModel.load(TestBundles.shiftingSuccessorModel("gru4rec", 1, ITEMS, L, L),
                ScoringOptions.cpu()));
        lines.slot("caser").install(OnnxModel.load(TestBundles.successorModel("caser", 1, ITEMS, L, L),
                ScoringOptions.cpu()));
        TopologySettings settings = new TopologySettings(TOPICS, L, Duration.ofMinutes(30), L);
        stream = TopologyUnderTest.start("http-as-stream-test", Serdes.String(), settings, lines, popularity, stats);
        KeyValueStore<String, SessionState> store = stream.store();

        http = RecommendationHttpServer.bind("127.0.0.1", 0);
        HostInfo self = http.hostInfo();
        SessionDirectory local = new SessionDirectory() {
            @Override
            public HostInfo owner(String sessionKey) {
                return self;
            }

            @Override
            public SessionState stored(String sessionKey) {
                return store.get(sessionKey);
            }
        };
        HealthCheck health = new HealthCheck(() -> KafkaStreams.State.RUNNING,
                () -> new WatcherHealth(true, Instant.now(), true), () -> 0, lines, HealthSettings.DEFAULT,
                () -> null, List.of());
        http.start(local, new SessionRecommender(lines, popularity, stats, settings.topK()), lines, stats, health);
    }

    @AfterEach
    void stop() {
        http.close();
        stream.close();
        lines.close();
    }

    private Recommendation overHttp(String session) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + "/recommendations/" + session)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return recommendationSerde.fromBytes(response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the sessions' clicks interleaved, one round of every session at a time, so batches mix sessions. */
    private Map<String, Recommendation> replay(Map<String, List<String>> sessions) {
        int longest = sessions.values().stream().mapToInt(List::size).max().orElse(0);
        long time = 0;
        for (int round = 0; round < longest; round++) {
            for (Map.Entry<String, List<String>> session : sessions.entrySet()) {
                if (round < session.getValue().size()) {
                    time += SECOND;
                    ClickEvent click = ClickEvent.click(session.getKey(), session.getValue().get(round), time);
                    stream.events().pipeInput(session.getKey(), eventSerde.toBytes(click), time);
                }
            }
        }
        Map<String, Recommendation> last = new LinkedHashMap<>();
        for (TestRecord<String, byte[]> answer : stream.recommendations().readRecordsToList()) {
            last.put(answer.key(), recommendationSerde.fromBytes(answer.value()));
        }
        return last;
    }

    private static List<String> ids(Recommendation r) {
        return r.items().stream().map(RecommendedItem::itemId).toList();
    }

    /** The first {@code count} session keys that the split routes to {@code line}. */
    private List<String> sessionsOf(String line, int count) {
        return IntStream.iterate(0, i -> i + 1).mapToObj(i -> "s-" + i).filter(key -> lines.lineFor(key).equals(line))
                .limit(count).toList();
    }

    @Test
    void aSessionOfSevenClicksIsAnsweredOverHttpAsTheStreamAnsweredItsLastClick() throws Exception {
        List<String> stepped = sessionsOf("gru4rec", 4);
        List<String> sequenced = sessionsOf("caser", 2);
        Map<String, List<String>> sessions = new LinkedHashMap<>();
        sessions.put(stepped.get(0), List.of("item-1", "item-2", "item-3", "item-4", "item-5", "item-6", "item-7"));
        sessions.put(stepped.get(1), List.of("item-9", "item-3", "item-3", "item-8", "item-1", "item-6", "item-2"));
        // The last click unknown: the state stays, the sequence graph answers; both must survive the store.
        sessions.put(stepped.get(2), List.of("item-5", "item-6", "item-7", "item-8", "item-9", "item-10", "new-1"));
        // An unknown click inside the session: stepped over, then stepping resumes on the kept state.
        sessions.put(stepped.get(3), List.of("item-2", "item-4", "new-2", "item-6", "item-8", "item-10", "item-2"));
        sessions.put(sequenced.get(0), List.of("item-1", "item-3", "item-5", "item-7", "item-9", "item-2", "item-4"));
        sessions.put(sequenced.get(1), List.of("item-4", "item-4", "item-4", "item-4", "item-4", "new-3", "item-5"));

        Map<String, Recommendation> stream = replay(sessions);

        // The stream's state saw all seven clicks, although the store keeps three items: the top item is seven
        // places after item-7 and every score carries the count. Neither the last three items replayed (item-10,
        // 13) nor the sequence graph (item-8, 10) answers this, so the comparisons below pin the stored state.
        Recommendation whole = stream.get(stepped.get(0));
        assertThat(ids(whole)).containsExactly("item-4", "item-5", "item-6");
        assertThat(whole.items().get(0).score()).isEqualTo(17f);
        assertThat(stream.get(stepped.get(2)).items().get(0).score()).as("sequence graph").isEqualTo(10f);

        assertThat(stream).hasSize(sessions.size());
        for (String session : sessions.keySet()) {
            Recommendation expected = stream.get(session);
            Recommendation actual = overHttp(session);
            assertThat(actual.items()).as("items and scores of %s", session).isEqualTo(expected.items());
            assertThat(actual.modelName()).isEqualTo(expected.modelName());
            assertThat(actual.modelVersion()).isEqualTo(expected.modelVersion());
            assertThat(actual.modelLine()).isEqualTo(expected.modelLine());
            assertThat(actual.eventItemId()).isEqualTo(expected.eventItemId());
            assertThat(actual.eventTimestamp()).isEqualTo(expected.eventTimestamp());
            // Asking twice changes nothing.
            assertThat(overHttp(session).items()).isEqualTo(expected.items());
        }
        assertThat(stats.modelRecommendations()).isEqualTo(42);
    }
}
