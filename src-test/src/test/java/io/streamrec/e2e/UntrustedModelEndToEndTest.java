package io.streamrec.e2e;

import static io.streamrec.e2e.E2e.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.model.TestBundles;
import io.streamrec.model.TestKeys;
import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.schemas.bundle.BundleZips;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.schemas.verdict.ModelVerdict;
import io.streamrec.schemas.verdict.ModelVerdictSerde;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.streams.serving.ModelAcceptance;
import io.streamrec.trainer.TrainCommand;
import io.streamrec.trainer.publish.BundlePublisher;
import io.streamrec.trainer.publish.PublishOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The model topic is not trusted: an app serving v1 on a real broker is sent every kind of bundle someone other than
 * its trainer could write there (or its trainer by mistake). Each is refused with its reason, on /stats and on the
 * verdict topic; v1 answers every event meanwhile, none from popularity; a valid v2 then loads, and a publisher
 * hears the refusal of a bad bundle, through the publisher's API and as {@code train --publish}'s exit code.
 */
class UntrustedModelEndToEndTest {
    private static final int ITEMS = 200;
    private static final int SESSIONS = 40;
    private static final int EVENTS_PER_ROUND = 400;

    @Test
    void everyBadBundleIsRefusedWhileV1AnswersThenAValidV2LoadsAndPublishersHearRefusals(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TopicCatalogue topics = E2e.topics(broker, "untrusted", 2);
            StreamsAppConfig config = E2e.config(broker, "untrusted", topics, dir.resolve("state"));
            try (BundlePublisher publisher = new BundlePublisher(broker.bootstrapServers(), topics,
                    TestKeys.signer())) {
                publisher.publish(TestBundles.successorModel("gru4rec", 1, ITEMS, 5, 5));
                try (StreamsApp app = StreamsApp.start(config)) {
                    assertThat(app.awaitRunning(WAIT)).isTrue();
                    assertThat(app.awaitModelVersion(1, WAIT)).isTrue();
                    // Clicks on every item first: the catalogue a bundle is measured against.
                    Traffic.replay(broker, topics, round(0));
                    assertThat(Traffic.answers(broker, topics, EVENTS_PER_ROUND, WAIT)).hasSize(EVENTS_PER_ROUND);

                    Map<String, byte[]> bad = badBundles();
                    sendRaw(broker, topics, bad.values());
                    Traffic.replay(broker, topics, round(1));
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (app.stats().refusedBundles() < bad.size() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    Traffic.replay(broker, topics, round(2));

                    List<Recommendation> answers = Traffic.answers(broker, topics, 3 * EVENTS_PER_ROUND, WAIT);
                    assertThat(app.stats().refusedBundles()).as("refused: %s", bad.keySet()).isEqualTo(bad.size());
                    assertThat(app.stats().watcherFailures()).isZero();
                    assertThat(app.currentModel()).map(ModelManifest::version).contains(1L);
                    assertThat(answers).hasSize(3 * EVENTS_PER_ROUND).allSatisfy(r -> {
                        assertThat(r.modelName()).isEqualTo("gru4rec");
                        assertThat(r.modelVersion()).isEqualTo(1);
                    });
                    assertThat(app.stats().popularityRecommendations()).isZero();
                    assertThat(app.modelWatcherHealth().alive()).isTrue();
                    assertThat(refusalReasons(broker, topics, bad.size())).containsExactly(
                            "signature does not verify", "signature does not verify", "bundle is not signed",
                            "signature does not verify", "version 9223372036854775807 is above the highest",
                            "version 100000000002 is 100000000001 past the serving version 1",
                            "entry model.onnx inflates past 512 MiB", "signature does not verify",
                            "catalogue overlap too small");

                    BundlePublisher.Published v2 = publisher.publishAndAwaitVerdicts(
                            TestBundles.successorModel("gru4rec", 2, ITEMS, 5, 5), WAIT, 1);
                    assertThat(v2.outcome().status()).isEqualTo(PublishOutcome.Status.ACCEPTED);
                    assertThat(v2.outcome().summary()).startsWith("accepted by e2e-untrusted@");
                    assertThat(app.currentModel()).map(ModelManifest::version).contains(2L);

                    BundlePublisher.Published absurd = publisher.publishAndAwaitVerdicts(
                            reversioned(TestBundles.successorModel("gru4rec", 3, ITEMS, 5, 5), Long.MAX_VALUE),
                            WAIT, 1);
                    assertThat(absurd.outcome().status()).isEqualTo(PublishOutcome.Status.REFUSED);
                    assertThat(absurd.outcome().summary()).matches("refused by e2e-untrusted@.*: version"
                            + " 9223372036854775807 is above the highest version accepted, 999999999999999");

                    BundlePublisher.Published unserved = publisher.publishAndAwaitVerdicts(
                            TestBundles.successorModel("nobody-serves-this", 1, ITEMS, 5, 5), Duration.ofSeconds(3),
                            1);
                    assertThat(unserved.outcome().status()).isEqualTo(PublishOutcome.Status.NO_VERDICT);

                    assertThat(trainAndPublishForAnotherCatalogue(broker, dir)).isEqualTo(TrainCommand.EXIT_REFUSED);
                    assertThat(app.currentModel()).map(ModelManifest::version).contains(2L);
                    assertThat(app.stats().popularityRecommendations()).isZero();
                }
            }
        }
    }

