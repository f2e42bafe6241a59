package io.streamrec.streams.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BundleGateTest {
    private final BundleGate gate = new BundleGate("gru4rec", ScoringOptions.cpu());
    private final ModelBundle v3 = TestBundles.successorModel("gru4rec", 3, 10, 5, 3);

    @Test
    void acceptsANewerValidBundleAsALoadedModel() throws Exception {
        BundleDecision decision = gate.consider("gru4rec", ModelBundleCodec.encode(v3), OptionalLong.of(2));
        assertThat(decision).isInstanceOf(BundleDecision.Accept.class);
        try (var model = ((BundleDecision.Accept) decision).model()) {
            assertThat(model.manifest().version()).isEqualTo(3);
        }
    }

    @Test
    void aGateForSeveralLinesAcceptsEachOfThemOfAnyKindAndIgnoresTheRest() throws Exception {
        BundleGate lines = new BundleGate(java.util.Set.of("gru4rec", "caser"), ScoringOptions.cpu());
        BundleDecision caser = lines.consider("caser",
                ModelBundleCodec.encode(TestBundles.userFavouriteModel("caser", 1, 10, 3, 5, 3)), OptionalLong.empty());
        assertThat(caser).isInstanceOf(BundleDecision.Accept.class);
        try (var model = ((BundleDecision.Accept) caser).model()) {
            assertThat(model.usesUser()).isTrue();
        }
        assertThat(lines.consider("narm", ModelBundleCodec.encode(TestBundles.successorModel("narm", 1, 10, 5, 3)),
                OptionalLong.empty())).isInstanceOf(BundleDecision.Ignore.class);
        assertThat(lines.consider("caser", ModelBundleCodec.encode(v3), OptionalLong.empty()))
                .isInstanceOf(BundleDecision.Refuse.class);
    }

    @Test
    void refusesBytesThatAreNotABundle() {
        assertThat(gate.consider("gru4rec", "garbage".getBytes(), OptionalLong.empty()))
                .isEqualTo(new BundleDecision.Refuse("bundle has no manifest.json"));
    }

    @Test
    void refusesContentThatDoesNotMatchItsChecksum() {
        byte[] onnx = v3.onnxModel().clone();
        onnx[onnx.length / 2] ^= 1;
        byte[] tampered = ModelBundleCodec.encode(new ModelBundle(v3.manifest(), onnx, v3.items()));
        BundleDecision decision = gate.consider("gru4rec", tampered, OptionalLong.empty());
        assertThat(decision).isInstanceOf(BundleDecision.Refuse.class);
        assertThat(((BundleDecision.Refuse) decision).reason()).startsWith("checksum mismatch");
    }

    @Test
    void refusesAVersionThatIsNotNewerThanTheServingOne() {
        assertThat(gate.consider("gru4rec", ModelBundleCodec.encode(v3), OptionalLong.of(3)))
                .isEqualTo(new BundleDecision.Refuse("version 3 is not newer than the serving version 3"));
    }

    @Test
    void refusesAManifestWhoseNameDisagreesWithTheRecordKey() {
        ModelBundle other = TestBundles.successorModel("caser", 9, 10, 5, 3);
        BundleDecision decision = gate.consider("gru4rec", ModelBundleCodec.encode(other), OptionalLong.empty());
        assertThat(decision).isEqualTo(new BundleDecision.Refuse(
                "manifest names model 'caser' but the record key is 'gru4rec'"));
    }

    @Test
    void refusesAGraphThatOnnxRuntimeCannotLoadEvenWithAValidChecksum() {
        ModelBundle broken = ModelBundle.sealed(v3.manifest(), "not an onnx graph".getBytes(), v3.items());
        BundleDecision decision = gate.consider("gru4rec", ModelBundleCodec.encode(broken), OptionalLong.of(1));
        assertThat(decision).isInstanceOf(BundleDecision.Refuse.class);
        assertThat(((BundleDecision.Refuse) decision).reason())
                .startsWith("gru4rec v3 (test-last-item): ONNX Runtime cannot run the graph");
    }

    @Test
    void refusesAGraphWhoseTopKDisagreesWithItsManifest() {
        ModelBundle fiveWide = TestBundles.successorModel("gru4rec", 3, 10, 5, 5);
        ModelBundle lying = ModelBundle.sealed(v3.manifest(), fiveWide.onnxModel(), fiveWide.items());
        BundleDecision decision = gate.consider("gru4rec", ModelBundleCodec.encode(lying), OptionalLong.empty());
        assertThat(decision).isInstanceOf(BundleDecision.Refuse.class);
    }

    @Test
    void ignoresOtherModelLinesAndTombstones() {
        assertThat(gate.consider("caser", ModelBundleCodec.encode(v3), OptionalLong.empty()))
                .isInstanceOf(BundleDecision.Ignore.class);
        assertThat(gate.consider("gru4rec", null, OptionalLong.empty())).isInstanceOf(BundleDecision.Ignore.class);
    }
}
