package io.streamrec.streams.topology;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventSerde;
import io.streamrec.streams.serving.ServingStats;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Makes sure every event reaches the partition that owns its session. An event keyed by its session key (what
 * producers are asked to do) goes straight on to the click processor; one keyed by anything else, or by nothing, is
 * re-sent under its session key to the rekeyed-events topic, which the click processor also reads, so a session's
 * events still meet in one partition and one state store. Unparsable or invalid events go straight on: the click
 * processor dead-letters them with the reason.
 *
 * <p>The cost for well-keyed producers is one extra JSON parse per event; a mis-keyed event costs a trip through
 * Kafka, inside the same exactly-once transaction.
 */
final class SessionKeyer implements Processor<byte[], byte[], byte[], byte[]> {
    private final ClickEventSerde events = new ClickEventSerde();
    private final ServingStats stats;
    private ProcessorContext<byte[], byte[]> context;

    SessionKeyer(ServingStats stats) {
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ClickEvent event = parse(record.value());
        if (event == null || event.validationError().isPresent()) {
            context.forward(record, RecommendationTopology.PROCESSOR);
            return;
        }
        byte[] sessionKey = event.sessionKey().getBytes(StandardCharsets.UTF_8);
        if (Arrays.equals(sessionKey, record.key())) {
            context.forward(record, RecommendationTopology.PROCESSOR);
        } else {
            stats.eventRekeyed();
            context.forward(record.withKey(sessionKey), RecommendationTopology.REKEY_SINK);
        }
    }

    private ClickEvent parse(byte[] value) {
        try {
            return value == null ? null : events.fromBytes(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
