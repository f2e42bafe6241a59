package io.streamrec.trainer.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sessions ordered by the time of their first click, the order session-parallel training walks them in. */
public final class SessionDataset {
    private final List<Session> sessions;

    private SessionDataset(List<Session> sessions) {
        List<Session> sorted = new ArrayList<>(sessions);
        sorted.sort(Comparator.comparingLong(Session::startTime));
        this.sessions = List.copyOf(sorted);
    }

    public static SessionDataset of(List<Session> sessions) {
        return new SessionDataset(sessions);
    }

    /** The held-out sessions and the ones to train on. */
    public record Split(SessionDataset train, SessionDataset test) {
    }

    public List<Session> sessions() {
        return sessions;
    }

    /** These sessions and {@code other}'s, in one dataset (ordered by start time as always). */
    public SessionDataset concat(SessionDataset other) {
        List<Session> all = new ArrayList<>(sessions.size() + other.sessions.size());
        all.addAll(sessions);
        all.addAll(other.sessions);
        return new SessionDataset(all);
    }

    public long eventCount() {
        long n = 0;
        for (Session s : sessions) {
            n += s.length();
        }
        return n;
    }

    /** Clicks per item, most clicked first. */
    public Map<String, Long> itemCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Session s : sessions) {
            for (String item : s.items()) {
                counts.merge(item, 1L, Long::sum);
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * A time split: the {@code testFraction} of sessions that start last are held out. As in the GRU4Rec protocol,
     * test clicks on items the training data never saw are dropped (no model can rank them), and so are test sessions
     * left with fewer than two clicks (nothing to predict).
     */
    public Split split(double testFraction) {
        if (testFraction <= 0 || testFraction >= 1) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int testCount = (int) Math.round(sessions.size() * testFraction);
        List<Session> train = sessions.subList(0, sessions.size() - testCount);
        Set<String> known = new HashSet<>();
        train.forEach(s -> known.addAll(s.items()));
        List<Session> test = new ArrayList<>();
        for (Session s : sessions.subList(sessions.size() - testCount, sessions.size())) {
            List<String> items = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < s.length(); i++) {
                if (known.contains(s.items().get(i))) {
                    items.add(s.items().get(i));
                    times.add(s.timestampsMs().get(i));
                }
            }
            if (items.size() >= 2) {
                test.add(new Session(s.sessionId(), items, times));
            }
        }
        return new Split(new SessionDataset(train), new SessionDataset(test));
    }
}
