package io.streamrec.streams.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /health} answers: the worst status found, every problem in words, and the facts behind them.
 *
 * @param status   the worst of the problems' statuses, {@link Status#UP} without any
 * @param ready    whether this instance should receive HTTP queries now: its stream runs, nothing is down, and the
 *                 model lines have models when the operator requires them
 * @param problems one line per problem, worst first
 * @param details  the state, each line's model and the input check, for a person to read
 */
public record HealthReport(Status status, boolean ready, List<String> problems, Map<String, Object> details) {

    public enum Status {
        /** Answering as configured. */
        UP,
        /** Answering, but not as configured or not for long: someone should look. */
        DEGRADED,
        /** Not answering: restarting the instance may help, and a load balancer should stop using it. */
        DOWN
    }

    public HealthReport {
        problems = List.copyOf(problems);
        // in the order given: state first, as a person reads it
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
