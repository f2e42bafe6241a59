package io.streamrec.torture;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Valid clicks at a steady rate on a pool of sessions, as a live site sends them, on a thread of its own. A small
 * share arrives under a wrong key, so that the app's rekeying path (and its transactions on the rekeyed-events
 * topic) stays busy too.
 */
public final class SteadyLoad implements AutoCloseable {
    /** How far behind schedule the sender may fall (a broker restart blocks it) before it stops catching up. */
    private static final long MAX_CATCH_UP_NANOS = 1_000_000_000L;

    private final EventSender sender;
    private final EventFactory events;
    private final Mutator mutator;
    private final Catalogue catalogue;
    private final String sessionPrefix;
    private final int sessions;
    private final double wrongKeyShare;
    private final Random random;
    private final long intervalNanos;
    private final AtomicLong sent = new AtomicLong();
    private final Loop loop = new Loop("torture-load", this::sendNext);
    /** When the next event is due (nanoTime): set as the loop starts, then the loop's own. */
    private long due;

    public SteadyLoad(EventSender sender, EventFactory events, Catalogue catalogue, String sessionPrefix, int sessions,
                      double ratePerSecond, double wrongKeyShare, Random random) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, not " + ratePerSecond);
        }
        this.sender = sender;
        this.events = events;
        this.mutator = new Mutator(random);
        this.catalogue = catalogue;
        this.sessionPrefix = sessionPrefix;
        this.sessions = sessions;
        this.wrongKeyShare = wrongKeyShare;
        this.random = random;
        this.intervalNanos = (long) (1e9 / ratePerSecond);
    }

    public SteadyLoad start() {
        due = System.nanoTime();
        loop.start();
        return this;
    }

    private void sendNext() {
        long now = System.nanoTime();
        if (due > now) {
            LockSupport.parkNanos(due - now);
        } else if (now - due > MAX_CATCH_UP_NANOS) {
            due = now;
        }
        due += intervalNanos;
        int session = random.nextInt(sessions);
        String sessionId = sessionPrefix + session;
        String user = "u-" + session % 997;
        FuzzRecord record = random.nextDouble() < wrongKeyShare
                ? mutator.mutate(sessionId, user, catalogue.random(random), events.nextTime(), Mutation.WRONG_KEY)
                : events.click(sessionId, user, catalogue.random(random));
        sender.send(record);
        sent.incrementAndGet();
    }

    public long sent() {
        return sent.get();
    }

    /** Stops sending, waits for the thread, and reports a failure it met. */
    @Override
    public void close() {
        loop.close();
    }
}
