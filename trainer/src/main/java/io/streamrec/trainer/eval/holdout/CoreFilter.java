package io.streamrec.trainer.eval.holdout;

import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The k-core of per-user interaction data: users and items with fewer than k interactions are removed, again and again
 * until every remaining user and item has at least k (removing an item can take a user below k, and the other way
 * round). The fixed point is unique whatever the order of removals. (The Caser authors shipped data already filtered;
 * this is the fixed-point reading of "removed users and items with fewer than 5 interactions".)
 */
public final class CoreFilter {
    private CoreFilter() {
    }

    /** Each session is one user's interactions in time order; the result keeps that order for what remains. */
    public static SessionDataset apply(SessionDataset perUser, int k) {
        List<Session> users = new ArrayList<>(perUser.sessions());
        while (true) {
            Map<String, Integer> itemCounts = new HashMap<>();
            for (Session user : users) {
                for (String item : user.items()) {
                    itemCounts.merge(item, 1, Integer::sum);
                }
            }
            List<Session> kept = new ArrayList<>(users.size());
            boolean changed = false;
            for (Session user : users) {
                List<String> items = new ArrayList<>(user.length());
                List<Long> times = new ArrayList<>(user.length());
                for (int i = 0; i < user.length(); i++) {
                    if (itemCounts.get(user.items().get(i)) >= k) {
                        items.add(user.items().get(i));
                        times.add(user.timestampsMs().get(i));
                    }
                }
                changed |= items.size() != user.length();
                if (items.size() >= k) {
                    kept.add(items.size() == user.length() ? user : new Session(user.sessionId(), items, times));
                } else {
                    changed = true;
                }
            }
            users = kept;
            if (!changed) {
                return SessionDataset.of(users);
            }
        }
    }
}
