package io.streamrec.streams.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamrec.streams.health.HealthCheck;
import io.streamrec.streams.health.HealthReport;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.session.SessionState;
import io.streamrec.streams.topology.TopologySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's Prometheus registry and what is bound to it besides the serving counters: JVM and process metrics,
 * the Kafka Streams client's own metrics (its consumers, producers and RocksDB stores among them), the session
 * store's size, each line's model version, and the health status. Every meter carries the application id as the
 * {@code application} label, so that a dashboard can tell deployments apart; Prometheus adds the instance.
 */
final class AppMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AppMetrics.class);
    private static final Duration KAFKA_REFRESH = Duration.ofSeconds(10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    AppMetrics(String applicationId) {
        registry.config().commonTags("application", applicationId);
        JvmGcMetrics gc = new JvmGcMetrics();
        closeables.add(gc);
        for (MeterBinder binder : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new JvmInfoMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            binder.bindTo(registry);
        }
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Binds what needs the running parts: called once, after they are made and before the stream starts. */
    void bind(KafkaStreams streams, ModelLines lines, ServingStats stats, HealthCheck health) {
        // Kafka Streams makes metrics as tasks and stores are assigned; the binder looks for new ones on this schedule
        // (every minute by default, too slow to show a rebalance's new tasks).
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamrec-kafka-metrics");
            t.setDaemon(true);
            return t;
        });
        closeables.add(refresh::shutdownNow);
        KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams, List.of(), refresh, KAFKA_REFRESH);
        closeables.add(kafka);
        kafka.bindTo(registry);
        Gauge.builder("streamrec.state.store.sessions", streams, AppMetrics::storedSessions)
                .description("Sessions in this instance's state store (RocksDB's estimate); NaN while it cannot be"
                        + " read (rebalancing)")
                .register(registry);
        lines.plan().lines().forEach(line -> Gauge.builder("streamrec.serving.model.version", stats,
                        s -> s.servingVersion(line))
                .description("The model version each line serves, 0 while it answers from popularity")
                .tags("line", line, "role", lines.shadowLine().filter(line::equals).isPresent() ? "shadow" : "split")
                .register(registry));
        for (HealthReport.Status status : HealthReport.Status.values()) {
            Gauge.builder("streamrec.health", health, h -> h.report().status() == status ? 1 : 0)
                    .description("1 for the status /health reports now, 0 for the others")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private static double storedSessions(KafkaStreams streams) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(TopologySettings.STATE_STORE,
                    QueryableStoreTypes.<String, SessionState>keyValueStore())).approximateNumEntries();
        } catch (RuntimeException e) {
            // Not queryable while partitions move or before the stream runs: no figure rather than a wrong one.
            return Double.NaN;
        }
    }

    /** The registry's contents in the Prometheus text format (version 0.0.4). */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing a metrics binder failed", e);
            }
        }
        registry.close();
    }
}
