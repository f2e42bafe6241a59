package io.streamrec.torture;

import com.fasterxml.jackson.core.type.TypeReference;
import io.streamrec.schemas.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The app's {@code /stats} endpoint: which model it serves, how many bundles it loaded and refused. */
public final class AppStats {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI uri;

    public AppStats(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/stats");
    }

    /** The figures, or empty while the app is not answering. */
    public Optional<Map<String, Object>> fetch() {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(Json.mapper().readValue(response.body(), new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static long number(Map<String, Object> stats, String key) {
        Object value = stats.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
