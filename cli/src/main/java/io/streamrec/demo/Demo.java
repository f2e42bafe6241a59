package io.streamrec.demo;

import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EPOCHS;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.SEED;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.replay.EventReplayer;
import io.streamrec.replay.ReplayOrder;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.trainer.data.GruTsvReader;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.gru4rec.Gru4RecFamily;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import io.streamrec.trainer.pipeline.TrainingResult;
import io.streamrec.trainer.publish.BundlePublisher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The whole system on one machine, end to end, with nothing mocked: broker, trainer, model topic, streams app,
 * live traffic, a hot swap, and the measurements that say whether it worked.
 */
public final class Demo {
    static final String MODEL_NAME = "gru4rec";
    static final int K = 20;
    private static final double SECOND_MODEL_DEADLINE = 0.75;
    private static final String[] MALFORMED = {
        "this is not json",
        "{\"sessionId\":\"malformed\",\"timestamp\":1}",
        "{\"itemId\":\"i1\",\"timestamp\":1}",
    };

    private final DemoSettings settings;
    private final PrintStream out;
    private final TopicCatalogue topics = TopicCatalogue.defaults();

    public Demo(DemoSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public DemoSummary run() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(settings.workDir());
        Path stateDir = Files.createTempDirectory(settings.workDir(), "state-");
        step("Starting an embedded Apache Kafka broker (KRaft, 127.0.0.1)");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(topics.newTopics(settings.partitions(), (short) 1));
            out.printf("  broker on %s; topics %s, %s, %s, %s%n", broker.bootstrapServers(), topics.events(),
                    topics.recommendations(), topics.deadLetters(), topics.models());

            SessionDataset.Split split = loadData();
            List<Session> live = liveSessions(split.test());
            List<ClickEvent> liveEvents = ReplayOrder.inTimeOrder(live);
            out.printf("  %,d training sessions (%,d clicks); %,d held-out sessions replayed live (%,d clicks)%n",
                    split.train().sessions().size(), split.train().eventCount(), live.size(), liveEvents.size());

            DemoKeys keys = DemoKeys.in(settings.workDir().resolve("keys"));
            out.printf("  model bundles are signed with key %s (%s); the app loads only those%n", keys.fingerprint(),
                    keys.dir());

            step("Training GRU4Rec v1 with the Java trainer (DJL)");
            TrainingResult first = train(split.train(), split.test(), 1);
            Map<String, Map<String, Double>> offline = new LinkedHashMap<>();
            offline.put(MODEL_NAME + " v1", first.metrics());

            try (BundlePublisher publisher = new BundlePublisher(broker.bootstrapServers(), topics, keys.signer())) {
                publisher.publish(first.bundle());
                out.printf("  published %s to %s%n", first.bundle().manifest().label(), topics.models());

                step("Starting the streams app");
                StreamsAppConfig appConfig = StreamsAppConfig.defaults(broker.bootstrapServers())
                        .withStateDir(stateDir)
                        .withModelTrust(keys.trust())
                        .withProcessingGuarantee(settings.processingGuarantee());
                try (StreamsApp app = StreamsApp.start(appConfig);
                     OutputCollector outputs = new OutputCollector(broker.bootstrapServers(), topics);
                     EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
                    require(app.awaitRunning(Duration.ofSeconds(60)), "the streams app did not reach RUNNING");
                    require(app.awaitModelVersion(1, Duration.ofSeconds(60)), "the streams app did not load model v1");
                    out.printf("  serving %s; HTTP on http://127.0.0.1:%d%n",
                            app.currentModel().map(m -> m.label()).orElse("?"), app.httpPort());
                    outputs.start();

                    SessionLedger ledger = new SessionLedger();
                    PopularityRanking popularity = new PopularityRanking();
                    split.train().sessions().forEach(s -> s.items().forEach(popularity::record));

                    step(String.format("Replaying %,d live events at %.0f events/s; v2 trains after %.0f%% of them",
                            liveEvents.size(), settings.rate(), settings.secondModelAt() * 100));
                    AtomicLong sent = new AtomicLong();
                    AtomicLong malformed = new AtomicLong();
                    long secondModelAfter = (long) (liveEvents.size() * settings.secondModelAt());
                    // v2 must serve part of the stream: if it is not ready when this share has been sent, the replay
                    // pauses for it (and says so) rather than ending with v1 alone.
                    long secondModelDeadline = Math.max(secondModelAfter + 1,
                            (long) (liveEvents.size() * SECOND_MODEL_DEADLINE));
                    CompletableFuture<TrainingResult> second = new CompletableFuture<>();
                    ScheduledExecutorService view = Executors.newSingleThreadScheduledExecutor();
                    LiveView liveView = new LiveView(ledger, outputs, out, settings.liveSessions());
                    view.scheduleAtFixedRate(() -> liveView.print(sent.get(), liveEvents.size()),
                            settings.liveEverySeconds(), settings.liveEverySeconds(), TimeUnit.SECONDS);
                    long replayStart = System.nanoTime();
                    try {
                        replayer.replay(liveEvents, settings.rate(), (index, event) -> {
                            popularity.record(event.itemId());
                            ledger.record(event, popularity.top(K));
                            sent.incrementAndGet();
                            if (settings.malformedEvery() > 0 && (index + 1) % settings.malformedEvery() == 0) {
                                replayer.sendRaw("malformed-" + index, MALFORMED[(int) (malformed.get() % MALFORMED.length)]);
                                malformed.incrementAndGet();
                            }
                            if (index + 1 == secondModelAfter) {
                                trainSecondModel(split, ledger, publisher, second);
                            }
                            if (index + 1 == secondModelDeadline && !second.isDone()) {
                                out.printf("%n  replay paused at %,d events until v2 is published%n", index + 1);
                                awaitSecondModel(second, app);
                            }
                        });
                        if (secondModelAfter >= liveEvents.size()) {
                            trainSecondModel(split, ledger, publisher, second);
                        }
                    } finally {
                        view.shutdownNow();
                    }
                    double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
                    TrainingResult secondResult = second.get(10, TimeUnit.MINUTES);
                    offline.put(MODEL_NAME + " v2", secondResult.metrics());

                    long eventsIn = sent.get() + malformed.get();
                    boolean complete = outputs.awaitOutputs(eventsIn, Duration.ofSeconds(60));
                    liveView.print(sent.get(), liveEvents.size());
                    var stats = app.stats();
                    DemoSummary summary = summarize(eventsIn, malformed.get(), complete, outputs, ledger, stats,
                            appConfig, offline, replaySeconds, (System.nanoTime() - started) / 1e9);
                    report(summary);
                    return summary;
                }
            }
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private static void awaitSecondModel(CompletableFuture<TrainingResult> second, StreamsApp app) {
        try {
            second.get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("training model v2 failed", e);
        }
        require(app.awaitModelVersion(2, Duration.ofSeconds(60)), "the streams app did not load model v2");
    }

    private SessionDataset.Split loadData() throws IOException {
        SessionDataset all;
        if (settings.data() != null) {
            step("Reading " + settings.data());
            all = GruTsvReader.read(settings.data());
        } else {
            step(String.format("Generating %,d sessions over %,d items with sequential structure (seed %d)",
                    settings.sessions(), settings.items(), settings.seed()));
            all = SyntheticSessions.generate(new SyntheticSessions.Config(settings.items(), settings.sessions(),
                    settings.seed()));
        }
        return all.split(settings.testFraction());
    }

    /** The held-out sessions to replay: the earliest ones, whole, up to the event cap. */
    private List<Session> liveSessions(SessionDataset test) {
        List<Session> live = new ArrayList<>();
        long events = 0;
        for (Session session : test.sessions()) {
            if (settings.maxLiveEvents() > 0 && events + session.items().size() > settings.maxLiveEvents()) {
                break;
            }
            live.add(session);
            events += session.items().size();
        }
        return live;
    }

    private TrainingResult train(SessionDataset train, SessionDataset test, long version) {
        Gru4RecConfig config = Gru4RecConfig.defaults().with(EPOCHS, settings.epochs())
                .with(SEED, settings.seed() + version);
        TrainingResult result = TrainingPipeline.run(new Gru4RecFamily(), new TrainingRequest(train, test,
                config.asMap(), MODEL_NAME, version), line -> out.println("  [train v" + version + "] "
                + line));
        Map<String, Double> m = result.metrics();
        out.printf("  v%d offline (GRU4Rec protocol, %s held-out sessions): Recall@20 %.3f  MRR@20 %.3f;"
                        + " popularity Recall@20 %.3f  MRR@20 %.3f; ONNX parity max |diff| %.2e; trained in %.1f s%n",
                version, version == 1 ? "all" : "not yet streamed", m.getOrDefault("recall@20", Double.NaN),
                m.getOrDefault("mrr@20", Double.NaN), m.getOrDefault("popularity.recall@20", Double.NaN),
                m.getOrDefault("popularity.mrr@20", Double.NaN), result.parity().maxAbsDifference(),
                result.trainingTime().toMillis() / 1000.0);
        return result;
    }

    /**
     * Trains v2 on the training data plus every session streamed so far, as a periodic retrain would, and publishes
     * it; it is evaluated offline on the held-out sessions not streamed yet, so its figure is not inflated.
     */
    private void trainSecondModel(SessionDataset.Split split, SessionLedger ledger, BundlePublisher publisher,
                                  CompletableFuture<TrainingResult> result) {
        Map<String, List<SessionLedger.Sent>> streamed = ledger.snapshot();
        Thread trainer = new Thread(() -> {
            try {
                List<Session> sessions = new ArrayList<>(split.train().sessions());
                Set<String> seen = new HashSet<>(streamed.keySet());
                for (Session s : split.test().sessions()) {
                    if (seen.contains(s.sessionId())) {
                        int n = streamed.get(s.sessionId()).size();
                        if (n >= 2) {
                            sessions.add(new Session(s.sessionId(), s.items().subList(0, n), s.timestampsMs().subList(0, n)));
                        }
                    }
                }
                List<Session> unseen = split.test().sessions().stream().filter(s -> !seen.contains(s.sessionId())).toList();
                out.printf("%n  [train v2] on %,d sessions (training data + %,d streamed so far), evaluated on %,d not yet streamed%n",
                        sessions.size(), sessions.size() - split.train().sessions().size(), unseen.size());
                TrainingResult trained = train(SessionDataset.of(sessions), SessionDataset.of(unseen), 2);
                publisher.publish(trained.bundle());
                out.printf("  published %s while the stream runs%n", trained.bundle().manifest().label());
                result.complete(trained);
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        }, "demo-train-v2");
        trainer.setDaemon(true);
        trainer.start();
    }

    private DemoSummary summarize(long eventsIn, long malformed, boolean complete, OutputCollector outputs,
                                  SessionLedger ledger, io.streamrec.streams.serving.ServingStats stats,
                                  StreamsAppConfig appConfig, Map<String, Map<String, Double>> offline, double replaySeconds, double totalSeconds) {
        OnlineAccuracy served = new OnlineAccuracy(K);
        OnlineAccuracy popularity = new OnlineAccuracy(K);
        Map<String, OnlineAccuracy> byModel = new LinkedHashMap<>();
        ledger.snapshot().forEach((session, clicks) -> {
            List<Recommendation> recs = outputs.forSession(session);
            for (int i = 0; i + 1 < clicks.size() && i < recs.size(); i++) {
                String next = clicks.get(i + 1).itemId();
                Recommendation rec = recs.get(i);
                served.add(rec.items(), next);
                popularity.add(clicks.get(i).popularityTopK(), next);
                byModel.computeIfAbsent(rec.modelName() + " v" + rec.modelVersion(), k -> new OnlineAccuracy(K))
                        .add(rec.items(), next);
            }
        });
        Map<String, DemoSummary.Accuracy> accuracy = new LinkedHashMap<>();
        accuracy.put("served", accuracy(served));
        accuracy.put("popularity baseline", accuracy(popularity));
        byModel.forEach((model, acc) -> accuracy.put("served by " + model, accuracy(acc)));
        long recommendations = outputs.recommendations();
        long deadLetters = outputs.deadLetters();
        boolean noLoss = complete && eventsIn == recommendations + deadLetters;
        return new DemoSummary(eventsIn, recommendations, deadLetters, malformed, noLoss, outputs.versionsSeen(),
                stats.modelSwaps(), stats.refusedBundles(), outputs.fallbacks(),
                outputs.latencyMsPercentile(50), outputs.latencyMsPercentile(99),
                stats.processingMicrosPercentile(50), stats.processingMicrosPercentile(99),
                appConfig.processingGuarantee(), commitIntervalMs(appConfig), K, accuracy, offline,
                replaySeconds, totalSeconds);
    }

    /** The commit interval Kafka Streams runs with: an explicit {@code commit.interval.ms} property wins. */
    private static long commitIntervalMs(StreamsAppConfig config) {
        String explicit = config.extraStreams().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        return explicit != null ? Long.parseLong(explicit.trim()) : config.commitInterval().toMillis();
    }

    private static DemoSummary.Accuracy accuracy(OnlineAccuracy a) {
        return new DemoSummary.Accuracy(a.events(), a.hitRate(), a.mrr());
    }

    private void report(DemoSummary s) throws IOException {
        step("Summary");
        out.printf("  events in            %,10d  (%,d of them malformed on purpose)%n", s.eventsIn(), s.malformedSent());
        out.printf("  recommendations out  %,10d  (%,d from the popularity fallback)%n", s.recommendationsOut(),
                s.popularityFallbacks());
        out.printf("  dead-lettered        %,10d%n", s.deadLettered());
        out.printf("  in == out + dead     %10s%n", s.noEventLost() ? "yes" : "NO: events were lost or duplicated");
        out.printf("  models served        %s; swaps %d; refused bundles %d%n", String.join(", ", s.modelVersionsServed()),
                s.modelSwaps(), s.refusedBundles());
        out.printf("  processing           %s, commit interval %d ms%n", s.processingGuarantee(),
                s.commitIntervalMs());
        out.printf("  latency event->rec   p50 %d ms, p99 %d ms (end to end, %s commits)%n", s.latencyP50Ms(),
                s.latencyP99Ms(), s.processingGuarantee());
        out.printf("  processing per event p50 %d us, p99 %d us (state + model, inside the app)%n",
                s.processingP50Micros(), s.processingP99Micros());
        out.printf("  online accuracy against each session's next click (K=%d):%n", s.k());
        s.accuracy().forEach((source, a) -> out.printf("    %-28s HR@%d %.3f  MRR@%d %.3f  over %,d events%n", source,
                s.k(), a.hitRate(), s.k(), a.mrr(), a.events()));
        out.printf("  replay %.1f s; demo total %.1f s%n", s.replaySeconds(), s.totalSeconds());
        if (settings.summaryJson() != null) {
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(settings.summaryJson().toFile(), s);
            out.println("  summary written to " + settings.summaryJson());
        }
        if (settings.logFile() != null) {
            out.println("  log                  " + settings.logFile());
        }
    }

    private void step(String what) {
        out.println();
        out.println("== " + what);
    }

    private static void require(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is not worth failing the demo for
        }
    }
}
