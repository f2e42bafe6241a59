package io.streamrec.trainer.eval.holdout;

import io.streamrec.trainer.data.ItemCatalogue;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-user data split by {@link HoldoutProtocol}, as indices: user {@code u} (1..{@link #userCount()}) is the u-th of
 * {@link #userIds()}, item {@code i} (1..{@link #itemCount()}) the i-th of {@link #itemIds()}, most interacted-with in
 * training first (ties by id), 0 being padding. Only items with a training interaction have an index: a test item no
 * training sequence contains is dropped, as no model can rank it. So is a test item the user already has in training
 * (a repeated interaction): every model ranks with the user's training items removed.
 */
public final class HoldoutSplit {
    private final List<String> userIds;
    private final ItemCatalogue catalogue;
    private final List<int[]> train;
    private final List<int[]> test;
    private final float[] itemCounts;

    private HoldoutSplit(List<String> userIds, ItemCatalogue catalogue, List<int[]> train, List<int[]> test,
                         float[] itemCounts) {
        this.userIds = List.copyOf(userIds);
        this.catalogue = catalogue;
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
        this.itemCounts = itemCounts;
    }

    /**
     * @param perUser one session per user (its id the user id), interactions in time order, as
     *                {@link io.streamrec.trainer.data.MovieLensReader} reads them
     */
    public static HoldoutSplit of(SessionDataset perUser, HoldoutProtocol protocol) {
        SessionDataset core = CoreFilter.apply(perUser, protocol.minInteractions());
        List<Session> users = new ArrayList<>(core.sessions());
        users.sort(Comparator.comparing(Session::sessionId));
        List<List<String>> trainItems = new ArrayList<>();
        List<List<String>> testItems = new ArrayList<>();
        for (Session user : users) {
            List<String> items = user.items();
            double fraction = protocol.trainFraction();
            if (protocol.validation()) {
                // the validation split is the same split applied to the training part alone
                items = items.subList(0, HoldoutProtocol.trainCount(items.size(), fraction));
                fraction = 1 - HoldoutProtocol.VALIDATION_SHARE;
            }
            int cut = HoldoutProtocol.trainCount(items.size(), fraction);
            trainItems.add(items.subList(0, cut));
            testItems.add(items.subList(cut, items.size()));
        }
        List<Session> trainParts = new ArrayList<>(users.size());
        for (int u = 0; u < users.size(); u++) {
            Session user = users.get(u);
            List<String> items = trainItems.get(u);
            trainParts.add(new Session(user.sessionId(), items, user.timestampsMs().subList(0, items.size())));
        }
        ItemCatalogue catalogue = new ItemCatalogue(SessionDataset.of(trainParts));
        List<int[]> train = new ArrayList<>(users.size());
        List<int[]> test = new ArrayList<>(users.size());
        for (int u = 0; u < users.size(); u++) {
            int[] history = catalogue.encode(trainParts.get(u));
            Set<Integer> seen = new HashSet<>();
            for (int item : history) {
                seen.add(item);
            }
            Set<Integer> held = new LinkedHashSet<>();
            for (String item : testItems.get(u)) {
                int i = catalogue.index(item);
                if (i > 0 && !seen.contains(i)) {
                    held.add(i);
                }
            }
            train.add(history);
            test.add(held.stream().mapToInt(Integer::intValue).toArray());
        }
        return new HoldoutSplit(users.stream().map(Session::sessionId).toList(), catalogue, train, test,
                catalogue.counts());
    }

    public int userCount() {
        return userIds.size();
    }

    public int itemCount() {
        return catalogue.size();
    }

    /** The training items as indices: what a model trained on this split encodes with. */
    public ItemCatalogue catalogue() {
        return catalogue;
    }

    /** Raw user ids; user index u is entry u − 1. */
    public List<String> userIds() {
        return userIds;
    }

    /** Raw item ids; item index i is entry i − 1. */
    public List<String> itemIds() {
        return catalogue.vocabulary();
    }

    /** User u's training interactions (item indices, oldest first), at entry u − 1. */
    public List<int[]> train() {
        return train;
    }

    /** User u's held-out items (distinct item indices, in time order; may be empty), at entry u − 1. */
    public List<int[]> test() {
        return test;
    }

    /** Training interactions per item index (entry 0 unused). */
    public float[] itemCounts() {
        return itemCounts.clone();
    }

    public long trainInteractions() {
        return train.stream().mapToLong(t -> t.length).sum();
    }

    public long testInteractions() {
        return test.stream().mapToLong(t -> t.length).sum();
    }

    /** One line for logs. */
    public String describe() {
        return String.format("%,d users, %,d items, %,d training and %,d test interactions", userCount(), itemCount(),
                trainInteractions(), testInteractions());
    }
}
