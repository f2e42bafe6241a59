package io.streamrec.bench;

import io.streamrec.streams.app.BoundedRocksDbMemory;
import io.streamrec.streams.app.StreamsAppConfig;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties the streams app gives itself for a configuration, for the ceiling topology to run
 * under the same ones: a comparison with a different commit interval, guarantee, linger or RocksDB budget would
 * measure the settings, not streamrec. A copy of the app's settings (its own method is internal to the app), minus
 * the HTTP endpoint's, which the benchmark turns off; keep the two in step.
 */
final class AppStreamsProperties {
    private AppStreamsProperties() {
    }

    static Properties of(StreamsAppConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.streamThreads()));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.commitInterval().toMillis()));
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        p.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(config.rocksDbMemoryBytes()));
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        p.putAll(config.extraStreams());
        return p;
    }
}
