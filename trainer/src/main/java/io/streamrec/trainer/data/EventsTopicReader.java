package io.streamrec.trainer.data;

import io.streamrec.schemas.UserError;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventSerde;
import io.streamrec.schemas.topic.ClientProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the history a training run learns from straight off the events topic: every committed click from the
 * beginning of each partition up to its end at the moment of the call, grouped into sessions as the streams app
 * groups them: by {@link ClickEvent#sessionKey()}, in time order, a new session wherever a key's consecutive clicks
 * lie more than the session gap apart (a key's sessions are named {@code key_1}, {@code key_2}, ...). Records the
 * streams app would dead-letter (unparsable, or failing {@link ClickEvent#validationError()}) are skipped and
 * counted. It joins no consumer group and commits nothing, so it never disturbs the serving application.
 */
public final class EventsTopicReader {
    private static final ClickEventSerde EVENTS = new ClickEventSerde();

    /** The sessions, and how many records were read and skipped. */
    public record Result(SessionDataset sessions, long records, long skipped) {
    }

    private EventsTopicReader() {
    }

    /**
     * @param sessionGap  the inactivity that starts a new session: the streams app's {@code --session-gap}
     * @param pollTimeout how long one poll may wait; the read ends when every partition reached its end offset
     */
    public static Result read(String bootstrapServers, String topic, Duration sessionGap, Duration pollTimeout,
                              Consumer<String> progress) throws IOException {
        Properties props = ClientProperties.committedReader(bootstrapServers, "streamrec-trainer-history");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        SessionAccumulator sessions = new SessionAccumulator();
        long records = 0;
        long skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new UserError("topic " + topic + " does not exist on " + bootstrapServers,
                        "check --topic-prefix; `streamrec broker` creates streamrec's topics");
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            progress.accept(String.format("reading %s: %d partitions, up to %,d records", topic, partitions.size(),
                    total));
            long nextReport = 100_000;
            while (!reachedEnd(consumer, ends)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollTimeout)) {
                    records++;
                    ClickEvent event = parse(record.value());
                    if (event == null || event.validationError().isPresent()) {
                        skipped++;
                        continue;
                    }
                    long time = event.timestamp() != null ? event.timestamp() : record.timestamp();
                    sessions.add(event.sessionKey(), event.itemId().trim(), time);
                }
                if (records >= nextReport) {
                    progress.accept(String.format("read %,d records", records));
                    nextReport += 100_000;
                }
            }
        }
        progress.accept(String.format("read %,d records, skipped %,d malformed", records, skipped));
        if (sessions.isEmpty()) {
            throw new IOException("topic " + topic + " holds no valid click");
        }
        return new Result(sessions.build(sessionGap.toMillis()), records, skipped);
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The app's own decoding, so that exactly the records it would dead-letter are skipped; null for those. */
    private static ClickEvent parse(byte[] value) {
        try {
            return EVENTS.fromBytes(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
