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
    private final Loop loop = new Loop("torture-probe", this::probe);
    private long next;

    /** Probes on sessions named {@code <prefix><n>}; the collector must pass answers to {@link #answered}. */
    public Prober(EventSender sender, EventFactory events, String prefix, String item) {
        this.sender = sender;
        this.events = events;
        this.prefix = prefix;
        this.item = item;
    }

    public Prober start(OutcomeCollector collector) {
        collector.addListener(this::answered);
        loop.start();
        return this;
    }

    private void probe() {
        String session = prefix + next++;
        sentAt.put(session, System.nanoTime());
        sender.send(events.click(session, "u-probe", item));
        Sleep.quietly(EVERY_MILLIS);
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

    /**
     * Waits for the first answer to a probe sent after {@code restartedAt} (nanoTime: the restarted process's start,
     * or the broker being back) and times it from then and from {@code disturbedAt} (the kill, or the broker's stop).
     */
    public RestartTiming recovery(long disturbedAt, long restartedAt, Duration wait) {
        OptionalLong answer = awaitFirstAnswerAfter(restartedAt, wait);
        return answer.isPresent()
                ? new RestartTiming((answer.getAsLong() - restartedAt) / 1e9, (answer.getAsLong() - disturbedAt) / 1e9)
                : new RestartTiming(Double.NaN, Double.NaN);
    }

    @Override
    public void close() {
        loop.close();
    }
}
