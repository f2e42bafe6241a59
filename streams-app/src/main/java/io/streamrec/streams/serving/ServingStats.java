package io.streamrec.streams.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.streams.accuracy.AnswerRole;
import io.streamrec.streams.accuracy.ModelAccuracy;
import io.streamrec.streams.accuracy.OnlineAccuracy;
import io.streamrec.streams.deadletter.DeadLetterCause;
import io.streamrec.streams.session.ServedList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The counters of one app instance, kept as meters of a Micrometer registry: the registry is what {@code /metrics}
 * exposes, and every figure read here (and so on {@code /stats}) is read from the same meters, so the two cannot
 * disagree. Safe to update from every stream thread; meters that depend on a label value (a line, a model version)
 * are made on first use and cached, so an event costs a map lookup, not a registration.
 *
 * <p>Label values are bounded: lines and model names come from the configuration, versions from published bundles,
 * causes from enums. No session or item id is ever a label.
 *
 * <p>The counters describe this process since it started. Under exactly-once a task that is re-run after a failure
 * processes some events twice, so {@link #eventsIn()} can exceed the committed output; the topics are the record.
 */
public final class ServingStats {
    /** The percentiles published for each timer (p50, p99, p99.9). */
    static final double[] PERCENTILES = {0.5, 0.99, 0.999};

    private final PrometheusMeterRegistry registry;
    private final Counter eventsIn;
    private final ConcurrentMap<AnswerKey, Counter> answers = new ConcurrentHashMap<>();
    private final Map<DeadLetterCause, Counter> deadLetters = new EnumMap<>(DeadLetterCause.class);
    private final Counter rekeyed;
    private final Counter unreadableStates;
    private final Counter inferenceErrors;
    private final Counter stateRebuilds;
    private final ConcurrentMap<String, Counter> modelLoads = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> modelSwaps = new ConcurrentHashMap<>();
    private final Map<RefusalCause, Counter> refusedBundles = new EnumMap<>(RefusalCause.class);
    private final Counter watcherFailures;
    private final Counter shadowScored;
    private final Map<BatchCause, Counter> batches = new EnumMap<>(BatchCause.class);
    private final Map<BatchCause, Counter> batchedEvents = new EnumMap<>(BatchCause.class);
    private final Timer processing;
    private final ConcurrentMap<String, Timer> inference = new ConcurrentHashMap<>();
    private final AtomicReference<Serving> serving = new AtomicReference<>(Serving.NONE);
    /** The model each line serves, by line (= model name); a line without a model yet is absent. */
    private final ConcurrentMap<String, Serving> servingByLine = new ConcurrentHashMap<>();
    private final OnlineAccuracy accuracy;
    private final Set<AccuracyKey> accuracyMeters = ConcurrentHashMap.newKeySet();

    /** Label and version of the serving model, read together. */
    private record Serving(String label, long version) {
        static final Serving NONE = new Serving(Recommendation.POPULARITY, 0);
    }

    /** One series of the answers counter. */
    private record AnswerKey(String line, AnswerSource source, String model, long version) {
    }

    private record AccuracyKey(AnswerRole role, String model, long version) {
    }

    /** Counters on a registry of their own, without the JVM's and Kafka's meters. */
    public ServingStats(int topK) {
        this(topK, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Counters whose online accuracy is HR@{@code topK} and MRR@{@code topK}, registered on {@code registry}. */
    public ServingStats(int topK, PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.accuracy = new OnlineAccuracy(topK);
        eventsIn = counter("streamrec.events.in", "Events taken from the input topics, dead letters included");
        rekeyed = counter("streamrec.events.rekeyed", "Events re-sent under their session key");
        unreadableStates = counter("streamrec.states.unreadable",
                "Stored session states that could not be read and were started afresh");
        inferenceErrors = counter("streamrec.inference.errors", "Events a model failed to score, shadow included");
        stateRebuilds = counter("streamrec.states.rebuilt",
                "Session model states rebuilt from the raw items instead of stepped");
        watcherFailures = counter("streamrec.model.watcher.failures",
                "Unexpected failures the model watcher contained and went on past");
        shadowScored = counter("streamrec.shadow.scored", "Events the shadow line scored (answers not sent)");
        for (DeadLetterCause cause : DeadLetterCause.values()) {
            deadLetters.put(cause, Counter.builder("streamrec.dead.letters").tag("reason", cause.label())
                    .description("Events sent to the dead-letter topic, by class of reason").register(registry));
        }
        for (RefusalCause cause : RefusalCause.values()) {
            refusedBundles.put(cause, Counter.builder("streamrec.bundles.refused").tag("reason", cause.label())
                    .description("Model bundles refused, by class of reason").register(registry));
        }
        for (BatchCause cause : BatchCause.values()) {
            String label = cause.name().toLowerCase(Locale.ROOT);
            batches.put(cause, Counter.builder("streamrec.batches").tag("cause", label)
                    .description("Batches of events answered together, by what closed them").register(registry));
            batchedEvents.put(cause, Counter.builder("streamrec.batched.events").tag("cause", label)
                    .description("Events answered in batches, by what closed the batch").register(registry));
        }
        processing = timer("streamrec.processing", "Time one event spent in the processor: parse, state, scoring")
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    /** A timer with p50, p99 and p99.9 over the last two minutes (HdrHistogram, two significant digits). */
    private static Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(PERCENTILES).percentilePrecision(2);
    }

    /** The registry these counters live on: what {@code /metrics} exposes. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    // ---- updates ----

    public void eventIn() {
        eventsIn.increment();
    }

    /**
     * An answer sent for a session of {@code line}, from {@code model} at {@code version} (the answer's own: the
     * popularity ranking at version 0 when it came from the fallback).
     */
    public void recommended(String line, AnswerSource source, String model, long version) {
        answers.computeIfAbsent(new AnswerKey(line, source, model, version), key -> Counter
                .builder("streamrec.recommendations.out")
                .description("Recommendations sent, by line, the model and version that made them, and source")
                .tag("line", key.line()).tag("model", key.model()).tag("version", Long.toString(key.version()))
                .tag("source", key.source().isFallback() ? "popularity" : "model")
                .tag("fallback", key.source().isFallback() ? key.source().name().toLowerCase(Locale.ROOT) : "none")
                .register(registry)).increment();
    }

    /** The topology answered {@code size} events together (one model call per line and path), for {@code cause}. */
    public void batchAnswered(int size, BatchCause cause) {
        batches.get(cause).increment();
        batchedEvents.get(cause).increment(size);
    }

    /** The shadow model scored an event (its answer was not sent). */
    public void shadowScored() {
        shadowScored.increment();
    }

    /** A click scored against the list its session got for its previous event (see {@link OnlineAccuracy}). */
    public void clickScored(AnswerRole role, ServedList previous, String clickedItem) {
        accuracy.observe(role, previous, clickedItem);
        AccuracyKey key = new AccuracyKey(role, previous.modelName(), previous.modelVersion());
        if (accuracyMeters.add(key)) {
            registerAccuracy(key);
        }
    }

    /** The online accuracy of one role and model version as meters that read {@link #accuracy} when scraped. */
    private void registerAccuracy(AccuracyKey key) {
        Tags version = Tags.of("role", key.role().label(), "model", key.model(), "version",
                Long.toString(key.version()));
        Tags atK = version.and("k", Integer.toString(accuracy.k()));
        Function<ToDoubleFunction<ModelAccuracy>, ToDoubleFunction<OnlineAccuracy>> read = field -> acc -> acc
                .of(key.role(), key.model(), key.version()).map(field::applyAsDouble).orElse(0.0);
        FunctionCounter.builder("streamrec.online.scored.events", accuracy, read.apply(ModelAccuracy::events))
                .description("Clicks scored against the list their session was given for its previous event")
                .tags(version).register(registry);
        FunctionCounter.builder("streamrec.online.hits", accuracy, read.apply(ModelAccuracy::hits))
                .description("Scored clicks on an item of the previous list's top K").tags(atK).register(registry);
        Gauge.builder("streamrec.online.hit.rate", accuracy, read.apply(ModelAccuracy::hitRate))
                .description("Online HR@K: the share of scored clicks on an item of the previous list's top K")
                .tags(atK).register(registry);
        Gauge.builder("streamrec.online.mrr", accuracy, read.apply(ModelAccuracy::mrr))
                .description("Online MRR@K: the mean reciprocal rank of the clicked item in the previous list")
                .tags(atK).register(registry);
    }

    /** An event arrived under a key other than its session key and was re-sent under it. */
    public void eventRekeyed() {
        rekeyed.increment();
    }

    public void deadLettered(DeadLetterCause cause) {
        deadLetters.get(cause).increment();
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
        return count(stateRebuilds);
    }

    public void inferenceFailed() {
        inferenceErrors.increment();
    }

    /** One call of {@code line}'s model on a batch of events took {@code nanos}. */
    public void inferred(String line, long nanos) {
        inference.computeIfAbsent(line, l -> timer("streamrec.inference",
                        "Time one call of a line's model took on a batch of events (HTTP reads included)")
                        .tag("line", l).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void modelInstalled(ModelManifest manifest, boolean replacedAnother) {
        // Bundles are keyed by model name on the model topic, and a line is that key.
        String line = manifest.name();
        lineCounter(modelLoads, "streamrec.model.loads", "Models installed, the first one included", line)
                .increment();
        if (replacedAnother) {
            lineCounter(modelSwaps, "streamrec.model.swaps", "Installs that replaced a serving model", line)
                    .increment();
        }
        Serving now = new Serving(manifest.label(), manifest.version());
        serving.set(now);
        servingByLine.put(line, now);
    }

    private Counter lineCounter(ConcurrentMap<String, Counter> byLine, String name, String description, String line) {
        return byLine.computeIfAbsent(line, l -> Counter.builder(name).description(description).tag("line", l)
                .register(registry));
    }

    public void bundleRefused(RefusalCause cause) {
        refusedBundles.get(cause).increment();
    }

    /** The model watcher met an error it did not expect (an Error included) and carried on past it. */
    public void watcherFailed() {
        watcherFailures.increment();
    }

    /** Time one event spent in the processor (parse, state read and write, scoring), in nanoseconds. */
    public void processed(long nanos) {
        processing.record(nanos, TimeUnit.NANOSECONDS);
    }

    // ---- reads ----

    private static long count(Counter counter) {
        return (long) counter.count();
    }

    private static long sum(Iterable<Counter> counters) {
        long total = 0;
        for (Counter c : counters) {
            total += count(c);
        }
        return total;
    }

    public long eventsIn() {
        return count(eventsIn);
    }

    public long recommendationsOut() {
        return sum(answers.values());
    }

    public long modelRecommendations() {
        return answers(AnswerSource.MODEL);
    }

    /** Answers from popularity, whatever the reason. */
    public long popularityRecommendations() {
        return recommendationsOut() - modelRecommendations();
    }

    /** Answers from popularity for one reason; {@code answers(MODEL)} is {@link #modelRecommendations()}. */
    public long answers(AnswerSource source) {
        long total = 0;
        for (Map.Entry<AnswerKey, Counter> e : answers.entrySet()) {
            total += e.getKey().source() == source ? count(e.getValue()) : 0;
        }
        return total;
    }

    /** How many batches the topology answered. */
    public long batches() {
        return sum(batches.values());
    }

    /** How many batches the topology answered for {@code cause}. */
    public long batches(BatchCause cause) {
        return count(batches.get(cause));
    }

    /** Mean events per answered batch; 0 before any. */
    public double meanBatchSize() {
        long n = batches();
        return n == 0 ? 0 : sum(batchedEvents.values()) / (double) n;
    }

    /** Events re-sent under their session key. */
    public long rekeyedCount() {
        return count(rekeyed);
    }

    public long deadLetteredCount() {
        return sum(deadLetters.values());
    }

    public long unreadableStates() {
        return count(unreadableStates);
    }

    /** Failed inferences of any line, the shadow's included (those cost no answer, only its measurement). */
    public long inferenceErrors() {
        return count(inferenceErrors);
    }

    /** Models installed, the first one included. */
    public long modelLoads() {
        return sum(modelLoads.values());
    }

    /** Installs that replaced a serving model (the first load is not a swap). */
    public long modelSwaps() {
        return sum(modelSwaps.values());
    }

    public long refusedBundles() {
        return sum(refusedBundles.values());
    }

    public long watcherFailures() {
        return count(watcherFailures);
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
        return lineAnswers(line, false);
    }

    /** Answers for sessions of {@code line} that came from popularity (no model yet, unknown items, errors). */
    public long linePopularityAnswers(String line) {
        return lineAnswers(line, true);
    }

    private long lineAnswers(String line, boolean fallbackOnly) {
        long total = 0;
        for (Map.Entry<AnswerKey, Counter> e : answers.entrySet()) {
            AnswerKey key = e.getKey();
            boolean counted = key.line().equals(line) && (!fallbackOnly || key.source().isFallback());
            total += counted ? count(e.getValue()) : 0;
        }
        return total;
    }

    public long shadowScoredCount() {
        return count(shadowScored);
    }

    /** HR@K and MRR@K per role and model version on the live stream. */
    public OnlineAccuracy onlineAccuracy() {
        return accuracy;
    }

    /** The most recently installed model's version, 0 before any model arrived. */
    public long servingModelVersion() {
        return serving.get().version();
    }

    /**
     * Per-event processing time at percentile {@code p} (50, 99 or 99.9) over the last two minutes, in microseconds;
     * 0 before any event.
     */
    public long processingMicrosPercentile(double p) {
        return percentileMicros(processing, p);
    }

    /** {@code timer}'s published percentile {@code p} (in percent), in microseconds. */
    static long percentileMicros(Timer timer, double p) {
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            if (Math.abs(v.percentile() * 100 - p) < 1e-9) {
                return Math.round(v.value(TimeUnit.MICROSECONDS));
            }
        }
        throw new IllegalArgumentException("percentile " + p + " is not published; these are: p50, p99, p99.9");
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
        m.put("deadLetteredByReason", byLabel(deadLetters, DeadLetterCause::label));
        m.put("rekeyed", rekeyedCount());
        m.put("unreadableStates", unreadableStates());
        m.put("inferenceErrors", inferenceErrors());
        m.put("stateRebuilds", stateRebuilds());
        m.put("modelLoads", modelLoads());
        m.put("modelSwaps", modelSwaps());
        m.put("refusedBundles", refusedBundles());
        m.put("refusedBundlesByReason", byLabel(refusedBundles, RefusalCause::label));
        m.put("watcherFailures", watcherFailures());
        m.put("processingMicrosP50", processingMicrosPercentile(50));
        m.put("processingMicrosP99", processingMicrosPercentile(99));
        m.put("processingMicrosP999", processingMicrosPercentile(99.9));
        m.put("shadowScored", shadowScoredCount());
        m.put("batches", batches());
        m.put("batchesByCause", byLabel(batches, cause -> cause.name().toLowerCase(Locale.ROOT)));
        m.put("meanBatchSize", meanBatchSize());
        m.put("lines", lines());
        m.put("onlineAccuracy", accuracy.snapshot());
        return m;
    }

    private static <E extends Enum<E>> Map<String, Long> byLabel(Map<E, Counter> counters, Function<E, String> label) {
        Map<String, Long> byLabel = new LinkedHashMap<>();
        counters.forEach((key, counter) -> byLabel.put(label.apply(key), count(counter)));
        return byLabel;
    }

    /** Per line: the model it serves and the answers its sessions got. */
    private List<Map<String, Object>> lines() {
        SortedSet<String> names = new TreeSet<>(servingByLine.keySet());
        answers.keySet().forEach(key -> names.add(key.line()));
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
