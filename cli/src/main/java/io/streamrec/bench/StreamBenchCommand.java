package io.streamrec.bench;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.replay.EventReplayer;
import io.streamrec.replay.ReplayOrder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.gru4rec.Gru4RecModel;
import io.streamrec.trainer.gru4rec.Gru4RecOnnxExporter;
import io.streamrec.trainer.publish.BundlePublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end throughput of the streams app on a real (embedded) broker: the same events answered from popularity
 * alone (the baseline: topology, RocksDB state, serdes, Kafka, but no model) and by a GRU4Rec model, in one run.
 */
@Command(name = "bench-stream", mixinStandardHelpOptions = true,
        description = {
            "Measure the streams app's throughput on an embedded broker: the same events answered by popularity only",
            "(the baseline) and by a GRU4Rec model (random weights: cost does not depend on them), with the ratio."
        })
public final class StreamBenchCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "50000", description = "Events per run (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--items", defaultValue = "1000", description = "Catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--partitions", defaultValue = "2", description = "Event topic partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--stream-threads", defaultValue = "1", description = "Kafka Streams threads (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--processing-guarantee", defaultValue = "exactly_once_v2",
            description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = {"-K", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "Extra Kafka Streams/consumer/producer property for both runs; repeatable.")
    Map<String, String> kafkaProperties = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        SessionDataset data = SyntheticSessions.generate(new SyntheticSessions.Config(items, events / 4, 5));
        List<ClickEvent> clicks = ReplayOrder.inTimeOrder(data);
        clicks = new ArrayList<>(clicks.subList(0, Math.min(events, clicks.size())));
        Path work = Files.createTempDirectory("streamrec-bench-");
        System.out.printf("%,d events, %,d items, %d partitions, %d stream thread(s), %s%n", clicks.size(), items,
                partitions, streamThreads, guarantee);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            double baseline = run(broker, work, clicks, "baseline-", null);
            double model = run(broker, work, clicks, "model-", randomGru4Rec());
            System.out.printf("%nmodel / popularity-only throughput: %.2f%n", model / baseline);
        }
        return 0;
    }

    private ModelBundle randomGru4Rec() {
        List<String> vocabulary = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            vocabulary.add("i" + i);
        }
        try (Gru4RecModel model = Gru4RecModel.initialise(items, 64, 100, 1)) {
            return Gru4RecOnnxExporter.export(model, vocabulary, Gru4RecConfig.defaults(), "gru4rec", 1, Map.of());
        }
    }

    private double run(EmbeddedKafkaBroker broker, Path work, List<ClickEvent> clicks, String prefix,
                       ModelBundle bundle) throws Exception {
        TopicCatalogue topics = TopicCatalogue.withPrefix(prefix);
        broker.createTopics(topics.newTopics(partitions, (short) 1));
        if (bundle != null) {
            try (BundlePublisher publisher = new BundlePublisher(broker.bootstrapServers(), topics)) {
                publisher.publish(bundle);
            }
        }
        StreamsAppConfig config = StreamsAppConfig.defaults(broker.bootstrapServers())
                .withApplicationId(prefix + "bench").withTopics(topics).withStateDir(work.resolve(prefix))
                .withStreamThreads(streamThreads).withProcessingGuarantee(guarantee).withHttp("127.0.0.1", -1)
                .withExtraStreams(kafkaProperties);
        try (StreamsApp app = StreamsApp.start(config)) {
            if (!app.awaitRunning(Duration.ofSeconds(60))
                    || (bundle != null && !app.awaitModelVersion(1, Duration.ofSeconds(60)))) {
                throw new IllegalStateException("the streams app did not start");
            }
            long started = System.nanoTime();
            try (EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
                replayer.replay(clicks, 0, (i, e) -> { });
            }
            double sendSeconds = (System.nanoTime() - started) / 1e9;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (app.stats().eventsIn() < clicks.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = clicks.size() / seconds;
            System.out.printf("%-18s %,9.0f events/s (%.1f s, sending took %.1f s); in-app per event p50 %d us,"
                            + " p99 %d us; %s%n",
                    bundle == null ? "popularity only" : "GRU4Rec (step)", rate, seconds, sendSeconds,
                    app.stats().processingMicrosPercentile(50), app.stats().processingMicrosPercentile(99),
                    app.stats().oneLine().replaceAll(";.*", ""));
            return rate;
        }
    }
}
