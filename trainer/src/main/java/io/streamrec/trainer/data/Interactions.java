package io.streamrec.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * User–item interactions, one row each: who, what, the value (an explicit rating, or 1 for implicit feedback) and
 * when. Users and items are dense indices into {@code userIds} and {@code itemIds}, so that every subset
 * ({@link #rows}) keeps the same indices and a model trained on one fold scores another without re-encoding. This is
 * what the user–item families train on and what the rating and ranking protocols split.
 *
 * @param userIds the user vocabulary: index {@code u} is {@code userIds.get(u)}
 * @param itemIds the item vocabulary
 * @param users   each row's user index
 * @param items   each row's item index
 * @param values  each row's value
 * @param timesMs each row's time, epoch milliseconds (file order where the data has no times)
 */
public record Interactions(List<String> userIds, List<String> itemIds, int[] users, int[] items, float[] values,
                           long[] timesMs) {

    public Interactions {
        userIds = List.copyOf(userIds);
        itemIds = List.copyOf(itemIds);
        int n = users.length;
        if (items.length != n || values.length != n || timesMs.length != n) {
            throw new IllegalArgumentException("users, items, values and times differ in length");
        }
        for (int r = 0; r < n; r++) {
            if (users[r] < 0 || users[r] >= userIds.size() || items[r] < 0 || items[r] >= itemIds.size()) {
                throw new IllegalArgumentException("row " + r + " names a user or item outside the vocabularies");
            }
        }
    }

    public int size() {
        return users.length;
    }

    public int userCount() {
        return userIds.size();
    }

    public int itemCount() {
        return itemIds.size();
    }

    /** The mean of the values (0 when there are none): the global-mean baseline and every biased model's μ. */
    public double meanValue() {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    /** The given rows, in that order, with the same vocabularies. */
    public Interactions rows(int[] rows) {
        int[] u = new int[rows.length];
        int[] i = new int[rows.length];
        float[] v = new float[rows.length];
        long[] t = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int r = rows[k];
            u[k] = users[r];
            i[k] = items[r];
            v[k] = values[r];
            t[k] = timesMs[r];
        }
        return new Interactions(userIds, itemIds, u, i, v, t);
    }

    /**
     * Each user's rows, oldest first (ties keep row order); users without rows get an empty array. The shape the
     * leave-one-out protocol cuts and user-based models (U-AutoRec, fold-in) read.
     */
    public int[][] rowsByUser() {
        List<List<Integer>> byUser = new ArrayList<>(userCount());
        for (int u = 0; u < userCount(); u++) {
            byUser.add(new ArrayList<>());
        }
        for (int r = 0; r < size(); r++) {
            byUser.get(users[r]).add(r);
        }
        int[][] out = new int[userCount()][];
        for (int u = 0; u < out.length; u++) {
            out[u] = byUser.get(u).stream().sorted(Comparator.comparingLong(r -> timesMs[r]))
                    .mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** Each item's rows in row order; items without rows get an empty array (item-based models read columns). */
    public int[][] rowsByItem() {
        int[] counts = new int[itemCount()];
        for (int i : items) {
            counts[i]++;
        }
        int[][] out = new int[itemCount()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new int[counts[i]];
        }
        int[] filled = new int[itemCount()];
        for (int r = 0; r < size(); r++) {
            out[items[r]][filled[items[r]]++] = r;
        }
        return out;
    }

    /** Every row index, 0..size-1. */
    public int[] allRows() {
        return IntStream.range(0, size()).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interactions x && userIds.equals(x.userIds) && itemIds.equals(x.itemIds)
                && Arrays.equals(users, x.users) && Arrays.equals(items, x.items) && Arrays.equals(values, x.values)
                && Arrays.equals(timesMs, x.timesMs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(users) + Arrays.hashCode(items);
    }

    @Override
    public String toString() {
        return String.format("%,d interactions of %,d users with %,d items", size(), userCount(), itemCount());
    }
}
