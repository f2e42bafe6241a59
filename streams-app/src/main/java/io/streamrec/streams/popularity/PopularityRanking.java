package io.streamrec.streams.popularity;

import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running click counts and the most clicked items: the answer when no model can give one.
 *
 * <p>Counts are per instance (the events this instance processed), which approximates global popularity because
 * sessions are spread over partitions independently of the items they click. The ranking is recomputed at most every
 * {@code refreshEvery} recorded clicks rather than per call: ranking the catalogue costs O(items), and a list a few
 * hundred clicks stale is as good a fallback as a fresh one.
 */
public final class PopularityRanking {
    public static final int DEFAULT_REFRESH_EVERY = 256;
    private static final int MAX_CACHED = 100;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicLong updates = new AtomicLong();
    private final int refreshEvery;
    private volatile Snapshot snapshot;

    private record Snapshot(List<RecommendedItem> items, long atUpdate, int capacity) {
    }

    public PopularityRanking() {
        this(DEFAULT_REFRESH_EVERY);
    }

    public PopularityRanking(int refreshEvery) {
        if (refreshEvery < 1) {
            throw new IllegalArgumentException("refreshEvery must be at least 1");
        }
        this.refreshEvery = refreshEvery;
    }

    public void record(String itemId) {
        counts.computeIfAbsent(itemId, k -> new LongAdder()).increment();
        updates.incrementAndGet();
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
