package io.streamrec.streams.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record's own timestamp, or, for the rare record without a valid one, the partition's time (or the wall clock
 * before the partition has any). Kafka Streams' default extractor fails the stream thread on such a record, which
 * would make it a poison pill; skipping it instead would break "one output per input". The event's own
 * {@code timestamp} field is not read here: it is parsed, with every other field, in the processor, and stream
 * time drives nothing in this topology (no windows, no punctuators).
 */
public final class RecordTimeOrFallback implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.timestamp() >= 0) {
            return record.timestamp();
        }
        return partitionTime >= 0 ? partitionTime : System.currentTimeMillis();
    }
}
