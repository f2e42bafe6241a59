package io.streamrec.torture;

/**
 * One step repeated on a daemon thread of its own until closed: the load generator's and the prober's sending. Closing
 * waits for the step under way (a broker restart can hold a send for a while) and reports the failure that ended the
 * loop early, if one did.
 */
final class Loop implements AutoCloseable {
    private static final long JOIN_MILLIS = 90_000;

    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    Loop(String name, Runnable step) {
        this.thread = new Thread(() -> {
            try {
                while (running) {
                    step.run();
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops the loop, waits for it, and throws what ended it early, if anything did. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException(thread.getName() + " failed: " + failure.getMessage(), failure);
        }
    }
}
