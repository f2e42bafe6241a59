package io.streamrec.streams.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.model.TestKeys;
import io.streamrec.schemas.bundle.BundleTrust;
import io.streamrec.schemas.bundle.BundleZips;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.bundle.ModelManifest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BundleGateTest {
    private static final ModelAcceptance SIGNED = ModelAcceptance.of(TestKeys.trust());
    private final BundleGate gate = new BundleGate("gru4rec", ScoringOptions.cpu(), SIGNED);
    private final ModelBundle v3 = TestBundles.successorModel("gru4rec", 3, 10, 5, 3);

    private static String reason(BundleDecision decision) {
        assertThat(decision).isInstanceOf(BundleDecision.Refuse.class);
        return ((BundleDecision.Refuse) decision).reason();
    }

    /** {@code bundle} re-made with {@code manifest}, its checksum recomputed. */
    private static ModelBundle resealed(ModelBundle bundle, ModelManifest manifest, List<String> items) {
        return ModelBundle.sealed(manifest.withContentSha256(null), bundle.onnxModel(), items);
    }

    private static ModelManifest withVersion(ModelManifest m, long version) {
        return new ModelManifest(m.formatVersion(), m.name(), m.kind(), version, m.createdAt(), m.sequenceLength(),
                m.topK(), m.itemCount(), m.inputs(), m.outputs(), m.metrics(), m.training(), m.contentSha256());
    }

    @Test
    void acceptsANewerValidBundleAsALoadedModel() throws Exception {
        BundleDecision decision = gate.consider("gru4rec", TestKeys.signed(v3), OptionalLong.of(2));
        assertThat(decision).isInstanceOf(BundleDecision.Accept.class);
        try (var model = ((BundleDecision.Accept) decision).model()) {
            assertThat(model.manifest().version()).isEqualTo(3);
        }
    }

    @Test
    void aGateForSeveralLinesAcceptsEachOfThemOfAnyKindAndIgnoresTheRest() throws Exception {
        BundleGate lines = new BundleGate(Set.of("gru4rec", "caser"), ScoringOptions.cpu(), SIGNED, List::of);
        BundleDecision caser = lines.consider("caser",
                TestKeys.signed(TestBundles.userFavouriteModel("caser", 1, 10, 3, 5, 3)), OptionalLong.empty());
        assertThat(caser).isInstanceOf(BundleDecision.Accept.class);
        try (var model = ((BundleDecision.Accept) caser).model()) {
            assertThat(model.usesUser()).isTrue();
        }
        assertThat(lines.consider("narm", TestKeys.signed(TestBundles.successorModel("narm", 1, 10, 5, 3)),
                OptionalLong.empty())).isInstanceOf(BundleDecision.Ignore.class);
        assertThat(lines.consider("caser", TestKeys.signed(v3), OptionalLong.empty()))
                .isInstanceOf(BundleDecision.Refuse.class);
    }

    @Test
    void refusesBytesThatAreNotABundle() {
        assertThat(gate.consider("gru4rec", "garbage".getBytes(), OptionalLong.empty()))
                .isEqualTo(new BundleDecision.Refuse(RefusalCause.INVALID, "bundle has no manifest.json"));
    }

    @Test
    void refusesSignedContentThatDoesNotMatchItsChecksum() {
        byte[] onnx = v3.onnxModel().clone();
        onnx[onnx.length / 2] ^= 1;
        byte[] tampered = TestKeys.signed(new ModelBundle(v3.manifest(), onnx, v3.items()));
        assertThat(reason(gate.consider("gru4rec", tampered, OptionalLong.empty()))).startsWith("checksum mismatch");
    }

    @Test
    void refusesAVersionThatIsNotNewerThanTheServingOne() {
        assertThat(gate.consider("gru4rec", TestKeys.signed(v3), OptionalLong.of(3)))
                .isEqualTo(new BundleDecision.Refuse(RefusalCause.STALE_VERSION,
                        "version 3 is not newer than the serving version 3", 3));
    }

    @Test
    void refusesAManifestWhoseNameDisagreesWithTheRecordKey() {
        ModelBundle other = TestBundles.successorModel("caser", 9, 10, 5, 3);
        assertThat(gate.consider("gru4rec", TestKeys.signed(other), OptionalLong.empty())).isEqualTo(
                new BundleDecision.Refuse(RefusalCause.WRONG_NAME,
                        "manifest names model 'caser' but the record key is 'gru4rec'", 9));
    }

    @Test
    void refusesAGraphThatOnnxRuntimeCannotLoadEvenWithAValidChecksum() {
        ModelBundle broken = ModelBundle.sealed(v3.manifest(), "not an onnx graph".getBytes(), v3.items());
        BundleDecision decision = gate.consider("gru4rec", TestKeys.signed(broken), OptionalLong.of(1));
        assertThat(reason(decision)).startsWith("gru4rec v3 (test-last-item): ONNX Runtime cannot run the graph");
        assertThat(((BundleDecision.Refuse) decision).cause()).isEqualTo(RefusalCause.LOAD);
    }

    @Test
    void refusesAGraphWhoseTopKDisagreesWithItsManifest() {
        ModelBundle fiveWide = TestBundles.successorModel("gru4rec", 3, 10, 5, 5);
        ModelBundle lying = ModelBundle.sealed(v3.manifest(), fiveWide.onnxModel(), fiveWide.items());
        assertThat(gate.consider("gru4rec", TestKeys.signed(lying), OptionalLong.empty()))
                .isInstanceOf(BundleDecision.Refuse.class);
    }

    @Test
    void ignoresOtherModelLinesAndTombstones() {
        assertThat(gate.consider("caser", TestKeys.signed(v3), OptionalLong.empty()))
                .isInstanceOf(BundleDecision.Ignore.class);
        assertThat(gate.consider("gru4rec", null, OptionalLong.empty())).isInstanceOf(BundleDecision.Ignore.class);
    }

    // ---- bundles from someone other than the trusted trainer ----

    @Test
    void refusesAManifestEditedAfterSigning() {
        ModelManifest m = v3.manifest();
        ModelManifest boasting = new ModelManifest(m.formatVersion(), m.name(), m.kind(), m.version(), m.createdAt(),
                m.sequenceLength(), m.topK(), m.itemCount(), m.inputs(), m.outputs(), Map.of("recall@20", 0.999),
                m.training(), m.contentSha256());
        byte[] edited = BundleZips.graft(TestKeys.signed(v3),
                ModelBundleCodec.encode(new ModelBundle(boasting, v3.onnxModel(), v3.items())), "manifest.json");

        assertThat(reason(gate.consider("gru4rec", edited, OptionalLong.of(2)))).startsWith("signature does not verify");
    }

    @Test
    void refusesItemsRewrittenWithTheirChecksumRecomputed() {
        List<String> injected = new ArrayList<>(v3.items());
        injected.set(0, "https://evil.example/buy-now");
        byte[] rewritten = BundleZips.graft(TestKeys.signed(v3),
                ModelBundleCodec.encode(resealed(v3, v3.manifest(), injected)), "items.txt", "manifest.json");

        assertThat(reason(gate.consider("gru4rec", rewritten, OptionalLong.of(2)))).startsWith("signature does not verify");
    }

    @Test
    void refusesABundleSignedWithAKeyItDoesNotTrust() {
        assertThat(reason(gate.consider("gru4rec", ModelBundleCodec.encode(v3, TestKeys.forger()), OptionalLong.of(2))))
                .startsWith("signature does not verify");
    }

    @Test
    void refusesUnsignedBundlesUnlessAskedToLoadThem() throws Exception {
        byte[] unsigned = ModelBundleCodec.encode(v3);
        assertThat(reason(gate.consider("gru4rec", unsigned, OptionalLong.of(2)))).startsWith("bundle is not signed");
        assertThat(reason(new BundleGate("gru4rec", ScoringOptions.cpu(), ModelAcceptance.of(BundleTrust.nothing()))
                .consider("gru4rec", TestKeys.signed(v3), OptionalLong.of(2))))
                .isEqualTo("no public key configured (pass --model-public-key FILE, or --allow-unsigned-models)");

        BundleDecision allowed = new BundleGate("gru4rec", ScoringOptions.cpu(),
                ModelAcceptance.of(BundleTrust.unsigned())).consider("gru4rec", unsigned, OptionalLong.of(2));
        assertThat(allowed).isInstanceOf(BundleDecision.Accept.class);
        ((BundleDecision.Accept) allowed).model().close();
    }

    @Test
    void refusesGraphsWithFlippedBytesWhoseChecksumWasRecomputed() {
        byte[] original = TestKeys.signed(v3);
        Random random = new Random(8);
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] graph = v3.onnxModel().clone();
            graph[random.nextInt(graph.length)] ^= (byte) (1 + random.nextInt(255));
            ModelBundle flipped = ModelBundle.sealed(v3.manifest().withContentSha256(null), graph, v3.items());
            reasons.add(reason(gate.consider("gru4rec",
                    BundleZips.graft(original, ModelBundleCodec.encode(flipped), "model.onnx", "manifest.json"),
                    OptionalLong.of(2))));
        }
        assertThat(reasons).allSatisfy(r -> assertThat(r).startsWith("signature does not verify"));
    }

    @Test
    void refusesAZipBombQuicklyAndWithoutRunningOutOfMemory() {
        long started = System.nanoTime();
        assertThat(reason(gate.consider("gru4rec", BundleZips.bomb("model.onnx", 3L << 30), OptionalLong.of(2))))
                .isEqualTo("entry model.onnx inflates past 512 MiB");
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(30.0);
    }

    // ---- versions ----

    @Test
    void refusesAVersionFarBeyondTheServingOneAndAcceptsARollForwardWithinTheJump() throws Exception {
        ModelBundle far = resealed(v3, withVersion(v3.manifest(), 2 + ModelAcceptance.DEFAULT_MAX_VERSION_JUMP + 1),
                v3.items());
        assertThat(reason(gate.consider("gru4rec", TestKeys.signed(far), OptionalLong.of(2))))
                .isEqualTo("version 100000000003 is 100000000001 past the serving version 2, more than the allowed"
                        + " jump of 100000000000 (publish a version within it, or raise --max-version-jump)");

        BundleGate raised = new BundleGate("gru4rec", ScoringOptions.cpu(),
                SIGNED.withMaxVersionJump(2 * ModelAcceptance.DEFAULT_MAX_VERSION_JUMP));
        BundleDecision accepted = raised.consider("gru4rec", TestKeys.signed(far), OptionalLong.of(2));
        assertThat(accepted).isInstanceOf(BundleDecision.Accept.class);
        ((BundleDecision.Accept) accepted).model().close();
    }

    @Test
    void refusesVersionsOutsideOneToTheHighestEvenForALinesFirstModel() {
        for (long version : new long[] {Long.MAX_VALUE, ModelAcceptance.MAX_VERSION + 1}) {
            ModelBundle absurd = resealed(v3, withVersion(v3.manifest(), version), v3.items());
            assertThat(reason(gate.consider("gru4rec", TestKeys.signed(absurd), OptionalLong.empty())))
                    .isEqualTo("version " + version + " is above the highest version accepted, 999999999999999");
        }
        for (long version : new long[] {0, -5}) {
            ModelBundle nonPositive = resealed(v3, withVersion(v3.manifest(), version), v3.items());
            assertThat(reason(gate.consider("gru4rec", TestKeys.signed(nonPositive), OptionalLong.empty())))
                    .isEqualTo("version " + version + " is not positive");
        }
    }

    // ---- catalogue ----

    private static List<String> clicksOn(String prefix, int distinct, int clicks) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            items.add(prefix + (1 + i % distinct));
        }
        Collections.shuffle(items, new Random(3));
        return items;
    }

    @Test
    void refusesABundleForAnotherCatalogueOnceEnoughItemsHaveBeenClicked() {
        ModelBundle live = TestBundles.successorModel("gru4rec", 3, 200, 5, 3);
        BundleGate judged = new BundleGate(Set.of("gru4rec"), ScoringOptions.cpu(), SIGNED,
                () -> clicksOn("other-", 150, 1_000));

        BundleDecision decision = judged.consider("gru4rec", TestKeys.signed(live), OptionalLong.of(2));
        assertThat(((BundleDecision.Refuse) decision).cause()).isEqualTo(RefusalCause.CATALOGUE);
        assertThat(reason(decision))
                .isEqualTo("catalogue overlap too small: the bundle knows the items of 0.0% of this instance's last"
                        + " 1,000 clicks (150 distinct items), at least 50.0% required (--min-catalogue-overlap 0.5)");
    }

    @Test
    void judgesTheCatalogueByClicksAndOnlyOnceEnoughDistinctItemsHaveBeenSeen() throws Exception {
        ModelBundle live = TestBundles.successorModel("gru4rec", 3, 200, 5, 3);
        List<String> mostlyKnown = new ArrayList<>(clicksOn("item-", 100, 900));
        mostlyKnown.addAll(clicksOn("new-", 100, 100));
        BundleGate fewItems = new BundleGate(Set.of("gru4rec"), ScoringOptions.cpu(), SIGNED,
                () -> clicksOn("other-", 99, 1_000));
        BundleGate knownByClicks = new BundleGate(Set.of("gru4rec"), ScoringOptions.cpu(), SIGNED, () -> mostlyKnown);
        BundleGate checkOff = new BundleGate(Set.of("gru4rec"), ScoringOptions.cpu(),
                SIGNED.withMinCatalogueOverlap(0), () -> clicksOn("other-", 150, 1_000));

        for (BundleGate accepting : List.of(fewItems, knownByClicks, checkOff)) {
            BundleDecision decision = accepting.consider("gru4rec", TestKeys.signed(live), OptionalLong.of(2));
            assertThat(decision).isInstanceOf(BundleDecision.Accept.class);
            ((BundleDecision.Accept) decision).model().close();
        }
    }
}
