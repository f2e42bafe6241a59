package io.streamrec.streams.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.streamrec.model.OnnxModel;
import io.streamrec.schemas.json.Json;
import io.streamrec.streams.health.HealthCheck;
import io.streamrec.streams.health.HealthReport;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.lines.ModelSlot;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.session.SessionState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same answers over HTTP, from the session state in this instance's store:
 * <ul>
 *   <li>{@code GET /recommendations/{sessionKey}}: the session's current recommendation from the model line it is
 *       routed to; 307 to the instance that owns the session when it is not this one; 404 when the session is
 *       unknown</li>
 *   <li>{@code GET /model}: the primary (first) line's model manifest, 404 before one arrived</li>
 *   <li>{@code GET /models}: every line with its role (split weight or shadow) and model manifest (null before one
 *       arrived)</li>
 *   <li>{@code GET /health}: UP, DEGRADED or DOWN with every problem in words ({@link HealthCheck}); 503 when
 *       DOWN, 200 otherwise, so that a liveness probe restarts only an instance that answers nothing</li>
 *   <li>{@code GET /ready}: 200 when this instance should receive queries (its stream runs, nothing is down, and
 *       models are there if required), 503 otherwise, with the same report</li>
 *   <li>{@code GET /stats}: this instance's counters</li>
 *   <li>{@code GET /metrics}: the same counters with the JVM's and Kafka's, in the Prometheus text format</li>
 * </ul>
 * Reading the state does not change it: asking twice gives the same answer, and the answer is the one the topic got
 * for the session's last event, computed again by the same rule from the stored state (see
 * {@link SessionRecommender#recommend}), as long as the model has not changed since (and, for a popularity answer,
 * as long as the counts have not). Only {@code servedAt} differs.
 *
 * <p>Every answer but {@code /metrics} is JSON, errors included: {@code {"error":"..."}} with 400 for a session key whose percent escapes
 * are malformed or not UTF-8 (a {@code +} is a plus, as in any URL path), 404 for any other path, 405 for methods
 * other than GET and HEAD (see {@link JsonHttpServer}).
 */
