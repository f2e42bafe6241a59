package io.streamrec.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects clicks keyed by session (or user) in file order with little memory per click (item ids are interned,
 * times kept in primitive arrays), then builds the sessions: each one's clicks stably ordered by a sort key (by
 * default the click time, so equal times keep file order), optionally cut where the gap between two clicks exceeds
 * an inactivity limit.
 */
final class SessionAccumulator {
    private final Map<String, Integer> keys = new HashMap<>();
    private final List<String> keyNames = new ArrayList<>();
    private final List<Clicks> clicks = new ArrayList<>();
    private final Map<String, String> itemNames = new HashMap<>();

    private static final class Clicks {
        String[] items = new String[4];
        long[] times = new long[4];
        long[] order = new long[4];
        int size;

        void add(String item, long time, long orderKey) {
            if (size == items.length) {
                int capacity = size * 2;
                items = Arrays.copyOf(items, capacity);
                times = Arrays.copyOf(times, capacity);
                order = Arrays.copyOf(order, capacity);
            }
            items[size] = item;
            times[size] = time;
            order[size] = orderKey;
            size++;
        }
    }

    /** Adds a click ordered by its time. */
    void add(String key, String item, long timeMs) {
        add(key, item, timeMs, timeMs);
    }

    /** Adds a click whose place in its session is given by {@code orderKey} rather than by its time. */
    void add(String key, String item, long timeMs, long orderKey) {
        Integer index = keys.get(key);
        if (index == null) {
            index = clicks.size();
            keys.put(key, index);
            keyNames.add(key);
            clicks.add(new Clicks());
        }
        String interned = itemNames.computeIfAbsent(item, k -> k);
        clicks.get(index).add(interned, timeMs, orderKey);
    }

    boolean isEmpty() {
        return clicks.isEmpty();
    }

    /** One session per key. */
    SessionDataset build() {
        return build(Long.MAX_VALUE);
    }

    /**
     * Sessions cut wherever two consecutive clicks of a key are more than {@code maxGapMs} apart. Unless
     * {@code maxGapMs} is {@link Long#MAX_VALUE} (no cutting: a session keeps its key as id), the sessions of a key
     * get the ids {@code key_1}, {@code key_2}, ... in time order.
     */
    SessionDataset build(long maxGapMs) {
        boolean cutting = maxGapMs != Long.MAX_VALUE;
        List<Session> sessions = new ArrayList<>(clicks.size());
        for (int k = 0; k < clicks.size(); k++) {
            Clicks c = clicks.get(k);
            Integer[] order = new Integer[c.size];
            for (int i = 0; i < c.size; i++) {
                order[i] = i;
            }
            long[] keysOf = c.order;
            Arrays.sort(order, (a, b) -> Long.compare(keysOf[a], keysOf[b])); // stable: a merge sort
            String name = keyNames.get(k);
            List<String> items = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            int part = 1;
            for (int i = 0; i < order.length; i++) {
                int at = order[i];
                if (!items.isEmpty() && c.times[at] - times.get(times.size() - 1) > maxGapMs) {
                    sessions.add(new Session(name + "_" + part++, items, times));
                    items.clear();
                    times.clear();
                }
                items.add(c.items[at]);
                times.add(c.times[at]);
            }
            sessions.add(new Session(cutting ? name + "_" + part : name, items, times));
            clicks.set(k, null);
        }
        return SessionDataset.of(sessions);
    }
}