    /** Sessions that together click every item, continuing round after round. */
    private static List<ClickEvent> round(int round) {
        List<ClickEvent> events = new ArrayList<>();
        int perSession = EVENTS_PER_ROUND / SESSIONS;
        for (int k = 0; k < perSession; k++) {
            for (int s = 0; s < SESSIONS; s++) {
                int step = round * perSession + k;
                events.add(ClickEvent.click("s" + s, "item-" + ((s * 5 + step) % ITEMS + 1),
                        1_000L * (step * SESSIONS + s)));
            }
        }
        return events;
    }

    /** What someone without the key (or the trainer, by mistake) could write to the model topic, in this order. */
    private static Map<String, byte[]> badBundles() {
        ModelBundle v2 = TestBundles.successorModel("gru4rec", 2, ITEMS, 5, 5);
        byte[] signedV2 = TestKeys.signed(v2);
        Map<String, byte[]> bad = new LinkedHashMap<>();

        ModelManifest m = v2.manifest();
        ModelManifest boasting = new ModelManifest(m.formatVersion(), m.name(), m.kind(), m.version(), m.createdAt(),
                m.sequenceLength(), m.topK(), m.itemCount(), m.inputs(), m.outputs(), Map.of("recall@20", 0.999),
                m.training(), m.contentSha256());
        bad.put("edited manifest", BundleZips.graft(signedV2,
                ModelBundleCodec.encode(new ModelBundle(boasting, v2.onnxModel(), v2.items())), "manifest.json"));

        List<String> injected = new ArrayList<>(v2.items());
        injected.replaceAll(item -> "https://evil.example/" + item);
        bad.put("rewritten items", BundleZips.graft(signedV2,
                ModelBundleCodec.encode(ModelBundle.sealed(m, v2.onnxModel(), injected)), "items.txt", "manifest.json"));

        bad.put("unsigned", ModelBundleCodec.encode(v2));
        bad.put("forged key", ModelBundleCodec.encode(v2, TestKeys.forger()));
        bad.put("version Long.MAX_VALUE", TestKeys.signed(reversioned(v2, Long.MAX_VALUE)));
        bad.put("version jump", TestKeys.signed(reversioned(v2, 1 + ModelAcceptance.DEFAULT_MAX_VERSION_JUMP + 1)));
        bad.put("zip bomb", BundleZips.bomb("model.onnx", 4L << 30));

        byte[] flipped = v2.onnxModel().clone();
        flipped[new Random(8).nextInt(flipped.length)] ^= 0x5A;
        bad.put("flipped graph byte", BundleZips.graft(signedV2,
                ModelBundleCodec.encode(ModelBundle.sealed(m, flipped, v2.items())), "model.onnx", "manifest.json"));

        List<String> otherShop = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            otherShop.add("other-shop-" + i);
        }
        bad.put("another catalogue", TestKeys.signed(ModelBundle.sealed(m, v2.onnxModel(), otherShop)));
        return bad;
    }

    private static ModelBundle reversioned(ModelBundle bundle, long version) {
        ModelManifest m = bundle.manifest();
        return ModelBundle.sealed(new ModelManifest(m.formatVersion(), m.name(), m.kind(), version, m.createdAt(),
                m.sequenceLength(), m.topK(), m.itemCount(), m.inputs(), m.outputs(), m.metrics(), m.training(), null),
                bundle.onnxModel(), bundle.items());
    }

    private static void sendRaw(EmbeddedKafkaBroker broker, TopicCatalogue topics, Iterable<byte[]> bundles)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalogue.MAX_BUNDLE_BYTES));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (byte[] bundle : bundles) {
                producer.send(new ProducerRecord<>(topics.models(), "gru4rec", bundle)).get();
            }
        }
    }

    /** The start of each refusal's reason on the verdict topic, in the order the bundles were sent. */
    private static List<String> refusalReasons(EmbeddedKafkaBroker broker, TopicCatalogue topics, int count) {
        ModelVerdictSerde serde = new ModelVerdictSerde();
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topics.modelVerdicts())) {
            return reader.readAtLeast(count + 1, WAIT).stream().map(r -> serde.fromBytes(r.value()))
                    .filter(v -> !v.accepted()).map(ModelVerdict::reason)
                    .map(UntrustedModelEndToEndTest::reasonStart).toList();
        }
    }

    /** A reason up to what names the bundle's particulars (keys, fingerprints, figures). */
    private static String reasonStart(String reason) {
        for (String stable : List.of("signature does not verify", "bundle is not signed", "catalogue overlap too small",
                "version 9223372036854775807 is above the highest",
                "version 100000000002 is 100000000001 past the serving version 1")) {
            if (reason.startsWith(stable)) {
                return stable;
            }
        }
        return reason;
    }

    /**
     * {@code train --publish} of a model trained on generated sessions, whose items ({@code i1}, {@code i2}, ...) are
     * not the ones this shop's users click: it is published, refused, and the command's exit code says so.
     */
    private static int trainAndPublishForAnotherCatalogue(EmbeddedKafkaBroker broker, Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        TestKeys.writeTo(keys);
        return new CommandLine(new TrainCommand()).execute("--items", "100", "--sessions", "600", "--epochs", "1",
                "--set", "hidden_size=16", "--set", "embedding=8", "--top-k", "5", "--sequence-length", "5",
                "--model-name", "gru4rec", "--model-version", "3", "--publish", "--bootstrap", broker.bootstrapServers(),
                "--topic-prefix", "untrusted-", "--signing-key", keys.resolve(BundleKeys.PRIVATE_KEY_FILE).toString(),
                "--publish-wait", "60s");
    }
}
