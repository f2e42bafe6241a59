package io.streamrec.torture;

/**
 * A record on the dead-letter topic, reduced to what names its input: the source topic, partition and offset from
 * its headers, and the identity of its bytes for one that came from another topic than the events topic (the
 * rekeyed-events topic: its offset there names no input the harness sent).
 *
 * @param sourcePartition -1 when the headers are missing or unreadable
 */
public record DeadLetter(String sourceTopic, int sourcePartition, long sourceOffset, Identity identity) {
}
