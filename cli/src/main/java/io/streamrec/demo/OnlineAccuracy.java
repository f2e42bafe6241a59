package io.streamrec.demo;

import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.List;

/**
 * HR@K and MRR@K of recommendation lists against the click that actually came next, accumulated one event at a time.
 * A list that does not contain the next item within its first K scores 0 for both.
 */
final class OnlineAccuracy {
    private final int k;
    private long events;
    private long hits;
    private double reciprocalRanks;

    OnlineAccuracy(int k) {
        this.k = k;
    }

    void add(List<RecommendedItem> recommended, String nextItem) {
        events++;
        int limit = Math.min(k, recommended.size());
        for (int i = 0; i < limit; i++) {
            if (recommended.get(i).itemId().equals(nextItem)) {
                hits++;
                reciprocalRanks += 1.0 / (i + 1);
                return;
            }
        }
    }

    long events() {
        return events;
    }

    double hitRate() {
        return events == 0 ? 0 : (double) hits / events;
    }

    double mrr() {
        return events == 0 ? 0 : reciprocalRanks / events;
    }
}
