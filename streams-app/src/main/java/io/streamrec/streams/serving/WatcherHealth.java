package io.streamrec.streams.serving;

import java.time.Instant;

/**
 * Whether the model watcher is doing its job, for a health check.
 *
 * @param alive      its thread runs
 * @param lastPollAt when it last asked the model topic for records, null before the first time
 * @param caughtUp   it is past start-up: it has read the model topic up to where it ended then (or given up on
 *                   that) and loaded what it found; from then on each bundle is handled as it arrives
 */
public record WatcherHealth(boolean alive, Instant lastPollAt, boolean caughtUp) {
}
