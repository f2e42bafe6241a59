package io.streamrec.torture;

/**
 * One record for the events topic, exactly as it will be sent.
 *
 * @param key       null for a record without a key
 * @param value     null for a tombstone
 * @param timestamp the record's Kafka timestamp: the event's unique time, also where the app takes the event time
 *                  from when the value has none
 * @param mutation  what was done to a valid event to make it, or null when it is valid as generated
 */
public record FuzzRecord(byte[] key, byte[] value, long timestamp, Mutation mutation) {
}
