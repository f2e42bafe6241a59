package io.streamrec.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects interaction rows by raw ids, indexing users and items in order of first appearance. */
public final class InteractionsBuilder {
    private final Map<String, Integer> userIndex = new HashMap<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final List<String> userIds = new ArrayList<>();
    private final List<String> itemIds = new ArrayList<>();
    private int[] users = new int[1024];
    private int[] items = new int[1024];
    private float[] values = new float[1024];
    private long[] times = new long[1024];
    private int size;

    public InteractionsBuilder add(String user, String item, float value, long timeMs) {
        if (size == users.length) {
            int capacity = size * 2;
            users = Arrays.copyOf(users, capacity);
            items = Arrays.copyOf(items, capacity);
            values = Arrays.copyOf(values, capacity);
            times = Arrays.copyOf(times, capacity);
        }
        users[size] = index(user, userIndex, userIds);
        items[size] = index(item, itemIndex, itemIds);
        values[size] = value;
        times[size] = timeMs;
        size++;
        return this;
    }

    private static int index(String id, Map<String, Integer> index, List<String> ids) {
        return index.computeIfAbsent(id, k -> {
            ids.add(k);
            return ids.size() - 1;
        });
    }

    public Interactions build() {
        return new Interactions(userIds, itemIds, Arrays.copyOf(users, size), Arrays.copyOf(items, size),
                Arrays.copyOf(values, size), Arrays.copyOf(times, size));
    }
}
