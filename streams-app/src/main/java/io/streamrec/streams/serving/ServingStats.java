package io.streamrec.streams.serving;

import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.streams.accuracy.AnswerRole;
import io.streamrec.streams.accuracy.ModelAccuracy;
import io.streamrec.streams.accuracy.OnlineAccuracy;
import io.streamrec.streams.session.ServedList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one app instance, safe to update from every stream thread and to read from anywhere. Per-event
 * counters are {@link LongAdder}s because every stream thread bumps them on every event; reads are rare.
 *
 * <p>The counters describe this process since it started. Under exactly-once a task that is re-run after a failure
 * processes some events twice, so {@link #eventsIn()} can exceed the committed output; the topics are the record.
 */
public final class ServingStats {
    private final LongAdder eventsIn = new LongAdder();
    private final Map<AnswerSource, LongAdder> answers = new EnumMap<>(AnswerSource.class);
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder rekeyed = new LongAdder();
    private final LongAdder unreadableStates = new LongAdder();
    private final LongAdder inferenceErrors = new LongAdder();
    private final LongAdder stateRebuilds = new LongAdder();
    private final LongAdder modelLoads = new LongAdder();
    private final LongAdder modelSwaps = new LongAdder();
    private final LongAdder refusedBundles = new LongAdder();
    private final LongAdder watcherFailures = new LongAdder();
    private final LongAdder shadowScored = new LongAdder();
    private final Map<BatchCause, LongAdder> batches = new EnumMap<>(BatchCause.class);
    private final LongAdder batchedEvents = new LongAdder();
    private final AtomicReference<Serving> serving = new AtomicReference<>(Serving.NONE);
    /** The model each line serves, by line (= model name); a line without a model yet is absent. */
    private final ConcurrentMap<String, Serving> servingByLine = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LineAnswers> answersByLine = new ConcurrentHashMap<>();
    private final LatencyRecorder processingMicros = new LatencyRecorder(LatencyRecorder.DEFAULT_CAPACITY);
    private final OnlineAccuracy accuracy;

    /** Label and version of the serving model, read together. */
    private record Serving(String label, long version) {
        static final Serving NONE = new Serving(Recommendation.POPULARITY, 0);
    }

    /** The answers one line gave: from its model, or from popularity because it could not. */
    private static final class LineAnswers {
        final LongAdder model = new LongAdder();
        final LongAdder popularity = new LongAdder();
    }

    /** Counters whose online accuracy is HR@{@code topK} and MRR@{@code topK}. */
    public ServingStats(int topK) {
        for (AnswerSource source : AnswerSource.values()) {
            answers.put(source, new LongAdder());
        }
        for (BatchCause cause : BatchCause.values()) {
            batches.put(cause, new LongAdder());
        }
        this.accuracy = new OnlineAccuracy(topK);
    }

    // ---- updates ----

    public void eventIn() {
        eventsIn.increment();
    }

    public void recommended(AnswerSource source) {
        answers.get(source).increment();
    }

    /** An answer sent for a session of {@code line}. */
    public void recommended(String line, AnswerSource source) {
        recommended(source);
        LineAnswers counts = answersByLine.computeIfAbsent(line, l -> new LineAnswers());
        (source.isFallback() ? counts.popularity : counts.model).increment();
    }

    /** The topology answered {@code size} events together (one model call per line and path), for {@code cause}. */
    public void batchAnswered(int size, BatchCause cause) {
        batches.get(cause).increment();
        batchedEvents.add(size);
    }

    /** How many batches the topology answered. */
    public long batches() {
        return batches.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** How many batches the topology answered for {@code cause}. */
    public long batches(BatchCause cause) {
        return batches.get(cause).sum();
    }

    /** Mean events per answered batch; 0 before any. */
    public double meanBatchSize() {
        long n = batches();
        return n == 0 ? 0 : batchedEvents.sum() / (double) n;
    }

    /** The shadow model scored an event (its answer was not sent). */
    public void shadowScored() {
        shadowScored.increment();
    }

    /** A click scored against the list its session got for its previous event (see {@link OnlineAccuracy}). */
    public void clickScored(AnswerRole role, ServedList previous, String clickedItem) {
        accuracy.observe(role, previous, clickedItem);
    }

    /** An event arrived under a key other than its session key and was re-sent under it. */
    public void eventRekeyed() {
        rekeyed.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    /** A stored session state that could not be read and was replaced by a new session. */
    public void unreadableState() {
        unreadableStates.increment();
    }

    /**
     * A session's model state was rebuilt from its raw items instead of stepped: the session had items before this
     * event that this model and version had not stepped through (after a swap, a change of line, or state from a
     * build without one). A new session's first event is a first step, not a rebuild.
     */
    public void stateRebuilt() {
        stateRebuilds.increment();
    }

    public long stateRebuilds() {
        return stateRebuilds.sum();
    }

    public void inferenceFailed() {
        inferenceErrors.increment();
    }

    public void modelInstalled(ModelManifest manifest, boolean replacedAnother) {
        modelLoads.increment();
        if (replacedAnother) {
            modelSwaps.increment();
        }
        Serving now = new Serving(manifest.label(), manifest.version());
        serving.set(now);
        // Bundles are keyed by model name on the model topic, and a line is that key.
        servingByLine.put(manifest.name(), now);
    }

    public void bundleRefused() {
        refusedBundles.increment();
    }

    /** The model watcher met an error it did not expect (an Error included) and carried on past it. */
    public void watcherFailed() {
        watcherFailures.increment();
    }

    /** Time one event spent in the processor (parse, state read and write, scoring), in microseconds. */
    public void processed(long micros) {
        processingMicros.record(micros);
    }

    // ---- reads ----

    public long eventsIn() {
        return eventsIn.sum();
    }

    public long recommendationsOut() {
        long total = 0;
        for (LongAdder count : answers.values()) {
            total += count.sum();
        }
        return total;
    }

    public long modelRecommendations() {
        return answers.get(AnswerSource.MODEL).sum();
    }

    /** Answers from popularity, whatever the reason. */
    public long popularityRecommendations() {
        return recommendationsOut() - modelRecommendations();
    }

    /** Answers from popularity for one reason; {@code answers(MODEL)} is {@link #modelRecommendations()}. */
    public long answers(AnswerSource source) {
        return answers.get(source).sum();
    }

    /** Events re-sent under their session key. */
    public long rekeyedCount() {
        return rekeyed.sum();
    }

    public long deadLetteredCount() {
        return deadLettered.sum();
    }

    public long unreadableStates() {
        return unreadableStates.sum();
    }

    /** Failed inferences of any line, the shadow's included (those cost no answer, only its measurement). */
    public long inferenceErrors() {
        return inferenceErrors.sum();
    }

    /** Models installed, the first one included. */
    public long modelLoads() {
        return modelLoads.sum();
    }

    /** Installs that replaced a serving model (the first load is not a swap). */
    public long modelSwaps() {
        return modelSwaps.sum();
    }

    public long refusedBundles() {
        return refusedBundles.sum();
    }

    public long watcherFailures() {
        return watcherFailures.sum();
    }

    /**
     * The serving model's label, e.g. "gru4rec v3 (gru4rec)", or "popularity" before any model arrived. With several
     * lines, every loaded line's label by line name, comma-separated.
     */
    public String servingModel() {
        if (servingByLine.size() <= 1) {
            return serving.get().label();
        }
        return String.join(", ", new TreeMap<>(servingByLine).values().stream().map(Serving::label).toList());
    }

    /** The version the line serves, 0 when it has no model yet. */
    public long servingVersion(String line) {
        Serving s = servingByLine.get(line);
        return s == null ? 0 : s.version();
    }

    /** Answers sent for sessions of {@code line}, from its model and from popularity together. */
    public long lineAnswers(String line) {
        LineAnswers counts = answersByLine.get(line);
        return counts == null ? 0 : counts.model.sum() + counts.popularity.sum();
    }

    /** Answers for sessions of {@code line} that came from popularity (no model yet, unknown items, errors). */
    public long linePopularityAnswers(String line) {
        LineAnswers counts = answersByLine.get(line);
        return counts == null ? 0 : counts.popularity.sum();
    }

    public long shadowScoredCount() {
        return shadowScored.sum();
    }

    /** HR@K and MRR@K per role and model version on the live stream. */
    public OnlineAccuracy onlineAccuracy() {
        return accuracy;
    }

    /** The most recently installed model's version, 0 before any model arrived. */
    public long servingModelVersion() {
        return serving.get().version();
    }

    /** Nearest-rank percentile of recent per-event processing times, in microseconds; 0 before any event. */
    public long processingMicrosPercentile(double p) {
        return processingMicros.percentile(p);
    }

    /** Everything above, for the {@code /stats} endpoint. */
    public Map<String, Object> snapshot() {
        Serving s = serving.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("servingModel", servingModel());
        m.put("servingModelVersion", s.version());
        m.put("eventsIn", eventsIn());
        m.put("recommendationsOut", recommendationsOut());
        m.put("modelRecommendations", modelRecommendations());
        m.put("popularityRecommendations", popularityRecommendations());
        m.put("popularityNoModel", answers(AnswerSource.NO_MODEL));
        m.put("popularityUnknownItems", answers(AnswerSource.UNKNOWN_ITEMS));
        m.put("popularityInferenceError", answers(AnswerSource.INFERENCE_ERROR));
        m.put("deadLettered", deadLetteredCount());
        m.put("rekeyed", rekeyedCount());
        m.put("unreadableStates", unreadableStates());
        m.put("inferenceErrors", inferenceErrors());
        m.put("stateRebuilds", stateRebuilds());
        m.put("modelLoads", modelLoads());
        m.put("modelSwaps", modelSwaps());
        m.put("refusedBundles", refusedBundles());
        m.put("watcherFailures", watcherFailures());
        m.put("processingMicrosP50", processingMicrosPercentile(50));
        m.put("processingMicrosP99", processingMicrosPercentile(99));
        m.put("shadowScored", shadowScoredCount());
        m.put("batches", batches());
        Map<String, Long> byCause = new LinkedHashMap<>();
        for (BatchCause cause : BatchCause.values()) {
            byCause.put(cause.name().toLowerCase(Locale.ROOT), batches(cause));
        }
        m.put("batchesByCause", byCause);
        m.put("meanBatchSize", meanBatchSize());
        m.put("lines", lines());
        m.put("onlineAccuracy", accuracy.snapshot());
        return m;
    }

    /** Per line: the model it serves and the answers its sessions got. */
    private List<Map<String, Object>> lines() {
        SortedSet<String> names = new TreeSet<>(servingByLine.keySet());
        names.addAll(answersByLine.keySet());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : names) {
            Serving s = servingByLine.get(line);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", line);
            m.put("model", s == null ? null : s.label());
            m.put("modelVersion", s == null ? 0 : s.version());
            m.put("answers", lineAnswers(line));
            m.put("popularityAnswers", linePopularityAnswers(line));
            lines.add(m);
        }
        return lines;
    }

    /** One log line. */
    public String oneLine() {
        return String.format("serving %s; events %d, recommendations %d (model %d, popularity %d: no model %d,"
                        + " unknown items %d, inference errors %d), dead-lettered %d, swaps %d, refused bundles %d,"
                        + " watcher failures %d, processing p50 %d us p99 %d us, batches %d (mean %.1f events; %s)",
                servingModel(), eventsIn(), recommendationsOut(), modelRecommendations(), popularityRecommendations(),
                answers(AnswerSource.NO_MODEL), answers(AnswerSource.UNKNOWN_ITEMS),
                answers(AnswerSource.INFERENCE_ERROR), deadLetteredCount(), modelSwaps(), refusedBundles(),
                watcherFailures(),
                processingMicrosPercentile(50), processingMicrosPercentile(99), batches(), meanBatchSize(),
                batchCauses())
                + onlineAccuracyLine();
    }

    private String batchCauses() {
        StringBuilder line = new StringBuilder();
        for (BatchCause cause : BatchCause.values()) {
            line.append(line.length() == 0 ? "" : " ").append(cause.name().toLowerCase(Locale.ROOT))
                    .append(' ').append(batches(cause));
        }
        return line.toString();
    }

    private String onlineAccuracyLine() {
        List<ModelAccuracy> all = accuracy.snapshot();
        if (all.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder("; online HR@").append(accuracy.k()).append("/MRR@")
                .append(accuracy.k()).append(':');
        for (ModelAccuracy a : all) {
            line.append(String.format(" %s%s v%d %.3f/%.3f (%d)", a.role().equals("shadow") ? "shadow " : "",
                    a.modelName(), a.modelVersion(), a.hitRate(), a.mrr(), a.events()));
        }
        return line.toString();
    }
}
