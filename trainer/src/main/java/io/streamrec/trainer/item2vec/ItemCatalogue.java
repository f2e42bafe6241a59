package io.streamrec.trainer.item2vec;

import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training items as model indices, in the order every family of the trainer uses (most clicked first: index
 * i + 1 for the i-th, 0 = padding), so that bundles and figures of all families share one candidate set. The order
 * becomes the bundle's items.txt.
 */
public final class ItemCatalogue {
    private final List<String> items;
    private final Map<String, Integer> index = new HashMap<>();
    private final float[] counts;

    public ItemCatalogue(SessionDataset train) {
        Map<String, Long> byCount = train.itemCounts();
        this.items = List.copyOf(byCount.keySet());
        this.counts = new float[items.size() + 1];
        int i = 1;
        for (Map.Entry<String, Long> e : byCount.entrySet()) {
            index.put(e.getKey(), i);
            counts[i++] = e.getValue();
        }
    }

    public List<String> vocabulary() {
        return items;
    }

    public int size() {
        return items.size();
    }

    /** Training clicks per index (index 0 is 0). */
    public float[] counts() {
        return counts.clone();
    }

    /** Sessions as indices; unknown items are dropped and sessions left with fewer than two clicks skipped. */
    public List<int[]> encode(SessionDataset dataset) {
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
