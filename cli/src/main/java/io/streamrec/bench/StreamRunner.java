package io.streamrec.bench;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.model.ScoringOptions;
import io.streamrec.replay.EventReplayer;
import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.schemas.bundle.BundleSigner;
import io.streamrec.schemas.bundle.BundleTrust;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.streams.topology.ScoringBatch;
import io.streamrec.trainer.publish.BundlePublisher;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Runs one measurement on the shared embedded broker: fresh topics and a fresh application id per run (so no run
 * reads another's state), the events sent by the same producer the demo uses, and the answers counted by an
 * {@link OutputCounter} outside the app. The clock starts at the first timed send and stops when the last answer is
 * counted.
 */
final class StreamRunner {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Loading a large model (a 60k-item graph, checks and warm-up) takes seconds; a 300k one longer. */
    private static final Duration MODEL_TIMEOUT = Duration.ofMinutes(3);

    /** What every run shares, so the rows compare like with like. */
    record Settings(int partitions, int streamThreads, String guarantee, Duration commitInterval, ScoringBatch batch,
                    Map<String, String> extraStreams, Duration rowTimeout) {
        Settings {
            extraStreams = Map.copyOf(extraStreams);
        }

        boolean exactlyOnce() {
            return StreamsAppConfig.EXACTLY_ONCE_V2.equals(guarantee);
        }

        Settings withGuarantee(String g) {
            return new Settings(partitions, streamThreads, g, commitInterval, batch, extraStreams, rowTimeout);
        }

        /** These settings with this commit interval, also over any {@code -K commit.interval.ms}. */
        Settings withCommitInterval(Duration interval) {
            Map<String, String> extra = new LinkedHashMap<>(extraStreams);
            extra.remove(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
            return new Settings(partitions, streamThreads, guarantee, interval, batch, extra, rowTimeout);
        }

        /** The commit interval the app ends up with: a {@code -K commit.interval.ms} wins, as in the app. */
        long effectiveCommitIntervalMs() {
            String extra = extraStreams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
            return extra != null ? Long.parseLong(extra.trim()) : commitInterval.toMillis();
        }
    }

    /**
     * What one run measured.
     *
     * @param cutOff       the run hit the row timeout before every answer arrived
     * @param modelAnswers null for the ceiling, which has no app statistics
     */
    record Measured(long sent, long answered, double seconds, boolean cutOff, long[] latenciesMillis,
                    Long inAppP50Micros, Long inAppP99Micros, Long modelAnswers, Double meanBatch) {
        double eventsPerSecond() {
            return seconds > 0 ? answered / seconds : 0;
        }
    }

    private final EmbeddedKafkaBroker broker;
    private final Path work;
    // A key pair of the run's own, in memory: the bench signs and checks bundles as a deployment does.
    private final KeyPair keys = BundleKeys.generate();
    private final BundleSigner signer = new BundleSigner(keys.getPrivate());
    private final BundleTrust trust = BundleTrust.signedBy(keys.getPublic());

    StreamRunner(EmbeddedKafkaBroker broker, Path work) {
        this.broker = broker;
        this.work = work;
    }

    /**
     * The streams app on {@code clicks}: popularity only when {@code bundle} is null, otherwise serving that bundle
     * (published first, through {@link BundlePublisher#publish}, and loaded before the clock starts).
     *
     * @param rate events per second to offer, 0 for as fast as the producer goes
     */
    Measured runApp(String prefix, Settings settings, Events clicks, ModelBundle bundle, double rate,
                    boolean keepLatencies) throws Exception {
        TopicCatalogue topics = createTopics(prefix, settings);
        StreamsAppConfig config = appConfig(prefix, settings, topics);
        if (bundle != null) {
            config = config.withModel(bundle.manifest().name(), ScoringOptions.cpu());
            try (BundlePublisher publisher = new BundlePublisher(broker.bootstrapServers(), topics, signer)) {
                publisher.publish(bundle);
            }
        }
        try (StreamsApp app = StreamsApp.start(config)) {
            if (!app.awaitRunning(START_TIMEOUT)) {
                throw new IllegalStateException("the streams app did not reach RUNNING within " + START_TIMEOUT);
            }
            if (bundle != null && !app.awaitModelVersion(bundle.manifest().version(), MODEL_TIMEOUT)) {
                throw new IllegalStateException("the app did not load " + bundle.manifest().label() + " within "
                        + MODEL_TIMEOUT + " (refused bundles: " + app.stats().refusedBundles() + ")");
            }
            Measured m = drive(topics, settings, clicks, rate, keepLatencies);
            return new Measured(m.sent(), m.answered(), m.seconds(), m.cutOff(), m.latenciesMillis(),
                    app.stats().processingMicrosPercentile(50), app.stats().processingMicrosPercentile(99),
                    app.stats().modelRecommendations(), app.stats().meanBatchSize());
        }
    }

    /** The ceiling topology on {@code clicks}, under the properties the app would have. */
    Measured runCeiling(String prefix, Settings settings, Events clicks, int stateBytes, int outputBytes)
            throws Exception {
        TopicCatalogue topics = createTopics(prefix, settings);
        StreamsAppConfig config = appConfig(prefix, settings, topics);
        KafkaStreams streams = new KafkaStreams(
                CeilingTopology.build(topics.events(), topics.recommendations(), stateBytes, outputBytes),
                StreamsApp.kafkaStreamsProperties(config));
        try {
            streams.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() - deadline > 0 || streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("the ceiling topology did not reach RUNNING: " + streams.state());
                }
                Thread.sleep(20);
            }
            return drive(topics, settings, clicks, 0, false);
        } finally {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }

    private TopicCatalogue createTopics(String prefix, Settings settings) {
        TopicCatalogue topics = TopicCatalogue.withPrefix(prefix);
        broker.createTopics(topics.newTopics(settings.partitions(), (short) 1));
        return topics;
    }

    private StreamsAppConfig appConfig(String prefix, Settings settings, TopicCatalogue topics) {
        return StreamsAppConfig.defaults(broker.bootstrapServers()).withModelTrust(trust)
                .withApplicationId(prefix + "bench").withTopics(topics).withStateDir(work.resolve(prefix))
                .withStreamThreads(settings.streamThreads(), settings.commitInterval())
                .withProcessingGuarantee(settings.guarantee()).withBatch(settings.batch()).withHttp("127.0.0.1", -1)
                .withExtraStreams(settings.extraStreams());
    }

    /**
     * Sends the warm-up events as fast as possible and waits for their answers (JIT, first transactions, RocksDB and
     * model first touches: none of it is timed), then starts the clock, sends the timed events at {@code rate} and
     * stops the clock at the last answer or at the row timeout, whichever comes first.
     */
    private Measured drive(TopicCatalogue topics, Settings settings, Events events, double rate,
                           boolean keepLatencies) throws Exception {
        OutputCounter counter = new OutputCounter(broker.bootstrapServers(), topics.recommendations(),
                settings.exactlyOnce(), keepLatencies);
        try (counter; EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
            counter.start(Duration.ofSeconds(30));
            int warmUp = events.warmUp().size();
            if (warmUp > 0) {
                replayer.replay(events.warmUp(), 0, (i, e) -> { });
                if (!counter.awaitCount(warmUp, System.nanoTime() + settings.rowTimeout().toNanos())) {
                    throw new IllegalStateException("only " + counter.count() + " of " + warmUp
                            + " warm-up events were answered within " + settings.rowTimeout().toSeconds() + " s");
                }
            }
            long started = System.nanoTime();
            long deadline = started + settings.rowTimeout().toNanos();
            long sent;
            try {
                sent = replayer.replay(events.timed(), rate, (i, e) -> {
                    if (System.nanoTime() - deadline > 0) {
                        throw new SendCutOff(i + 1);
                    }
                });
            } catch (SendCutOff cut) {
                sent = cut.sent;
            }
            boolean all = counter.awaitCount(warmUp + sent, deadline) && sent == events.timed().size();
            long end = all ? counter.lastArrivalNanos() : System.nanoTime();
            long answered = counter.count() - warmUp;
            counter.close();
            long[] latencies = counter.latenciesMillis();
            // Every warm-up answer was counted before the timed sends began, so they are the first ones kept.
            latencies = java.util.Arrays.copyOfRange(latencies, Math.min(warmUp, latencies.length), latencies.length);
            return new Measured(sent, answered, (end - started) / 1e9, !all, latencies, null, null, null, null);
        }
    }

    /** A row's events: the untimed warm-up ones first, then the timed ones. */
    record Events(List<ClickEvent> warmUp, List<ClickEvent> timed) {
        /** The first {@code warmUp} of {@code clicks} (at most half of them) warm up; the rest are timed. */
        static Events split(List<ClickEvent> clicks, int warmUp) {
            int w = Math.min(warmUp, clicks.size() / 2);
            return new Events(clicks.subList(0, w), clicks.subList(w, clicks.size()));
        }
    }

    /** Thrown from the send loop's listener to stop sending at the row timeout. */
    private static final class SendCutOff extends RuntimeException {
        final long sent;

        SendCutOff(long sent) {
            super(null, null, false, false);
            this.sent = sent;
        }
    }
}
