package io.streamrec.torture;

/**
 * One event the broker acknowledged on the events topic.
 *
 * @param identity what its answer will carry, or null when the app should dead-letter it
 * @param mutation what spoilt it, or null for a valid event
 */
public record SentRecord(int partition, long offset, Identity identity, Mutation mutation) {
}
