package io.streamrec.trainer.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training items as model indices, the one encoding every family and baseline of the trainer uses, so that all
 * are trained and evaluated on the same candidates: the i-th most clicked item (ties by id) is index {@code i + 1};
 * 0 is padding and never a candidate. The order becomes the bundle's {@code items.txt}.
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

    /** The raw ids in index order (index {@code i + 1} is element {@code i}): the bundle's vocabulary. */
    public List<String> vocabulary() {
        return items;
    }

    /** Number of items; indices run from 1 to this. */
    public int size() {
        return items.size();
    }

    /** The raw id of index {@code i} (1-based). */
    public String item(int i) {
        return items.get(i - 1);
    }

    /** The index of a raw id, 0 when training never saw it. */
    public int index(String item) {
        return index.getOrDefault(item, 0);
    }

    /** Training clicks per index (index 0 is 0). */
    public float[] counts() {
        return counts.clone();
    }

    /**
     * Sessions as indices for evaluation, as the trainer encodes them: clicks on unknown items dropped, sessions left
     * with fewer than two clicks skipped (nothing to predict).
     */
    public List<int[]> encode(SessionDataset dataset) {
        return encodeWithIds(dataset).sessions();
    }

    /** As {@link #encode(SessionDataset)}, each kept session with its id. */
    public EncodedSplit.Part encodeWithIds(SessionDataset dataset) {
        List<String> ids = new ArrayList<>();
        List<int[]> sessions = encode(dataset.sessions(), 2, ids);
        return new EncodedSplit.Part(sessions, ids);
    }

    /**
     * Every session with at least one known click, ordered by the time of its last click (stably), the least recent
     * first: the neighbour pool of session-kNN.
     */
    public List<int[]> encodeByRecency(SessionDataset dataset) {
        List<Session> byEnd = new ArrayList<>(dataset.sessions());
        byEnd.sort(Comparator.comparingLong(s -> s.timestampsMs().get(s.length() - 1)));
        return encode(byEnd, 1, new ArrayList<>());
    }

    /** One session's clicks as indices, in order, unknown items dropped. */
    public int[] encode(Session session) {
        return session.items().stream().mapToInt(this::index).filter(x -> x > 0).toArray();
    }

    /** The sessions keeping at least {@code minLength} known clicks; their ids are added to {@code ids}. */
    private List<int[]> encode(List<Session> sessions, int minLength, List<String> ids) {
        List<int[]> encoded = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            int[] known = encode(s);
            if (known.length >= minLength) {
                encoded.add(known);
                ids.add(s.sessionId());
            }
        }
        return encoded;
    }
}
