package io.streamrec.torture;

import io.streamrec.schemas.recommendation.Recommendation;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times how soon the app answers again after a disturbance: every 100 ms a click on a fresh session (so it depends on
 * no earlier state), its send time kept; the collector reports when each answer became visible. The first new answer
 * after time t is the earliest answer to a probe sent at or after t.
 */
public final class Prober implements AutoCloseable {
    private static final long EVERY_MILLIS = 100;

    private final EventSender sender;
    private final EventFactory events;
    private final String item;
    private final String prefix;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long next;

    /** Probes on sessions named {@code <prefix><n>}; the collector must pass answers to {@link #answered}. */
    public Prober(EventSender sender, EventFactory events, String prefix, String item) {
        this.sender = sender;
        this.events = events;
        this.prefix = prefix;
        this.item = item;
        this.thread = new Thread(this::run, "torture-probe");
        this.thread.setDaemon(true);
    }

    public Prober start(OutcomeCollector collector) {
        collector.addListener(this::answered);
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            String session = prefix + next++;
            sentAt.put(session, System.nanoTime());
            sender.send(events.click(session, "u-probe", item));
            Sleep.quietly(EVERY_MILLIS);
        }
    }

    void answered(Recommendation answer, long seenNanos) {
        if (answer.sessionKey().startsWith(prefix)) {
            answeredAt.putIfAbsent(answer.sessionKey(), seenNanos);
        }
    }

    /** When the first answer to a probe sent at or after {@code sinceNanos} was seen, if one was. */
    public OptionalLong firstAnswerAfter(long sinceNanos) {
        long first = Long.MAX_VALUE;
        for (Map.Entry<String, Long> answer : answeredAt.entrySet()) {
            Long sent = sentAt.get(answer.getKey());
            if (sent != null && sent >= sinceNanos && answer.getValue() < first) {
                first = answer.getValue();
            }
        }
        return first == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(first);
    }

    /** Waits up to {@code timeout} for {@link #firstAnswerAfter}. */
    public OptionalLong awaitFirstAnswerAfter(long sinceNanos, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong first = firstAnswerAfter(sinceNanos);
            if (first.isPresent()) {
                return first;
            }
            Sleep.millis(20);
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(90_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
