package io.streamrec.e2e;

import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EMBEDDING;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EPOCHS;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.HIDDEN_SIZE;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.SEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.model.TestBundles;
import io.streamrec.replay.EventReplayer;
import io.streamrec.replay.ReplayOrder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.streams.lines.ServingPlan;
import io.streamrec.trainer.ModelFamilies;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.gru4rec.Gru4RecFamily;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two kinds of model serving at once under an A/B split, with a third scored in the shadow, against the real
 * broker: GRU4Rec and Item2Vec, both trained by the Java trainer (GRU4Rec ships a step graph, so it serves from the
 * stored state; Item2Vec is a sequence graph over the last L items), and a last-item table as the shadow. Every event is answered exactly once, every session only ever by the line the split
 * assigns it, and {@code /stats} reports online HR@20 and MRR@20 for each line's model version and for the shadow.
 */
class AbTestEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int K = 20;

    @Test
    void twoKindsServeUnderASplitEachSessionStaysOnItsLineAndStatsCompareThemOnline(@TempDir Path dir)
            throws Exception {
        SessionDataset.Split split = SyntheticSessions.generate(new SyntheticSessions.Config(200, 2000, 11))
                .split(0.1);
        Gru4RecConfig config = Gru4RecConfig.defaults().with(EPOCHS, 1).with(HIDDEN_SIZE, 32).with(EMBEDDING, 32)
                .with(SEED, 3L);
        ModelBundle gru4rec = TrainingPipeline.run(new Gru4RecFamily(), new TrainingRequest(split.train(),
                split.test(), config.asMap(), "gru4rec", 1), s -> { }).bundle();
        List<String> catalogue = gru4rec.items();
        ModelBundle item2vec = TrainingPipeline.run(ModelFamilies.byKind("item2vec"), new TrainingRequest(
                split.train(), split.test(), Map.of("epochs", "10", "embedding_dim", "32", "sequence_length", "3"),
                "item2vec", 1), s -> { }).bundle();
        ModelBundle predecessor = TestBundles.lastItemModel("predecessor", 1, catalogue,
                nextInCatalogue(catalogue, -1), 20, K);

        List<Session> sessions = split.test().sessions().subList(0, 150);
        List<ClickEvent> events = ReplayOrder.inTimeOrder(sessions);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TopicCatalogue topics = E2e.topics(broker, "ab", 3);
            E2e.publish(broker, topics, gru4rec, item2vec, predecessor);
            StreamsAppConfig appConfig = E2e.config(broker, "ab", topics, dir)
                    .withServing(ServingPlan.parse("gru4rec=50,item2vec=50", "predecessor"));
            try (StreamsApp app = StreamsApp.start(appConfig)) {
                assertThat(app.awaitRunning(WAIT)).isTrue();
                assertThat(app.awaitModelVersion("gru4rec", 1, WAIT)).isTrue();
                assertThat(app.awaitModelVersion("item2vec", 1, WAIT)).isTrue();
                assertThat(app.awaitModelVersion("predecessor", 1, WAIT)).isTrue();
                try (EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
                    replayer.replay(events, 0, (i, e) -> { });
                }
                List<Recommendation> recs;
                try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topics.recommendations())) {
                    RecommendationSerde serde = new RecommendationSerde();
                    recs = reader.readAtLeast(events.size(), WAIT).stream().map(r -> serde.fromBytes(r.value()))
                            .toList();
                }

                // Exactly once: one answer per event, per session as many as it had clicks, no event twice.
                assertThat(recs).hasSize(events.size());
                assertThat(countBySession(recs)).isEqualTo(countByEventSession(events));
                Set<String> answered = new HashSet<>();
                recs.forEach(r -> assertThat(answered.add(r.sessionKey() + "|" + r.eventTimestamp() + "|"
                        + r.eventItemId())).as("answered once: " + r).isTrue());

                // Each session only ever answered by its assigned line, and by that line's own model.
                Map<String, Integer> perLine = new HashMap<>();
                for (Recommendation r : recs) {
                    String line = app.lineFor(r.sessionKey());
                    assertThat(r.modelLine()).as(r.sessionKey()).isEqualTo(line);
                    assertThat(r.modelName()).as(r.sessionKey()).isIn(line, Recommendation.POPULARITY);
                    perLine.merge(r.modelName(), 1, Integer::sum);
                }
                assertThat(perLine.getOrDefault("gru4rec", 0)).as("both lines served").isPositive();
                assertThat(perLine.getOrDefault("item2vec", 0)).isPositive();
                assertThat(app.stats().shadowScoredCount()).isEqualTo(events.size());

                // /stats: online accuracy per role and model version. Every click after a session's first is scored
                // against the list that session got before it, so the main role scores events - sessions clicks.
                Map<String, Object> stats = get(app, "/stats");
                List<Map<String, Object>> online = Json.mapper().convertValue(stats.get("onlineAccuracy"),
                        new TypeReference<>() { });
                Map<String, Map<String, Object>> byModel = new HashMap<>();
                online.forEach(a -> byModel.put(a.get("role") + " " + a.get("modelName") + " v"
                        + a.get("modelVersion"), a));
                assertThat(byModel).containsKeys("main gru4rec v1", "main item2vec v1", "shadow predecessor v1");
                long mainScored = online.stream().filter(a -> a.get("role").equals("main"))
                        .mapToLong(a -> ((Number) a.get("events")).longValue()).sum();
                assertThat(mainScored).isEqualTo(events.size() - sessions.size());
                assertThat(((Number) byModel.get("shadow predecessor v1").get("events")).longValue())
                        .isEqualTo(events.size() - sessions.size());
                for (Map<String, Object> a : online) {
                    double hr = ((Number) a.get("hitRate")).doubleValue();
                    double mrr = ((Number) a.get("mrr")).doubleValue();
                    assertThat(a.get("k")).isEqualTo(K);
                    assertThat(mrr).isBetween(0.0, hr);
                }
                // The live figures are exactly what the recommendations topic shows: for each answer, whether the
                // session's next click was in it, credited to the model that made the answer.
                Map<String, double[]> expected = onlineHitsFromTheTopic(recs, events);
                for (Map.Entry<String, double[]> e : expected.entrySet()) {
                    Map<String, Object> live = byModel.get("main " + e.getKey());
                    assertThat(live).as(e.getKey()).isNotNull();
                    assertThat(((Number) live.get("events")).longValue()).isEqualTo((long) e.getValue()[1]);
                    assertThat(((Number) live.get("hitRate")).doubleValue())
                            .isCloseTo(e.getValue()[0] / e.getValue()[1], within(1e-9));
                }
                // GRU4Rec learnt the generated sessions' structure; a fixed catalogue-order predecessor did not.
                assertThat(((Number) byModel.get("main gru4rec v1").get("hitRate")).doubleValue())
                        .isGreaterThan(((Number) byModel.get("shadow predecessor v1").get("hitRate")).doubleValue()
                                + 0.1);

                List<Map<String, Object>> models = Json.mapper().readValue(getBody(app, "/models"),
                        new TypeReference<>() { });
                assertThat(models).extracting(m -> m.get("line"))
                        .containsExactly("gru4rec", "item2vec", "predecessor");
            }
        }
    }

    /** A last-item table over the catalogue: after item i, item i + step first, then i + 2 step, ... (wrapping). */
    private static float[][] nextInCatalogue(List<String> catalogue, int step) {
        int n = catalogue.size();
        float[][] table = new float[n + 1][n + 1];
        for (int i = 1; i <= n; i++) {
            for (int d = 1; d <= n; d++) {
                int j = Math.floorMod(i - 1 + step * d, n) + 1;
                table[i][j] = Math.max(table[i][j], n - d + 1);
            }
        }
        return table;
    }

    /**
     * Per "model vVERSION": {hits, scored events}, where each answer of a session is scored against that session's
     * next click, as the app's online accuracy does.
     */
    private static Map<String, double[]> onlineHitsFromTheTopic(List<Recommendation> recs, List<ClickEvent> events) {
        Map<String, List<Recommendation>> bySession = new HashMap<>();
        for (Recommendation r : recs) {
            bySession.computeIfAbsent(r.sessionKey(), k -> new java.util.ArrayList<>()).add(r);
        }
        Map<String, double[]> hits = new HashMap<>();
        for (List<Recommendation> answers : bySession.values()) {
            answers.sort(java.util.Comparator.comparingLong(Recommendation::eventTimestamp));
            for (int i = 0; i + 1 < answers.size(); i++) {
                Recommendation previous = answers.get(i);
                String clicked = answers.get(i + 1).eventItemId();
                double[] h = hits.computeIfAbsent(previous.modelName() + " v" + previous.modelVersion(),
                        k -> new double[2]);
                if (previous.items().stream().limit(K).anyMatch(item -> item.itemId().equals(clicked))) {
                    h[0]++;
                }
                h[1]++;
            }
        }
        return hits;
    }

    private static Map<String, Object> get(StreamsApp app, String path) throws Exception {
        return Json.mapper().readValue(getBody(app, path), new TypeReference<>() { });
    }

    private static String getBody(StreamsApp app, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Map<String, Long> countBySession(List<Recommendation> recs) {
        Map<String, Long> counts = new HashMap<>();
        recs.forEach(r -> counts.merge(r.sessionKey(), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> countByEventSession(List<ClickEvent> events) {
        Map<String, Long> counts = new HashMap<>();
        events.forEach(e -> counts.merge(e.sessionKey(), 1L, Long::sum));
        return counts;
    }
}
