package io.streamrec.torture;

/** Sleeping for the harness's waits. */
final class Sleep {
    private Sleep() {
    }

    /** Sleeps; an interrupt (Ctrl-C) becomes an exception that ends the run. */
    static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sleeps on a background thread, whose loop checks its own stop flag: an interrupt only cuts the sleep short. */
    static void quietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
