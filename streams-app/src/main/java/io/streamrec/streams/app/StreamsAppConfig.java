package io.streamrec.streams.app;

import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.lines.ServingPlan;
import io.streamrec.streams.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one streams-app instance is told. {@link #defaults(String)} gives the defaults (application id
 * {@code streamrec}, {@code streamrec-*} topics, L 20, session gap 30 min, top 20, exactly-once v2, one stream thread,
 * commit every 100 ms, model line {@code gru4rec} alone on CPU with 1/1 threads, 64 MB for RocksDB, HTTP on a free
 * port of 127.0.0.1); the {@code with*} methods change one setting each.
 *
 * @param serving      the model lines: a traffic split over one or more lines and an optional shadow line
 * @param commitInterval Kafka Streams commit interval; under exactly-once, answers become visible to
 *                       read-committed consumers only at commits, so this bounds their added latency
 * @param rocksDbMemoryBytes block cache plus memtables shared by every RocksDB store of the process
 * @param httpHost     HTTP bind address; bound to every interface (0.0.0.0), the host name is advertised instead
 * @param httpPort     HTTP port; 0 picks a free one, -1 turns HTTP off
 * @param extraStreams further Kafka Streams properties, applied last
 */
public record StreamsAppConfig(
        String bootstrapServers,
        String applicationId,
        TopicCatalogue topics,
        Path stateDir,
        int sequenceLength,
        Duration sessionGap,
        int topK,
        String processingGuarantee,
        int streamThreads,
        Duration commitInterval,
        ServingPlan serving,
        ScoringOptions scoring,
        long rocksDbMemoryBytes,
        String httpHost,
        int httpPort,
        Map<String, String> extraStreams) {

    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    public static final String AT_LEAST_ONCE = "at_least_once";

    public StreamsAppConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(httpHost, "httpHost");
        // Fail at configuration time, with the setting's name, rather than deep inside Kafka Streams.
        topologySettings(topics, sequenceLength, sessionGap, topK);
        if (!EXACTLY_ONCE_V2.equals(processingGuarantee) && !AT_LEAST_ONCE.equals(processingGuarantee)) {
            throw new IllegalArgumentException("processingGuarantee must be " + EXACTLY_ONCE_V2 + " or "
                    + AT_LEAST_ONCE + ", not " + processingGuarantee);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("streamThreads must be at least 1");
        }
        if (commitInterval == null || commitInterval.isNegative()) {
            throw new IllegalArgumentException("commitInterval must be zero or positive");
        }
        if (rocksDbMemoryBytes < 1024 * 1024) {
            throw new IllegalArgumentException("rocksDbMemoryBytes must be at least 1 MB");
        }
        if (httpPort < -1 || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be -1 (off), 0 (any free port) or a port number");
        }
        extraStreams = Map.copyOf(extraStreams);
    }

    /** What shapes the topology, taken from this configuration. */
    public TopologySettings topologySettings() {
        return topologySettings(topics, sequenceLength, sessionGap, topK);
    }

    private static TopologySettings topologySettings(TopicCatalogue topics, int sequenceLength, Duration sessionGap,
                                                     int topK) {
        return new TopologySettings(topics, sequenceLength, sessionGap, topK);
    }

    public static StreamsAppConfig defaults(String bootstrapServers) {
        return new StreamsAppConfig(bootstrapServers, "streamrec", TopicCatalogue.defaults(),
                Path.of(System.getProperty("java.io.tmpdir"), "streamrec-state"), 20, Duration.ofMinutes(30), 20,
                EXACTLY_ONCE_V2, 1, Duration.ofMillis(100), ServingPlan.single("gru4rec"), ScoringOptions.cpu(),
                BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES, "127.0.0.1", 0, Map.of());
    }

    public StreamsAppConfig withApplicationId(String id) {
        return new StreamsAppConfig(bootstrapServers, id, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, serving, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withTopics(TopicCatalogue t) {
        return new StreamsAppConfig(bootstrapServers, applicationId, t, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, serving, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withStateDir(Path dir) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, dir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, serving, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withSession(int length, Duration gap) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, length, gap, topK,
                processingGuarantee, streamThreads, commitInterval, serving, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withTopK(int k) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, k,
                processingGuarantee, streamThreads, commitInterval, serving, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withProcessingGuarantee(String guarantee) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                guarantee, streamThreads, commitInterval, serving, scoring, rocksDbMemoryBytes, httpHost, httpPort,
                extraStreams);
    }

    public StreamsAppConfig withStreamThreads(int threads, Duration commit) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, threads, commit, serving, scoring, rocksDbMemoryBytes, httpHost, httpPort,
                extraStreams);
    }

    public StreamsAppConfig withStreamThreads(int threads) {
        return withStreamThreads(threads, commitInterval);
    }

    public StreamsAppConfig withCommitInterval(Duration commit) {
        return withStreamThreads(streamThreads, commit);
    }

    /** One model line, {@code name}, answers every session (no split, no shadow). */
    public StreamsAppConfig withModel(String name, ScoringOptions options) {
        return withServing(ServingPlan.single(name)).withScoring(options);
    }

    /** The model lines: a traffic split, e.g. {@code ServingPlan.parse("gru4rec=50,caser=50", "sasrec")}. */
    public StreamsAppConfig withServing(ServingPlan plan) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, plan, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withScoring(ScoringOptions options) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, serving, options, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    /** The primary (first) model line's name; the only one without a split. */
    public String modelName() {
        return serving.primaryLine();
    }

    public StreamsAppConfig withRocksDbMemoryBytes(long bytes) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, serving, scoring, bytes, httpHost, httpPort,
                extraStreams);
    }

    public StreamsAppConfig withHttp(String host, int port) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, serving, scoring, rocksDbMemoryBytes, host, port,
                extraStreams);
    }

    public StreamsAppConfig withExtraStreams(Map<String, String> extra) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, serving, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extra);
    }
}
