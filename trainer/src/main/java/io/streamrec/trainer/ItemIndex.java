package io.streamrec.trainer;

import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training data's items as model indices: most clicked first, index {@code i + 1} for the i-th, 0 for padding.
 * This order becomes the bundle's vocabulary.
 */
final class ItemIndex {
    private final List<String> items;
    private final Map<String, Integer> index = new HashMap<>();
    private final float[] counts;

    ItemIndex(SessionDataset train) {
        Map<String, Long> byCount = train.itemCounts();
        this.items = List.copyOf(byCount.keySet());
        this.counts = new float[items.size() + 1];
        int i = 1;
        for (Map.Entry<String, Long> e : byCount.entrySet()) {
            index.put(e.getKey(), i);
            counts[i++] = e.getValue();
        }
    }

    List<String> vocabulary() {
        return items;
    }

    int size() {
        return items.size();
    }

    float[] counts() {
        return counts;
    }

    /** Sessions as indices; unknown items are dropped and sessions left with fewer than two clicks skipped. */
    List<int[]> encode(SessionDataset dataset) {
        List<int[]> encoded = new ArrayList<>(dataset.sessions().size());
        for (Session s : dataset.sessions()) {
            int[] known = s.items().stream().mapToInt(item -> index.getOrDefault(item, 0)).filter(x -> x > 0).toArray();
            if (known.length >= 2) {
                encoded.add(known);
            }
        }
        return encoded;
    }
}
