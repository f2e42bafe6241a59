package io.streamrec.e2e;

import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EMBEDDING;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EPOCHS;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.HIDDEN_SIZE;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.SEED;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestKeys;
import io.streamrec.replay.EventReplayer;
import io.streamrec.replay.ReplayOrder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.bundle.TensorRole;
import io.streamrec.schemas.bundle.TensorSpec;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.schemas.topic.DeadLetterHeaders;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.streams.topology.ScoringBatch;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.gru4rec.Gru4RecFamily;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import io.streamrec.trainer.publish.BundlePublisher;
import com.fasterxml.jackson.core.type.TypeReference;
import io.streamrec.schemas.json.Json;
import io.streamrec.streams.accuracy.AnswerRole;
import io.streamrec.streams.health.HealthReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Summary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pieces together: an in-process KRaft broker, GRU4Rec trained by the Java trainer, bundles published to
 * the model topic, and the streams app answering events. Each test has its own topics and application id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Kafka Streams' own families, one of each level: thread, task, processor, store (RocksDB), clients. */
    private static final List<String> KAFKA_FAMILIES = List.of("kafka_stream_alive_stream_threads",
            "kafka_stream_thread_process_total", "kafka_stream_task_process_total",
            "kafka_stream_state_estimate_num_keys", "kafka_consumer_fetch_manager_records_consumed_total",
            "kafka_consumer_fetch_manager_records_lag", "kafka_producer_record_send_total");
    private final RecommendationSerde recommendationSerde = new RecommendationSerde();

    private EmbeddedKafkaBroker broker;
    private SessionDataset.Split split;
    private ModelBundle v1;
    private ModelBundle v2;

    @TempDir
    Path stateDir;

    private ModelBundle train(Gru4RecConfig config, long version) {
        return TrainingPipeline.run(new Gru4RecFamily(), new TrainingRequest(split.train(), split.test(),
                config.asMap(), "gru4rec", version), s -> { }).bundle();
    }

    @BeforeAll
    void startBrokerAndTrainTwoModels() {
        broker = EmbeddedKafkaBroker.start();
        split = SyntheticSessions.generate(new SyntheticSessions.Config(200, 2000, 7)).split(0.1);
        Gru4RecConfig config = Gru4RecConfig.defaults().with(EPOCHS, 1).with(HIDDEN_SIZE, 32).with(EMBEDDING, 32);
        v1 = train(config.with(SEED, 1L), 1);
        v2 = train(config.with(SEED, 2L), 2);
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aPublishedModelAnswersEveryEventOnTheTopicAndTheSameAnswerOverHttp() throws Exception {
        TopicCatalogue topics = topics("answers");
        publish(topics, v1);
        List<Session> sessions = split.test().sessions().subList(0, 40);
        List<ClickEvent> events = ReplayOrder.inTimeOrder(sessions);
        try (StreamsApp app = startApp(topics, "answers")) {
            assertThat(app.awaitModelVersion(1, WAIT)).isTrue();
            replay(topics, events, 0);
            List<Recommendation> recs = recommendations(topics, events.size());

            assertThat(recs).hasSize(events.size());
            assertThat(recs).allSatisfy(r -> {
                assertThat(r.modelName()).isEqualTo("gru4rec");
                assertThat(r.modelVersion()).isEqualTo(1);
                assertThat(r.items()).hasSize(20);
            });
            assertThat(countBySession(recs)).isEqualTo(countBySession(events));

            // The stream's answer to a session's last event is exactly the model's answer for the whole session.
            try (OnnxModel reference = OnnxModel.load(v1, ScoringOptions.cpu())) {
                for (Session session : sessions.subList(0, 5)) {
                    Recommendation last = lastFor(recs, session.sessionId());
                    assertThat(ids(last.items())).isEqualTo(ids(reference.recommend(session.items())));
                }
            }

            Session asked = sessions.get(0);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.httpPort() + "/recommendations/" + asked.sessionId())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            Recommendation overHttp = recommendationSerde.fromBytes(response.body().getBytes(StandardCharsets.UTF_8));
            assertThat(ids(overHttp.items())).isEqualTo(ids(lastFor(recs, asked.sessionId()).items()));
            assertThat(overHttp.modelVersion()).isEqualTo(1);
        }
    }

    @Test
    void batchedScoringAnswersEveryEventAsScoringItAloneDoes() throws Exception {
        List<ClickEvent> events = ReplayOrder.concurrently(split.test().sessions(), 100);
        Map<String, List<Recommendation>> alone = answersPerSession(events, "alone", ScoringBatch.NONE);
        // Up to 64 events a call; under exactly-once a batch closes when full, at a session's second event or at the
        // commit (every 100 ms). The 50 ms wait only keeps events that arrive a few milliseconds apart, as this small
        // stream's may, from counting as lone events to be answered at once.
        Map<String, List<Recommendation>> batched = answersPerSession(events, "batched",
                new ScoringBatch(64, Duration.ofMillis(50)));

        assertThat(batched.keySet()).isEqualTo(alone.keySet());
        for (String session : alone.keySet()) {
            List<Recommendation> expected = alone.get(session);
            List<Recommendation> actual = batched.get(session);
            assertThat(actual).as("answers of session %s", session).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).eventItemId()).isEqualTo(expected.get(i).eventItemId());
                assertThat(ids(actual.get(i).items())).as("session %s, event %d", session, i)
                        .isEqualTo(ids(expected.get(i).items()));
                for (int k = 0; k < expected.get(i).items().size(); k++) {
                    // One matrix product for many rows may round differently from one row at a time.
                    assertThat(actual.get(i).items().get(k).score())
                            .isCloseTo(expected.get(i).items().get(k).score(), Offset.offset(1e-4f));
                }
            }
        }
    }

    /** Every event answered by v1 through an app with {@code batch}, each session's answers in order. */
    private Map<String, List<Recommendation>> answersPerSession(List<ClickEvent> events, String name,
                                                                ScoringBatch batch) {
        TopicCatalogue topics = topics(name);
        publish(topics, v1);
        StreamsApp app = StreamsApp.start(E2e.config(broker, name, topics, stateDir.resolve(name)).withBatch(batch));
        try (app) {
            assertThat(app.awaitRunning(WAIT)).isTrue();
            assertThat(app.awaitModelVersion(1, WAIT)).isTrue();
            // Sent as fast as the producer goes, so the events queue up and batches form.
            replay(topics, events, 0);
            List<Recommendation> recs = recommendations(topics, events.size());
            assertThat(recs).hasSize(events.size()).allSatisfy(r -> assertThat(r.modelVersion()).isEqualTo(1));
            if (batch.enabled()) {
                assertThat(app.stats().meanBatchSize()).as("events per model call").isGreaterThan(2.0);
            }
            Map<String, List<Recommendation>> bySession = new LinkedHashMap<>();
            recs.forEach(r -> bySession.computeIfAbsent(r.sessionKey(), k -> new ArrayList<>()).add(r));
            return bySession;
        }
    }

    @Test
    void aHotSwapWhileEventsFlowAnswersEveryEventOnceAndMovesFromTheOldVersionToTheNew() throws Exception {
        TopicCatalogue topics = topics("swap");
        publish(topics, v1);
        List<ClickEvent> events = ReplayOrder.inTimeOrder(split.test().sessions());
        try (StreamsApp app = startApp(topics, "swap")) {
            assertThat(app.awaitModelVersion(1, WAIT)).isTrue();
            int swapAt = events.size() / 3;
            AtomicInteger sent = new AtomicInteger();
            try (EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics);
                 BundlePublisher publisher = new BundlePublisher(broker.bootstrapServers(), topics,
                         TestKeys.signer())) {
                replayer.replay(events, 600, (index, event) -> {
                    sent.incrementAndGet();
                    if (index == swapAt) {
                        publisher.publish(v2);
                    }
                    // Events keep flowing while v2 loads; on a slow machine the last third waits for the swap so
                    // that both versions are certain to serve.
                    if (index == 2L * swapAt) {
                        assertThat(app.awaitModelVersion(2, WAIT)).isTrue();
                    }
                });
            }
            assertThat(app.awaitModelVersion(2, WAIT)).isTrue();
            List<ConsumerRecord<String, byte[]>> records = read(topics.recommendations(), events.size());
            List<Recommendation> recs = records.stream().map(r -> recommendationSerde.fromBytes(r.value())).toList();

            assertThat(recs).hasSize(sent.get());
            assertThat(countBySession(recs)).isEqualTo(countBySession(events));
            assertThat(recs).extracting(Recommendation::modelVersion).containsOnly(1L, 2L).contains(1L, 2L);
            // Within a partition answers are in event order, so the version may only ever step from 1 to 2.
            Map<Integer, List<Long>> versionsByPartition = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                versionsByPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                        .add(recommendationSerde.fromBytes(r.value()).modelVersion());
            }
            versionsByPartition.values().forEach(versions -> assertThat(versions).isSorted());
        }
    }

    @Test
    void brokenOrIncompatibleBundlesAreRefusedAndTheOldModelKeepsServing() throws Exception {
        TopicCatalogue topics = topics("refuse");
        publish(topics, v1);
        try (StreamsApp app = startApp(topics, "refuse")) {
            assertThat(app.awaitModelVersion(1, WAIT)).isTrue();

            ModelBundle newer = reversioned(v2, 5);
            // Signed by the trusted key, so that what refuses them is the check each is meant for, not the signature.
            byte[] tampered = TestKeys.signed(new ModelBundle(newer.manifest(), flipLastByte(newer.onnxModel()),
                    newer.items()));
            ModelManifest m = reversioned(v2, 6).manifest();
            ModelManifest wrongInputs = new ModelManifest(m.formatVersion(), m.name(), m.kind(), m.version(),
                    m.createdAt(), m.sequenceLength(), m.topK(), m.itemCount(),
                    List.of(new TensorSpec("session_items", TensorRole.ITEM_SEQUENCE, "INT64",
                            List.of(-1L, (long) m.sequenceLength())), m.inputs().get(1)),
                    m.outputs(), m.metrics(), m.training(), null);
            byte[] incompatible = TestKeys.signed(ModelBundle.sealed(wrongInputs, v2.onnxModel(), v2.items()));
            try (KafkaProducer<String, byte[]> producer = rawProducer()) {
                producer.send(new ProducerRecord<>(topics.models(), "gru4rec", "garbage".getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(topics.models(), "gru4rec", tampered));
                producer.send(new ProducerRecord<>(topics.models(), "gru4rec", incompatible));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (app.stats().refusedBundles() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(app.stats().refusedBundles()).isEqualTo(3);
            assertThat(app.currentModel()).map(ModelManifest::version).contains(1L);

            List<ClickEvent> events = ReplayOrder.inTimeOrder(split.test().sessions().subList(0, 10));
            replay(topics, events, 0);
            List<Recommendation> recs = recommendations(topics, events.size());
            assertThat(recs).hasSize(events.size());
            assertThat(recs).extracting(Recommendation::modelVersion).containsOnly(1L);
        }
    }

    @Test
    void malformedEventsGoToTheDeadLetterTopicWithTheirReasonAndNothingElseIsLost() throws Exception {
        TopicCatalogue topics = topics("dlq");
        publish(topics, v1);
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("bad-json", "{not json");
        malformed.put("no-item", "{\"sessionId\":\"s-x\",\"timestamp\":5}");
        malformed.put("no-session", "{\"itemId\":\"i1\",\"timestamp\":5}");
        malformed.put("negative-time", "{\"sessionId\":\"s-y\",\"itemId\":\"i1\",\"timestamp\":-1}");
        List<ClickEvent> events = ReplayOrder.inTimeOrder(split.test().sessions().subList(0, 10));
        try (StreamsApp app = startApp(topics, "dlq");
             EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
            assertThat(app.awaitModelVersion(1, WAIT)).isTrue();
            replayer.replay(events.subList(0, events.size() / 2), 0, (i, e) -> { });
            malformed.forEach(replayer::sendRaw);
            replayer.replay(events.subList(events.size() / 2, events.size()), 0, (i, e) -> { });

            List<ConsumerRecord<String, byte[]>> dead = read(topics.deadLetters(), malformed.size());
            List<Recommendation> recs = recommendations(topics, events.size());

            assertThat(recs).hasSize(events.size());
            assertThat(dead).hasSize(malformed.size());
            Map<String, String> reasons = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : dead) {
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(malformed.get(r.key()));
                reasons.put(r.key(), header(r, DeadLetterHeaders.REASON));
                assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.events());
            }
            assertThat(reasons.get("bad-json")).contains("not valid JSON");
            assertThat(reasons.get("no-item")).contains("missing itemId");
            assertThat(reasons.get("no-session")).contains("missing both sessionId and userId");
            assertThat(reasons.get("negative-time")).contains("negative timestamp");
            assertThat(app.stats().deadLetteredCount()).isEqualTo(malformed.size());
        }
    }

    /**
     * {@code /metrics} scraped while events flow and after, read by a Prometheus text-format parser: streamrec's own
     * families match what was sent and what the topics got, {@code /stats} says the same, Kafka's and the JVM's
     * families are there, no label carries a session id, and every metric the Grafana dashboard queries is exported.
     */
    @Test
    void metricsScrapedDuringTrafficCountWhatWasSentAndCoverWhatTheDashboardQueries() throws Exception {
        TopicCatalogue topics = topics("metrics");
        publish(topics, v1);
        List<ClickEvent> events = ReplayOrder.inTimeOrder(split.test().sessions().subList(0, 30));
        int half = events.size() / 2;
        StreamsAppConfig config = E2e.config(broker, "metrics", topics, stateDir.resolve("metrics"));
        try (StreamsApp app = StreamsApp.start(config);
             EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
            assertThat(app.awaitModelVersion(1, WAIT)).isTrue();
            replayer.replay(events.subList(0, half), 0, (i, e) -> { });
            replayer.sendRaw("bad-json", "{not json");
            replayer.sendRaw("no-item", "{\"sessionId\":\"s-x\",\"timestamp\":5}");
            PrometheusScrape during = Awaitility.await().atMost(WAIT).until(() -> PrometheusScrape.of(app.httpPort()),
                    s -> s.sum("streamrec_events_in_total") > 0);
            assertThat(during.sum("streamrec_events_in_total")).isLessThanOrEqualTo(half + 2);

            try (KafkaProducer<String, byte[]> producer = rawProducer()) {
                producer.send(new ProducerRecord<>(topics.models(), "gru4rec",
                        "garbage".getBytes(StandardCharsets.UTF_8)));
            }
            publish(topics, v2);
            assertThat(app.awaitModelVersion(2, WAIT)).isTrue();
            replayer.replay(events.subList(half, events.size()), 0, (i, e) -> { });
            List<Recommendation> recs = recommendations(topics, events.size());
            assertThat(read(topics.deadLetters(), 2)).hasSize(2);
            Awaitility.await().atMost(WAIT).until(() -> app.health().status() == HealthReport.Status.UP);

            // Kafka Streams' metrics are bound as its threads, clients and stores make them (refreshed every 10 s).
            PrometheusScrape scrape = Awaitility.await().atMost(WAIT).until(() -> PrometheusScrape.of(app.httpPort()),
                    s -> s.families().keySet().containsAll(KAFKA_FAMILIES));
            Files.writeString(Path.of("target", "metrics-scrape.txt"), scrape.text());

            assertThat(scrape.sum("streamrec_events_in_total")).isEqualTo(events.size() + 2);
            assertThat(scrape.sum("streamrec_recommendations_out_total")).isEqualTo(events.size());
            for (long version : List.of(1L, 2L)) {
                assertThat(scrape.sum("streamrec_recommendations_out_total", "line", "gru4rec", "model", "gru4rec",
                        "version", Long.toString(version), "source", "model", "fallback", "none"))
                        .as("answers of v%d", version)
                        .isEqualTo(recs.stream().filter(r -> r.modelVersion() == version).count()).isPositive();
            }
            assertThat(scrape.sum("streamrec_dead_letters_total", "reason", "unparseable")).isEqualTo(1);
            assertThat(scrape.sum("streamrec_dead_letters_total", "reason", "invalid")).isEqualTo(1);
            assertThat(scrape.sum("streamrec_dead_letters_total")).isEqualTo(2);
            assertThat(scrape.sum("streamrec_events_rekeyed_total")).isZero();
            assertThat(scrape.sum("streamrec_model_loads_total", "line", "gru4rec")).isEqualTo(2);
            assertThat(scrape.sum("streamrec_model_swaps_total", "line", "gru4rec")).isEqualTo(1);
            assertThat(scrape.sum("streamrec_bundles_refused_total", "reason", "invalid")).isEqualTo(1);
            assertThat(scrape.sum("streamrec_bundles_refused_total")).isEqualTo(1);
            assertThat(scrape.sum("streamrec_serving_model_version", "line", "gru4rec", "role", "split"))
                    .isEqualTo(2);
            assertThat(scrape.sum("streamrec_state_store_sessions")).isPositive();
            assertThat(scrape.sum("streamrec_health", "status", "up")).isEqualTo(1);
            assertThat(scrape.sum("streamrec_health")).isEqualTo(1);
            for (String timer : List.of("streamrec_processing_seconds", "streamrec_inference_seconds")) {
                Summary summary = scrape.summary(timer);
                assertThat(summary.getQuantiles()).extracting(Summary.Quantile::getQuantile)
                        .containsExactly(0.5, 0.99, 0.999);
                assertThat(summary.getQuantiles()).extracting(Summary.Quantile::getValue).isSorted()
                        .allSatisfy(seconds -> assertThat(seconds).isPositive().isLessThan(60.0));
                assertThat(summary.getSampleSum()).isPositive();
            }
            assertThat(scrape.summary("streamrec_processing_seconds").getSampleCount()).isEqualTo(events.size());

            long scored = app.stats().onlineAccuracy().snapshot().stream().mapToLong(a -> a.events()).sum();
            assertThat(scrape.sum("streamrec_online_scored_events_total", "role", "main")).isEqualTo(scored)
                    .isPositive().isLessThanOrEqualTo(events.size() - 30);
            assertThat(scrape.series("streamrec_online_hit_rate", "role", "main", "k", "20")).isNotEmpty()
                    .allSatisfy(m -> assertThat(((Gauge) m).getValue()).isBetween(0.0, 1.0));
            assertThat(scrape.sum("streamrec_online_mrr", "role", "main", "version", "1"))
                    .isEqualTo(app.stats().onlineAccuracy().of(AnswerRole.MAIN, "gru4rec", 1).orElseThrow().mrr());

            // /stats is read from the same meters
            Map<String, Object> stats = Json.mapper().readValue(HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body(), new TypeReference<>() { });
            Map.of("eventsIn", "streamrec_events_in_total", "recommendationsOut",
                    "streamrec_recommendations_out_total", "deadLettered", "streamrec_dead_letters_total",
                    "modelSwaps", "streamrec_model_swaps_total", "refusedBundles", "streamrec_bundles_refused_total")
                    .forEach((field, family) -> assertThat(((Number) stats.get(field)).doubleValue()).as(field)
                            .isEqualTo(scrape.sum(family)));

            assertThat(scrape.sum("kafka_stream_alive_stream_threads")).isEqualTo(config.streamThreads());
            assertThat(scrape.sum("kafka_consumer_fetch_manager_records_consumed_total", "topic", topics.events()))
                    .isGreaterThanOrEqualTo(events.size() + 2);
            assertThat(scrape.sum("kafka_stream_state_estimate_num_keys", "rocksdb_state_id", "session-state"))
                    .isPositive();
            assertThat(scrape.families()).containsKeys("jvm_memory_used_bytes", "jvm_threads_live_threads",
                    "process_cpu_usage", "process_uptime_seconds", "jvm_classes_loaded_classes");
            // bounded labels: never a session id
            Set<String> labelValues = new HashSet<>();
            scrape.families().values().forEach(f -> f.getMetrics().forEach(m -> labelValues.addAll(
                    m.getLabels().values())));
            assertThat(labelValues).doesNotContainAnyElementsOf(events.stream().map(ClickEvent::sessionKey).toList());

            assertThat(GrafanaDashboard.queriedMetrics(GrafanaDashboard.FILE))
                    .as("metrics the Grafana dashboard queries").isNotEmpty()
                    .allSatisfy(name -> assertThat(scrape.sampleNames()).as("exported").contains(name));
        }
    }

    private TopicCatalogue topics(String name) {
        return E2e.topics(broker, name, 3);
    }

    private StreamsApp startApp(TopicCatalogue topics, String applicationId) {
        StreamsApp app = StreamsApp.start(E2e.config(broker, applicationId, topics, stateDir.resolve(applicationId)));
        assertThat(app.awaitRunning(WAIT)).isTrue();
        return app;
    }

    private void publish(TopicCatalogue topics, ModelBundle bundle) {
        E2e.publish(broker, topics, bundle);
    }

    private void replay(TopicCatalogue topics, List<ClickEvent> events, double rate) {
        try (EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
            replayer.replay(events, rate, (i, e) -> { });
        }
    }

    private List<Recommendation> recommendations(TopicCatalogue topics, int expected) {
        return read(topics.recommendations(), expected).stream()
                .map(r -> recommendationSerde.fromBytes(r.value())).toList();
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic, int expected) {
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topic)) {
            return reader.readAtLeast(expected, WAIT);
        }
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalogue.MAX_BUNDLE_BYTES));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static ModelBundle reversioned(ModelBundle bundle, long version) {
        ModelManifest m = bundle.manifest();
        return ModelBundle.sealed(new ModelManifest(m.formatVersion(), m.name(), m.kind(), version, m.createdAt(),
                m.sequenceLength(), m.topK(), m.itemCount(), m.inputs(), m.outputs(), m.metrics(), m.training(), null),
                bundle.onnxModel(), bundle.items());
    }

    private static byte[] flipLastByte(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length - 1] ^= 0x5A;
        return copy;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Recommendation lastFor(List<Recommendation> recs, String sessionKey) {
        Recommendation last = null;
        for (Recommendation r : recs) {
            if (r.sessionKey().equals(sessionKey)) {
                last = r;
            }
        }
        assertThat(last).as("a recommendation for " + sessionKey).isNotNull();
        return last;
    }

    private static List<String> ids(List<RecommendedItem> items) {
        return items.stream().map(RecommendedItem::itemId).toList();
    }

    private static Map<String, Long> countBySession(List<?> eventsOrRecs) {
        Map<String, Long> counts = new HashMap<>();
        for (Object o : eventsOrRecs) {
            String key = o instanceof Recommendation r ? r.sessionKey() : ((ClickEvent) o).sessionKey();
            counts.merge(key, 1L, Long::sum);
        }
        return counts;
    }
}
