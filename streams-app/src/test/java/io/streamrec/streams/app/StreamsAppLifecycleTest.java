package io.streamrec.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Start and stop without a reachable broker: nothing may block start-up, and close must not hang or leak. */
class StreamsAppLifecycleTest {

    @Test
    @Timeout(60)
    void startsWithoutWaitingForABrokerOrAModelAndClosesPromptlyAndIdempotently(@TempDir Path stateDir)
            throws Exception {
        StreamsApp app = StreamsApp.start(StreamsAppConfig.defaults("127.0.0.1:1")
                .withApplicationId("lifecycle-test")
                .withStateDir(stateDir));
        try {
            assertThat(app.httpPort()).isPositive();
            assertThat(app.currentModel()).isEmpty();
            assertThat(app.awaitModelVersion(1, Duration.ofMillis(200))).isFalse();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // Started but without partitions, the client rebalances (degraded on its own), and the model watcher
            // cannot catch up with a model topic it cannot reach: down, and not ready for queries.
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"state\":\"REBALANCING\"").contains("\"status\":\"DOWN\"")
                    .contains("\"ready\":false").contains("the model watcher is still reading the model topic");
        } finally {
            long started = System.nanoTime();
            app.close();
            app.close();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
        }
    }

    @Test
    void withHttpOffThePortIsMinusOne(@TempDir Path stateDir) {
        try (StreamsApp app = StreamsApp.start(StreamsAppConfig.defaults("127.0.0.1:1")
                .withApplicationId("lifecycle-test-no-http")
                .withStateDir(stateDir)
                .withHttp("127.0.0.1", -1))) {
            assertThat(app.httpPort()).isEqualTo(-1);
        }
    }
}