public final class RecommendationHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecommendationHttpServer.class);
    private static final String RECOMMENDATIONS = "/recommendations/";
    private static final String MODEL = "/model";
    private static final String MODELS = "/models";
    private static final String HEALTH = "/health";
    private static final String READY = "/ready";
    private static final String STATS = "/stats";
    private static final String METRICS = "/metrics";
    /** The Prometheus text format, version 0.0.4: what every Prometheus server reads. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Connections served at once; each request is a store read and one inference. */
    private static final int MAX_CONNECTIONS = 32;

    private final JsonHttpServer server;
    private final ObjectWriter json = Json.mapper().writer();

    private RecommendationHttpServer(JsonHttpServer server) {
        this.server = server;
    }

    /** Binds the port now, so Kafka Streams can be told this instance's address before it starts. */
    public static RecommendationHttpServer bind(String host, int port) throws IOException {
        return new RecommendationHttpServer(JsonHttpServer.bind(host, port, MAX_CONNECTIONS));
    }

    /**
     * The address other instances redirect to, which is also this instance's {@code application.server}. Bound to
     * every interface, the instance advertises its host name, which is what other containers or hosts resolve.
     */
    public HostInfo hostInfo() {
        InetSocketAddress address = server.address();
        String host = address.getAddress().isAnyLocalAddress() ? localHostName() : address.getHostString();
        return new HostInfo(host, address.getPort());
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public int port() {
        return server.address().getPort();
    }

    public void start(KafkaStreams streams, SessionRecommender recommender, ModelLines lines, ServingStats stats,
                      HealthCheck health) {
        start(SessionDirectory.of(streams), recommender, lines, stats, health);
    }

    /** Serves the sessions {@code sessions} finds. */
    void start(SessionDirectory sessions, SessionRecommender recommender, ModelLines lines, ServingStats stats,
               HealthCheck health) {
        HostInfo self = hostInfo();
        Endpoint recommendations = rawPath -> {
            String key = decodePath(rawPath.substring(RECOMMENDATIONS.length()));
            if (key.isEmpty()) {
                return error(400, "missing session key");
            }
            HostInfo owner = sessions.owner(key);
            if (HostInfo.unavailable().equals(owner)) {
                return error(503, "no instance owns session " + key + " right now (rebalancing); retry");
            }
            if (!owner.equals(self)) {
                return new Reply(307, Map.of("owner", owner.host() + ":" + owner.port()),
                        Map.of("Location", "http://" + owner.host() + ":" + owner.port() + rawPath));
            }
            SessionState state = sessions.stored(key);
            if (state == null) {
                return error(404, "unknown session " + key);
            }
            return new Reply(200, recommender.recommend(key, state).recommendation());
        };
        Map<String, Endpoint> exact = Map.of(
                MODEL, rawPath -> lines.slot(lines.primaryLine()).peek()
                        .<Reply>map(m -> new Reply(200, m.manifest()))
                        .orElseGet(() -> error(404, "no model has arrived yet; answers come from popularity")),
                MODELS, rawPath -> new Reply(200, describe(lines)),
                HEALTH, rawPath -> {
                    HealthReport report = health.report();
                    return new Reply(report.status() == HealthReport.Status.DOWN ? 503 : 200, report);
                },
                READY, rawPath -> {
                    HealthReport report = health.report();
                    return new Reply(report.ready() ? 200 : 503, report);
                },
                STATS, rawPath -> new Reply(200, stats.snapshot()),
                METRICS, rawPath -> new Reply(200, new Text(PROMETHEUS_TEXT, stats.registry().scrape())));
        server.start(request -> handle(request, exact, recommendations));
        log.info("HTTP on http://{}:{} (/recommendations/{{session}}, /model, /models, /health, /ready, /stats,"
                        + " /metrics)",
                self.host(),
                self.port());
    }

    private static List<Map<String, Object>> describe(ModelLines lines) {
        List<Map<String, Object>> all = new ArrayList<>();
        lines.plan().split().forEach(share -> all.add(describe(share.line(), "split", share.weight(),
                lines.slot(share.line()))));
        lines.shadowLine().ifPresent(shadow -> all.add(describe(shadow, "shadow", 0, lines.slot(shadow))));
        return all;
    }

    private static Map<String, Object> describe(String line, String role, int weight, ModelSlot<OnnxModel> slot) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", line);
        m.put("role", role);
        m.put("weight", weight);
        // Jackson writes a null manifest as an absent field (NON_NULL): a line without a model has none.
        m.put("manifest", slot.peek().map(OnnxModel::manifest).orElse(null));
        return m;
    }

    /** A body that is sent as it is, not as JSON. */
    private record Text(String contentType, String text) {
    }

    private record Reply(int status, Object body, Map<String, String> headers) {
        Reply(int status, Object body) {
            this(status, body, Map.of());
        }
    }

    /** One endpoint's answer to the request for {@code rawPath} (still percent-encoded). */
    private interface Endpoint {
        Reply reply(String rawPath) throws Exception;
    }

    /** A request the client must fix: answered 400 with the message. */
    static final class BadPath extends Exception {
        BadPath(String message) {
            super(message, null, false, false);
        }
    }

    private static Reply error(int status, String message) {
        return new Reply(status, Map.of("error", message));
    }

    private JsonHttpServer.Response handle(JsonHttpServer.Request request, Map<String, Endpoint> exact,
                                           Endpoint recommendations) {
        String rawPath = rawPath(request.target());
        Endpoint endpoint = rawPath == null ? null
                : rawPath.startsWith(RECOMMENDATIONS) ? recommendations : exact.get(rawPath);
        Reply reply;
        if (rawPath == null) {
            reply = error(400, "malformed request target");
        } else if (endpoint == null) {
            reply = error(404, "no such endpoint " + rawPath);
        } else if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            reply = error(405, "only GET is supported");
        } else {
            try {
                reply = endpoint.reply(rawPath);
            } catch (BadPath e) {
                reply = error(400, e.getMessage());
            } catch (InvalidStateStoreException e) {
                reply = error(503, "state store not queryable right now (" + e.getMessage() + "); retry");
            } catch (Exception e) {
                log.warn("HTTP request {} failed", request.target(), e);
                reply = error(500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        if (reply.body() instanceof Text text) {
            Map<String, String> headers = new LinkedHashMap<>(reply.headers());
            headers.put(JsonHttpServer.CONTENT_TYPE, text.contentType());
            return new JsonHttpServer.Response(reply.status(), text.text().getBytes(StandardCharsets.UTF_8), headers);
        }
        try {
            return new JsonHttpServer.Response(reply.status(), json.writeValueAsBytes(reply.body()), reply.headers());
        } catch (JsonProcessingException e) {
            log.warn("HTTP answer to {} could not be written as JSON", request.target(), e);
            return JsonHttpServer.error(500, "answer could not be written as JSON");
        }
    }

    /** The path of a request target, origin-form or absolute-form, without its query; null for any other form. */
    static String rawPath(String target) {
        String path = target;
        if (!path.startsWith("/")) {
            int scheme = path.indexOf("://");
            if (scheme <= 0) {
                return null;
            }
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /**
     * A path segment's text: {@code %XX} escapes decoded to bytes and the bytes read as UTF-8, strictly. A malformed
     * escape or bytes that are not UTF-8 are the client's mistake, not a key to look up.
     */
    static String decodePath(String raw) throws BadPath {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                // The server reads the request line as ISO-8859-1: each char is one byte the client sent.
                bytes.write(c);
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
            if (low < 0) {
                throw new BadPath("malformed % escape at index " + i + " of the session key; write % as %25");
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadPath("the session key's % escapes are not UTF-8");
        }
    }

    @Override
    public void close() {
        // Lets requests in flight finish for a moment; each is a store read and one inference.
        server.close();
    }
}
