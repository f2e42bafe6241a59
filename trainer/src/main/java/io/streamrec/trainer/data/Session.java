package io.streamrec.trainer.data;

import java.util.List;

/** One session: raw item ids in click order, with the click times (epoch milliseconds). */
public record Session(String sessionId, List<String> items, List<Long> timestampsMs) {
    public Session {
        items = List.copyOf(items);
        timestampsMs = List.copyOf(timestampsMs);
        if (items.size() != timestampsMs.size()) {
            throw new IllegalArgumentException("session " + sessionId + " has " + items.size() + " items but "
                    + timestampsMs.size() + " timestamps");
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("session " + sessionId + " is empty");
        }
    }

    public long startTime() {
        return timestampsMs.get(0);
    }

    public int length() {
        return items.size();
    }
}
