package io.streamrec.streams.app;

import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.topic.TopicCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything one streams-app instance is told. {@link #defaults(String)} gives production defaults; the
 * {@code with*} methods change one setting each.
 *
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
        String modelName,
        ScoringOptions scoring,
        long rocksDbMemoryBytes,
        String httpHost,
        int httpPort,
        Map<String, String> extraStreams) {

    public StreamsAppConfig {
        extraStreams = Map.copyOf(extraStreams);
    }

    public static StreamsAppConfig defaults(String bootstrapServers) {
        return new StreamsAppConfig(bootstrapServers, "streamrec", TopicCatalogue.defaults(),
                Path.of(System.getProperty("java.io.tmpdir"), "streamrec-state"), 20, Duration.ofMinutes(30), 20,
                "exactly_once_v2", 1, Duration.ofMillis(100), "gru4rec", ScoringOptions.cpu(),
                BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES, "127.0.0.1", 0, Map.of());
    }

    public StreamsAppConfig withApplicationId(String id) {
        return new StreamsAppConfig(bootstrapServers, id, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, modelName, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withTopics(TopicCatalogue t) {
        return new StreamsAppConfig(bootstrapServers, applicationId, t, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, modelName, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withStateDir(Path dir) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, dir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, modelName, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withSession(int length, Duration gap) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, length, gap, topK,
                processingGuarantee, streamThreads, commitInterval, modelName, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withTopK(int k) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, k,
                processingGuarantee, streamThreads, commitInterval, modelName, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withProcessingGuarantee(String guarantee) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                guarantee, streamThreads, commitInterval, modelName, scoring, rocksDbMemoryBytes, httpHost, httpPort,
                extraStreams);
    }

    public StreamsAppConfig withStreamThreads(int threads, Duration commit) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, threads, commit, modelName, scoring, rocksDbMemoryBytes, httpHost, httpPort,
                extraStreams);
    }

    public StreamsAppConfig withModel(String name, ScoringOptions options) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, name, options, rocksDbMemoryBytes, httpHost,
                httpPort, extraStreams);
    }

    public StreamsAppConfig withRocksDbMemoryBytes(long bytes) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, modelName, scoring, bytes, httpHost, httpPort,
                extraStreams);
    }

    public StreamsAppConfig withHttp(String host, int port) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, modelName, scoring, rocksDbMemoryBytes, host, port,
                extraStreams);
    }

    public StreamsAppConfig withExtraStreams(Map<String, String> extra) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topics, stateDir, sequenceLength, sessionGap, topK,
                processingGuarantee, streamThreads, commitInterval, modelName, scoring, rocksDbMemoryBytes, httpHost,
                httpPort, extra);
    }
}
