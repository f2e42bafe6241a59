package io.streamrec.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.streamrec.model.OnnxModel;
import io.streamrec.schemas.json.Json;
import io.streamrec.streams.health.HealthCheck;
import io.streamrec.streams.health.HealthSettings;
import io.streamrec.streams.serving.WatcherHealth;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.lines.ServingPlan;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.ModelSlot;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.topology.RecommendationTopology;
import io.streamrec.streams.topology.TopologySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints that need no running cluster: the streams client is created but never started, which is also what
 * an instance looks like before it joins its group. Redirects and store reads need a broker and are covered
 * end to end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one server for all: stopping one waits out its keep-alive connections
class RecommendationHttpServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final ModelLines lines = new ModelLines(ServingPlan.parse("gru4rec=3,caser=1", "sasrec"));
    private final ModelSlot<OnnxModel> models = lines.slot("gru4rec");
    private final ServingStats stats = new ServingStats();
    private KafkaStreams streams;
    private RecommendationHttpServer http;

    @BeforeAll
    void start(@TempDir Path stateDir) throws Exception {
        PopularityRanking popularity = new PopularityRanking();
        TopologySettings settings = TopologySettings.defaults(TopicCatalogue.defaults());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "http-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        http = RecommendationHttpServer.bind("127.0.0.1", 0);
        streams = new KafkaStreams(RecommendationTopology.build(settings, lines, popularity, stats), props);
        HealthCheck health = new HealthCheck(streams::state, () -> new WatcherHealth(true, Instant.now(), true),
                () -> 0, lines, HealthSettings.DEFAULT, () -> null, List.of());
        http.start(streams, new SessionRecommender(lines, popularity, stats, settings.topK()), lines, stats, health);
    }

    @AfterEach
    void retireTheModels() {
        lines.close();
    }

    @AfterAll
    void stop() {
        http.close();
        streams.close(Duration.ofSeconds(5));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUnavailableUntilTheStreamsClientRuns() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"DOWN\"").contains("\"state\":\"CREATED\"")
                .contains("the stream has not started");
        assertThat(health.headers().firstValue("Content-Type")).contains("application/json");
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"ready\":false");
    }

    @Test
    void modelIsNotFoundUntilOneServesThenItIsTheManifest() throws Exception {
        assertThat(get("/model").statusCode()).isEqualTo(404);
        models.install(OnnxModel.load(TestBundles.successorModel("gru4rec", 7, 10, 3, 3), ScoringOptions.cpu()));
        HttpResponse<String> model = get("/model");
        assertThat(model.statusCode()).isEqualTo(200);
        assertThat(model.body()).contains("\"name\":\"gru4rec\"").contains("\"version\":7");
    }

    @Test
    void modelsListsEveryLineWithItsRoleAndTheManifestOfTheLinesThatHaveOne() throws Exception {
        lines.slot("caser").install(OnnxModel.load(TestBundles.successorModel("caser", 2, 10, 3, 3),
                ScoringOptions.cpu()));
        HttpResponse<String> response = get("/models");
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> body = Json.mapper().readValue(response.body(), new TypeReference<>() { });
        assertThat(body).extracting(m -> m.get("line")).containsExactly("gru4rec", "caser", "sasrec");
        assertThat(body).extracting(m -> m.get("role")).containsExactly("split", "split", "shadow");
        assertThat(body).extracting(m -> m.get("weight")).containsExactly(3, 1, 0);
        assertThat(body.get(0)).doesNotContainKey("manifest");
        assertThat(((Map<?, ?>) body.get(1).get("manifest")).get("version")).isEqualTo(2);
    }

    @Test
    void statsAreTheCountersAsJson() throws Exception {
        HttpResponse<String> response = get("/stats");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"eventsIn\":0").contains("\"servingModel\":\"popularity\"")
                .contains("\"onlineAccuracy\":[]").contains("\"lines\":[]");
    }

    @Test
    void aSessionCannotBeLookedUpBeforeTheInstanceRunsSoTheAnswerIsRetryLater() throws Exception {
        assertThat(get("/recommendations/s1").statusCode()).isEqualTo(503);
        assertThat(get("/recommendations/").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyTheDocumentedEndpointsAndMethodsAnswer() throws Exception {
        assertThat(get("/modelz").statusCode()).isEqualTo(404);
        assertThat(get("/models/gru4rec").statusCode()).isEqualTo(404);
        assertThat(get("/stats/extra").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + "/stats")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
