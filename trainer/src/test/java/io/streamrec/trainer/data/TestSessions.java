package io.streamrec.trainer.data;

import java.util.ArrayList;
import java.util.List;

/** Sessions written by hand for the tests of this package. */
final class TestSessions {
    private static final long MINUTE = 60_000L;

    private TestSessions() {
    }

    /** Session {@code id} of {@code items}, one click a minute from {@code startMs}. */
    static Session session(String id, long startMs, String... items) {
        return spaced(id, startMs, MINUTE, items);
    }

    /** Session {@code id} of {@code items}, clicked {@code gapMs} apart from {@code startMs}. */
    static Session spaced(String id, long startMs, long gapMs, String... items) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            times.add(startMs + i * gapMs);
        }
        return new Session(id, List.of(items), times);
    }
}
