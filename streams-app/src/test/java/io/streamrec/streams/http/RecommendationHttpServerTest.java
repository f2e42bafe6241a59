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
import io.streamrec.streams.lines.ModelSlot;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.topology.RecommendationTopology;
import io.streamrec.streams.topology.TopologySettings;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    private final ServingStats stats = new ServingStats(TopologySettings.DEFAULT_TOP_K);
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
    void metricsAreTheSameCountersInThePrometheusTextFormat() throws Exception {
        stats.eventIn();
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains("# TYPE streamrec_events_in_total counter\nstreamrec_events_in_total 1.0\n");
        assertThat(get("/stats").body()).contains("\"eventsIn\":1,");
    }

    @Test
    void aSessionCannotBeLookedUpBeforeTheInstanceRunsSoTheAnswerIsRetryLater() throws Exception {
        assertThat(get("/recommendations/s1").statusCode()).isEqualTo(503);
        assertThat(get("/recommendations/").statusCode()).isEqualTo(400);
    }

    /** Sends {@code request} as is on a new connection and returns everything the server wrote before closing it. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", http.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String rawGet(String target) throws Exception {
        return raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test
    void malformedPercentEscapesAreA400WithAJsonErrorNotTheJdksHtmlPage() throws Exception {
        for (String target : List.of("/recommendations/%zz", "/recommendations/%", "/recommendations/a%2",
                "/recommendations/%g1x")) {
            String response = rawGet(target);
            assertThat(response).as(target).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/json")
                    .contains("{\"error\":\"malformed % escape at index ").doesNotContain("<h1>");
        }
        assertThat(rawGet("/recommendations/%C0%AF")).startsWith("HTTP/1.1 400 ")
                .contains("{\"error\":\"the session key's % escapes are not UTF-8\"}");
    }

    @Test
    void sessionKeysArePercentDecodedAsUtf8AndAPlusIsAPlus() throws Exception {
        assertThat(RecommendationHttpServer.decodePath("caf%C3%A9+1")).isEqualTo("café+1");
        assertThat(RecommendationHttpServer.decodePath("a%2Fb%20c")).isEqualTo("a/b c");
        // Raw UTF-8 in the request line (read as ISO-8859-1, one char a byte) decodes like its escapes.
        assertThat(RecommendationHttpServer.decodePath(new String("café".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1))).isEqualTo("café");
        assertThat(RecommendationHttpServer.rawPath("http://host:8080/stats?x=1")).isEqualTo("/stats");
        assertThat(RecommendationHttpServer.rawPath("*")).isNull();
    }

    @Test
    void everyAnswerIsJsonEvenForPathsAndRequestsNoEndpointKnows() throws Exception {
        assertThat(rawGet("/")).startsWith("HTTP/1.1 404 ").contains("{\"error\":\"no such endpoint /\"}");
        assertThat(rawGet("*")).startsWith("HTTP/1.1 400 ").contains("malformed request target");
        assertThat(raw("NONSENSE\r\n\r\n")).startsWith("HTTP/1.1 400 ")
                .contains("{\"error\":\"malformed request line\"}");
        assertThat(raw("GET /stats HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")).startsWith("HTTP/1.1 411 ");
        assertThat(raw("GET /" + "x".repeat(9000) + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 414 ");
    }

    @Test
    void keepsAConnectionAliveAcrossRequestsAndAnswersHeadWithoutABody() throws Exception {
        String both = raw("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                + "HEAD /stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(both).startsWith("HTTP/1.1 503 ").contains("\"state\":\"CREATED\"");
        String head = both.substring(both.indexOf("HTTP/1.1 200 "));
        assertThat(head).contains("Content-Length: ").contains("Connection: close").endsWith("\r\n\r\n");
        assertThat(raw("GET /health HTTP/1.0\r\n\r\n")).contains("Connection: close");
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
