package io.streamrec.streams.http;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamrec.model.OnnxModel;
import io.streamrec.schemas.json.Json;
import io.streamrec.streams.health.HealthCheck;
import io.streamrec.streams.health.HealthReport;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.serving.ModelSlot;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.session.SessionState;
import io.streamrec.streams.topology.TopologySettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
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
 * </ul>
 * Reading the state does not change it: asking twice gives the same answer, and the answer equals the one the topic
 * got for the session's last event as long as the model has not changed since (and, for a popularity answer, as
 * long as the counts have not). Only {@code servedAt} differs.
 */
public final class RecommendationHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecommendationHttpServer.class);
    private static final String RECOMMENDATIONS = "/recommendations/";
    private static final String MODEL = "/model";
    private static final String MODELS = "/models";
    private static final String HEALTH = "/health";
    private static final String READY = "/ready";
    private static final String STATS = "/stats";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectWriter json = Json.mapper().writer();

    private RecommendationHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds the port now, so Kafka Streams can be told this instance's address before it starts. */
    public static RecommendationHttpServer bind(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "streamrec-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        return new RecommendationHttpServer(server, executor);
    }

    /**
     * The address other instances redirect to, which is also this instance's {@code application.server}. Bound to
     * every interface, the instance advertises its host name, which is what other containers or hosts resolve.
     */
    public HostInfo hostInfo() {
        InetSocketAddress address = server.getAddress();
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
        return server.getAddress().getPort();
    }

    public void start(KafkaStreams streams, SessionRecommender recommender, ModelLines lines, ServingStats stats,
                      HealthCheck health) {
        HostInfo self = hostInfo();
        server.createContext(RECOMMENDATIONS, exchange -> handle(exchange, () -> {
            String key = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(RECOMMENDATIONS.length()),
                    StandardCharsets.UTF_8);
            if (key.isEmpty()) {
                return error(400, "missing session key");
            }
            KeyQueryMetadata owner = streams.queryMetadataForKey(TopologySettings.STATE_STORE, key,
                    Serdes.String().serializer());
            if (owner == null || HostInfo.unavailable().equals(owner.activeHost())) {
                return error(503, "no instance owns session " + key + " right now (rebalancing); retry");
            }
            if (!owner.activeHost().equals(self)) {
                HostInfo host = owner.activeHost();
                exchange.getResponseHeaders().add("Location", "http://" + host.host() + ":" + host.port()
                        + exchange.getRequestURI().getRawPath());
                return new Reply(307, Map.of("owner", host.host() + ":" + host.port()));
            }
            ReadOnlyKeyValueStore<String, SessionState> store = streams.store(StoreQueryParameters.fromNameAndType(
                    TopologySettings.STATE_STORE, QueryableStoreTypes.keyValueStore()));
            SessionState state = store.get(key);
            if (state == null) {
                return error(404, "unknown session " + key);
            }
            return new Reply(200, recommender.recommend(key, state).recommendation());
        }));
        server.createContext(MODEL, exchange -> handle(exchange, () -> lines.slot(lines.primaryLine()).peek()
                .<Reply>map(m -> new Reply(200, m.manifest()))
                .orElseGet(() -> error(404, "no model has arrived yet; answers come from popularity"))));
        server.createContext(MODELS, exchange -> handle(exchange, () -> new Reply(200, describe(lines))));
        server.createContext(HEALTH, exchange -> handle(exchange, () -> {
            HealthReport report = health.report();
            return new Reply(report.status() == HealthReport.Status.DOWN ? 503 : 200, report);
        }));
        server.createContext(READY, exchange -> handle(exchange, () -> {
            HealthReport report = health.report();
            return new Reply(report.ready() ? 200 : 503, report);
        }));
        server.createContext(STATS, exchange -> handle(exchange, () -> new Reply(200, stats.snapshot())));
        server.start();
        log.info("HTTP on http://{}:{} (/recommendations/{{session}}, /model, /models, /health, /ready, /stats)", self.host(),
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

    private record Reply(int status, Object body) {
    }

    private interface Handler {
        Reply reply() throws Exception;
    }

    private static Reply error(int status, String message) {
        return new Reply(status, Map.of("error", message));
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        Reply reply;
        String path = exchange.getRequestURI().getPath();
        String context = exchange.getHttpContext().getPath();
        if (!context.endsWith("/") && !path.equals(context)) {
            // Contexts match by prefix; "/models" or "/stats/x" are not endpoints.
            reply = error(404, "no such endpoint " + path);
        } else if (!"GET".equals(exchange.getRequestMethod())) {
            reply = error(405, "only GET is supported");
        } else {
            try {
                reply = handler.reply();
            } catch (InvalidStateStoreException e) {
                reply = error(503, "state store not queryable right now (" + e.getMessage() + "); retry");
            } catch (Exception e) {
                log.warn("HTTP request {} failed", exchange.getRequestURI(), e);
                reply = error(500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        byte[] body = json.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        // Let requests in flight finish for a moment; each is a store read and one inference.
        server.stop(1);
        executor.shutdownNow();
    }
}
