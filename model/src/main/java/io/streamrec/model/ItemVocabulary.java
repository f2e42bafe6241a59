package io.streamrec.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw item ids to the model's item indices and back. Index 0 is padding; the {@code i}-th item (0-based) has index
 * {@code i + 1}.
 */
public final class ItemVocabulary {
    public static final int PADDING = 0;

    private final List<String> items;
    private final Map<String, Integer> indexOf;

    public ItemVocabulary(List<String> items) {
        this.items = List.copyOf(items);
        this.indexOf = new HashMap<>(items.size() * 2);
        for (int i = 0; i < this.items.size(); i++) {
            if (indexOf.put(this.items.get(i), i + 1) != null) {
                throw new IllegalArgumentException("item " + this.items.get(i) + " appears twice in the vocabulary");
            }
        }
    }

    /** The item's index, or {@link #PADDING} when the model does not know it. */
    public int indexOf(String itemId) {
        return indexOf.getOrDefault(itemId, PADDING);
    }

    public String itemAt(int index) {
        if (index < 1 || index > items.size()) {
            throw new IndexOutOfBoundsException("item index " + index + " outside 1.." + items.size());
        }
        return items.get(index - 1);
    }

    public int size() {
        return items.size();
    }

    public List<String> items() {
        return items;
    }
}
