package io.streamrec.streams.accuracy;

import io.streamrec.streams.session.ServedList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * HR@K and MRR@K measured on the live stream, per role and model version: each click of a session is scored
 * against the list that session got for its previous event, and credited to the model that made that list. This is
 * the offline GRU4Rec protocol (predict the next click) applied to what was actually served, so lines of an A/B
 * split, a shadow and popularity can be compared on live traffic.
 *
 * <p>Safe to update from every stream thread. Like the other counters it describes this process since it started;
 * an event re-processed after a failure under exactly-once is counted again.
 */
public final class OnlineAccuracy {
    private final int k;
    private final ConcurrentMap<Key, Tally> tallies = new ConcurrentHashMap<>();

    private record Key(AnswerRole role, String modelName, long modelVersion) {
    }

    private static final class Tally {
        final LongAdder events = new LongAdder();
        final LongAdder hits = new LongAdder();
        final DoubleAdder reciprocalRanks = new DoubleAdder();
    }

    public OnlineAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    /** Scores a click against the list its session got for the previous event. */
    public void observe(AnswerRole role, ServedList previous, String clickedItem) {
        int rank = previous.rankOf(clickedItem);
        Tally tally = tallies.computeIfAbsent(new Key(role, previous.modelName(), previous.modelVersion()),
                key -> new Tally());
        tally.events.increment();
        if (rank >= 1 && rank <= k) {
            tally.hits.increment();
            tally.reciprocalRanks.add(1.0 / rank);
        }
    }

    /** Every role and model version seen so far: main before shadow, then by model name and version. */
    public List<ModelAccuracy> snapshot() {
        List<Key> keys = new ArrayList<>(tallies.keySet());
        keys.sort(Comparator.comparing(Key::role).thenComparing(Key::modelName).thenComparingLong(Key::modelVersion));
        List<ModelAccuracy> all = new ArrayList<>(keys.size());
        for (Key key : keys) {
            Tally tally = tallies.get(key);
            long events = tally.events.sum();
            long hits = tally.hits.sum();
            double rr = tally.reciprocalRanks.sum();
            all.add(new ModelAccuracy(key.role().label(), key.modelName(), key.modelVersion(), k, events, hits,
                    events == 0 ? 0 : (double) hits / events, events == 0 ? 0 : rr / events));
        }
        return all;
    }

    /** One model version's figures in one role, if it has been scored. */
    public Optional<ModelAccuracy> of(AnswerRole role, String modelName, long modelVersion) {
        return snapshot().stream().filter(a -> a.role().equals(role.label()) && a.modelName().equals(modelName)
                && a.modelVersion() == modelVersion).findFirst();
    }
}
