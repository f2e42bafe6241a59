package io.streamrec.bench;

import io.streamrec.model.OnnxModel;
import io.streamrec.schemas.settings.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The made-up catalogue and sessions the model-call benchmarks score, and the timed loop they share. */
final class BenchSessions {
    /** How many different sessions a benchmark cycles through. */
    static final int SESSIONS = 64;

    private BenchSessions() {
    }

    /** {@code --items}: the catalogue sizes a model-call benchmark measures at. */
    static Setting<List<Integer>> catalogueSizes(List<Integer> sizes, String doc) {
        return Setting.integer("items", 1, 1, Integer.MAX_VALUE, doc).asList(sizes);
    }

    /** {@code --events}: the model calls timed per measurement. */
    static Setting<Integer> timedEvents(int defaultValue) {
        return Setting.integer("events", defaultValue, 1, Integer.MAX_VALUE, "Timed events per measurement");
    }

    /** Item ids "i1" .. "i{items}", in index order. */
    static List<String> vocabulary(int items) {
        List<String> vocabulary = new ArrayList<>(items);
        for (int i = 1; i <= items; i++) {
            vocabulary.add("i" + i);
        }
        return vocabulary;
    }

    /** {@value #SESSIONS} sessions of {@code length} items drawn uniformly from {@code vocabulary}. */
    static List<List<String>> random(List<String> vocabulary, int length, Random random) {
        List<List<String>> sessions = new ArrayList<>(SESSIONS);
        for (int s = 0; s < SESSIONS; s++) {
            List<String> session = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                session.add(vocabulary.get(random.nextInt(vocabulary.size())));
            }
            sessions.add(session);
        }
        return sessions;
    }

    /**
     * Mean microseconds per {@link OnnxModel#recommend} call over {@code events} calls cycling through
     * {@code sessions}, after {@code warmUp} untimed calls; fails unless every call returned {@code topK} items.
     */
    static double recommendMicros(OnnxModel model, List<List<String>> sessions, int events, int warmUp, int topK)
            throws Exception {
        for (int i = 0; i < Math.min(warmUp, events); i++) {
            model.recommend(sessions.get(i % sessions.size()));
        }
        long sink = 0;
        long started = System.nanoTime();
        for (int i = 0; i < events; i++) {
            sink += model.recommend(sessions.get(i % sessions.size())).size();
        }
        double micros = (System.nanoTime() - started) / 1e3 / events;
        if (sink != (long) topK * events) {
            throw new IllegalStateException("expected " + (long) topK * events + " recommended items, got " + sink);
        }
        return micros;
    }
}
