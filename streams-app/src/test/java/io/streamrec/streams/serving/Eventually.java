package io.streamrec.streams.serving;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting, in this package's tests, for what a component's own thread does. */
final class Eventually {
    private static final long PAUSE_NANOS = Duration.ofMillis(10).toNanos();

    private Eventually() {
    }

    /** Whether {@code condition} comes to hold within {@code timeout}; checked every few milliseconds. */
    static boolean holds(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean holds = condition.getAsBoolean();
        while (!holds && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(PAUSE_NANOS);
            holds = condition.getAsBoolean();
        }
        return holds;
    }
}
