package io.streamrec.streams.popularity;

import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running click counts and the most clicked items: the answer when no model can give one.
 *
 * <p>Counts are per instance (the events this instance processed), which approximates global popularity because
 * sessions are spread over partitions independently of the items they click. The ranking is recomputed at most every
 * {@code refreshEvery} recorded clicks rather than per call: ranking the catalogue costs O(items), and a list a few
 * hundred clicks stale is as good a fallback as a fresh one.
 *
 * <p>It also keeps the items of the last {@code recentCapacity} clicks, the sample of the live catalogue a new model
 * bundle is measured against (does it know what users click now?): a ring written at each click's sequence number,
 * so recording costs one array store beside the counter the ranking bumps anyway.
 */
public final class PopularityRanking {
    public static final int DEFAULT_REFRESH_EVERY = 256;
    /** Recent enough to follow a catalogue that changes, long enough to cover its popular part. */
    public static final int DEFAULT_RECENT_CLICKS = 10_000;
    private static final int MAX_CACHED = 100;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicLong updates = new AtomicLong();
    private final int refreshEvery;
    private final AtomicReferenceArray<String> recent;
    private volatile Snapshot snapshot;

    private record Snapshot(List<RecommendedItem> items, long atUpdate, int capacity) {
    }

    public PopularityRanking() {
        this(DEFAULT_REFRESH_EVERY);
    }

    public PopularityRanking(int refreshEvery) {
        this(refreshEvery, DEFAULT_RECENT_CLICKS);
    }

    public PopularityRanking(int refreshEvery, int recentCapacity) {
        if (refreshEvery < 1 || recentCapacity < 1) {
            throw new IllegalArgumentException("refreshEvery and recentCapacity must be at least 1");
        }
        this.refreshEvery = refreshEvery;
        this.recent = new AtomicReferenceArray<>(recentCapacity);
    }

    public void record(String itemId) {
        counts.computeIfAbsent(itemId, k -> new LongAdder()).increment();
        long click = updates.incrementAndGet();
        // A release store: readers are rare (a bundle's arrival) and need no more than eventual visibility.
        recent.lazySet((int) ((click - 1) % recent.length()), itemId);
    }

    /** The items of the most recent clicks (at most the ring's capacity), in no particular order. */
    public List<String> recentClicks() {
        List<String> items = new ArrayList<>(recent.length());
        for (int i = 0; i < recent.length(); i++) {
            String item = recent.get(i);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    /** The {@code k} most clicked items, most clicked first, scored by their click counts (ties by item id). */
    public List<RecommendedItem> top(int k) {
        Snapshot s = snapshot;
        if (stale(s, k)) {
            synchronized (this) {
                s = snapshot;
                if (stale(s, k)) {
                    int capacity = Math.max(k, MAX_CACHED);
                    s = new Snapshot(rank(capacity), updates.get(), capacity);
                    snapshot = s;
                }
            }
        }
        return s.items().size() <= k ? s.items() : s.items().subList(0, k);
    }

    private boolean stale(Snapshot s, int k) {
        return s == null
                || k > s.capacity()
                || updates.get() - s.atUpdate() >= refreshEvery
                // A young ranking that has not seen enough items yet would answer short lists for a whole period.
                || (s.items().size() < k && s.items().size() < counts.size());
    }

    private List<RecommendedItem> rank(int k) {
        Comparator<RecommendedItem> byPopularity = Comparator.comparingDouble(RecommendedItem::score)
                .thenComparing(RecommendedItem::itemId, Comparator.reverseOrder());
        PriorityQueue<RecommendedItem> heap = new PriorityQueue<>(k + 1, byPopularity);
        counts.forEach((item, count) -> {
            heap.add(new RecommendedItem(item, count.sum()));
            if (heap.size() > k) {
                heap.poll();
            }
        });
        List<RecommendedItem> ranked = new ArrayList<>(heap);
        ranked.sort(byPopularity.reversed());
        return List.copyOf(ranked);
    }
}
