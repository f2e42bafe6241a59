package io.streamrec.schemas.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelBundleCodecTest {
    private static final ModelManifest MANIFEST = new ModelManifest(ModelManifest.FORMAT_VERSION, "gru4rec", "gru4rec",
            3, "2026-11-23T00:00:00Z", 20, 2, 3,
            List.of(new TensorSpec("item_ids", TensorRole.ITEM_SEQUENCE, "INT64", List.of(-1L, 20L))),
            List.of(new TensorSpec("top_items", TensorRole.TOP_ITEMS, "INT64", List.of(-1L, 2L))),
            Map.of("recall@20", 0.5), Map.of("epochs", "3"), null);

    @Test
    void roundTripsManifestGraphAndVocabulary() throws Exception {
        ModelBundle bundle = ModelBundle.sealed(MANIFEST, new byte[] {7, 8, 9}, List.of("a", "b", "c"));
        ModelBundle back = ModelBundleCodec.decode(ModelBundleCodec.encode(bundle));
        assertThat(back.manifest()).isEqualTo(bundle.manifest());
        assertThat(back.manifest().contentSha256()).hasSize(64);
        assertThat(back.onnxModel()).containsExactly(7, 8, 9);
        assertThat(back.items()).containsExactly("a", "b", "c");
    }

    @Test
    void refusesContentThatDoesNotMatchTheChecksum() {
        ModelBundle bundle = ModelBundle.sealed(MANIFEST, new byte[] {7, 8, 9}, List.of("a", "b", "c"));
        ModelBundle tampered = new ModelBundle(bundle.manifest(), new byte[] {7, 8, 10}, bundle.items());
        assertThatThrownBy(() -> ModelBundleCodec.decode(ModelBundleCodec.encode(tampered)))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageStartingWith("checksum mismatch");
    }

    @Test
    void carriesAUserVocabularyUnderTheChecksum() throws Exception {
        ModelBundle bundle = ModelBundle.sealed(MANIFEST, new byte[] {1}, List.of("a", "b", "c"), null,
                List.of("alice", "bob"));
        ModelBundle back = ModelBundleCodec.decode(ModelBundleCodec.encode(bundle));
        assertThat(back.users()).containsExactly("alice", "bob");
        assertThat(back.manifest().contentSha256())
                .isNotEqualTo(ModelBundle.sealed(MANIFEST, new byte[] {1}, List.of("a", "b", "c")).manifest()
                        .contentSha256());

        ModelBundle swappedUsers = new ModelBundle(bundle.manifest(), bundle.onnxModel(), bundle.items(), null,
                List.of("mallory", "bob"));
        assertThatThrownBy(() -> ModelBundleCodec.decode(ModelBundleCodec.encode(swappedUsers)))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageStartingWith("checksum mismatch");
    }

    @Test
    void refusesAVocabularyOfTheWrongSize() {
        ModelBundle bundle = ModelBundle.sealed(MANIFEST, new byte[] {1}, List.of("a", "b"));
        assertThatThrownBy(() -> ModelBundleCodec.decode(ModelBundleCodec.encode(bundle)))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessage("vocabulary has 2 items, manifest says 3");
    }

    @Test
    void refusesBytesThatAreNotABundle() {
        assertThatThrownBy(() -> ModelBundleCodec.decode("{\"not\":\"a zip\"}".getBytes()))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessage("bundle has no manifest.json");
        assertThatThrownBy(() -> ModelBundleCodec.decode(new byte[0]))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessage("empty bundle");
    }

    @Test
    void carriesAStepGraphUnderTheChecksumWhenTheManifestDescribesOne() throws Exception {
        StepGraph step = new StepGraph(4, List.of(), List.of());
        ModelBundle bundle = ModelBundle.sealed(MANIFEST.withStepGraph(step), new byte[] {1}, List.of("a", "b", "c"),
                new byte[] {5, 6});
        ModelBundle back = ModelBundleCodec.decode(ModelBundleCodec.encode(bundle));
        assertThat(back.stepModel()).containsExactly(5, 6);
        assertThat(back.manifest().step()).contains(step);

        ModelBundle tampered = new ModelBundle(bundle.manifest(), bundle.onnxModel(), bundle.items(), new byte[] {5, 7});
        assertThatThrownBy(() -> ModelBundleCodec.decode(ModelBundleCodec.encode(tampered)))
                .hasMessageStartingWith("checksum mismatch");
        ModelBundle missing = new ModelBundle(bundle.manifest(), bundle.onnxModel(), bundle.items(), null);
        assertThatThrownBy(() -> ModelBundleCodec.decode(ModelBundleCodec.encode(missing)))
                .hasMessage("manifest describes a step graph but the bundle has no step.onnx");
    }
}
