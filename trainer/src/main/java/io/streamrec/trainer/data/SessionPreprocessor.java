package io.streamrec.trainer.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The standard GRU4Rec filtering and time split (Hidasi et al., ICLR 2016, and its preprocessing script), each step
 * a named option with the standard default:
 * <ol>
 *   <li>drop sessions shorter than {@code minSessionLength} (2: single clicks have nothing to predict);</li>
 *   <li>drop the clicks on items with fewer than {@code minItemSupport} clicks (5);</li>
 *   <li>drop sessions shorter than {@code minSessionLength} again;</li>
 *   <li>split by time: the test set is the sessions whose last click is in the final {@code testPeriodSeconds}
 *       (86,400: one day) of the data, that is at or after {@code tmax - testPeriodSeconds}; the rest is training;</li>
 *   <li>drop test clicks on items the training set never saw, then test sessions shorter than
 *       {@code minTestSessionLength} (2).</li>
 * </ol>
 * The counts after each step come back with the split.
 */
public final class SessionPreprocessor {

    /**
     * @param minSessionLength     sessions shorter than this are dropped, before and after the item filter
     * @param minItemSupport       items with fewer clicks than this (after the first session filter) are dropped
     * @param testPeriodSeconds    sessions ending within this many seconds of the last click form the test set
     * @param minTestSessionLength test sessions shorter than this after dropping unseen items are dropped
     */
    public record Options(int minSessionLength, int minItemSupport, long testPeriodSeconds, int minTestSessionLength) {
        public static final int DEFAULT_MIN_SESSION_LENGTH = 2;
        public static final int DEFAULT_MIN_ITEM_SUPPORT = 5;
        public static final long DEFAULT_TEST_PERIOD_SECONDS = 86_400;
        public static final int DEFAULT_MIN_TEST_SESSION_LENGTH = 2;

        public Options {
            if (minSessionLength < 1 || minItemSupport < 1 || testPeriodSeconds <= 0 || minTestSessionLength < 1) {
                throw new IllegalArgumentException("lengths and support must be >= 1 and the test period positive: "
                        + minSessionLength + ", " + minItemSupport + ", " + testPeriodSeconds + ", "
                        + minTestSessionLength);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_MIN_SESSION_LENGTH, DEFAULT_MIN_ITEM_SUPPORT, DEFAULT_TEST_PERIOD_SECONDS,
                    DEFAULT_MIN_TEST_SESSION_LENGTH);
        }
    }

    /** What remained after one step. */
    public record Step(String name, long sessions, long events, long items) {
        static Step of(String name, List<Session> sessions) {
            Set<String> items = new HashSet<>();
            long events = 0;
            for (Session s : sessions) {
                items.addAll(s.items());
                events += s.length();
            }
            return new Step(name, sessions.size(), events, items.size());
        }

        @Override
        public String toString() {
            return String.format("%-48s %,10d sessions %,12d events %,9d items", name, sessions, events, items);
        }
    }

    /** The split and the counts after each step, in order. */
    public record Result(SessionDataset.Split split, List<Step> steps) {
    }

    private final Options options;

    public SessionPreprocessor(Options options) {
        this.options = options;
    }

    public SessionPreprocessor() {
        this(Options.defaults());
    }

    public Result process(SessionDataset data) {
        List<Step> steps = new ArrayList<>();
        List<Session> sessions = data.sessions();
        steps.add(Step.of("input", sessions));

        sessions = keepSessions(sessions, s -> s.length() >= options.minSessionLength());
        steps.add(Step.of("sessions of length >= " + options.minSessionLength(), sessions));

        Map<String, Long> support = new HashMap<>();
        for (Session s : sessions) {
            for (String item : s.items()) {
                support.merge(item, 1L, Long::sum);
            }
        }
        Set<String> supported = new HashSet<>();
        support.forEach((item, count) -> {
            if (count >= options.minItemSupport()) {
                supported.add(item);
            }
        });
        sessions = keepClicks(sessions, supported::contains, 1);
        steps.add(Step.of("items with >= " + options.minItemSupport() + " clicks", sessions));

        sessions = keepSessions(sessions, s -> s.length() >= options.minSessionLength());
        steps.add(Step.of("sessions of length >= " + options.minSessionLength() + " again", sessions));

        long tmax = Long.MIN_VALUE;
        for (Session s : sessions) {
            tmax = Math.max(tmax, lastTime(s));
        }
        long threshold = tmax - options.testPeriodSeconds() * 1000;
        List<Session> train = keepSessions(sessions, s -> lastTime(s) < threshold);
        List<Session> test = keepSessions(sessions, s -> lastTime(s) >= threshold);
        steps.add(Step.of("train: sessions ending before the last " + options.testPeriodSeconds() + " s", train));
        steps.add(Step.of("test: sessions ending in the last " + options.testPeriodSeconds() + " s", test));

        Set<String> known = new HashSet<>();
        train.forEach(s -> known.addAll(s.items()));
        test = keepClicks(test, known::contains, options.minTestSessionLength());
        steps.add(Step.of("test: items seen in train, sessions of length >= " + options.minTestSessionLength(), test));

        return new Result(new SessionDataset.Split(SessionDataset.of(train), SessionDataset.of(test)),
                List.copyOf(steps));
    }

    /**
     * For data that comes already split (such as the sequence files): only the last step, test clicks on items unseen
     * in training dropped and test sessions shorter than {@code minTestSessionLength} with them.
     */
    public Result filterTest(SessionDataset.Split given) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of("train (given)", given.train().sessions()));
        steps.add(Step.of("test (given)", given.test().sessions()));
        Set<String> known = new HashSet<>();
        given.train().sessions().forEach(s -> known.addAll(s.items()));
        List<Session> test = keepClicks(given.test().sessions(), known::contains, options.minTestSessionLength());
        steps.add(Step.of("test: items seen in train, sessions of length >= " + options.minTestSessionLength(), test));
        return new Result(new SessionDataset.Split(given.train(), SessionDataset.of(test)), List.copyOf(steps));
    }

    private static long lastTime(Session s) {
        return s.timestampsMs().get(s.length() - 1);
    }

    private static List<Session> keepSessions(List<Session> sessions, Predicate<Session> keep) {
        return sessions.stream().filter(keep).toList();
    }

    /** Each session with only the clicks on items {@code keep} accepts; sessions left shorter than minLength go. */
    private static List<Session> keepClicks(List<Session> sessions, Predicate<String> keep, int minLength) {
        List<Session> kept = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            List<String> items = new ArrayList<>(s.length());
            List<Long> times = new ArrayList<>(s.length());
            for (int i = 0; i < s.length(); i++) {
                if (keep.test(s.items().get(i))) {
                    items.add(s.items().get(i));
                    times.add(s.timestampsMs().get(i));
                }
            }
            if (items.size() == s.length()) {
                kept.add(s);
            } else if (items.size() >= minLength) {
                kept.add(new Session(s.sessionId(), items, times));
            }
        }
        return kept;
    }
}
