package io.streamrec.schemas.bundle;

import static io.streamrec.schemas.bundle.BundleZips.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a signature over every entry, the manifest included, lets a reader refuse. */
class SignedBundleTest {
    private static final KeyPair TRAINER = BundleKeys.generate();
    private static final KeyPair FORGER = BundleKeys.generate();
    private static final BundleTrust TRUST = BundleTrust.signedBy(TRAINER.getPublic());
    private static final ModelManifest MANIFEST = new ModelManifest(ModelManifest.FORMAT_VERSION, "gru4rec", "gru4rec",
            3, "2026-11-23T00:00:00Z", 20, 2, 3,
            List.of(new TensorSpec("item_ids", TensorRole.ITEM_SEQUENCE, "INT64", List.of(-1L, 20L))),
            List.of(new TensorSpec("top_items", TensorRole.TOP_ITEMS, "INT64", List.of(-1L, 2L))),
            Map.of("recall@20", 0.41), Map.of("epochs", "3"), null);
    private static final ModelBundle BUNDLE = ModelBundle.sealed(MANIFEST, graphBytes(), List.of("a", "b", "c"));

    private static byte[] graphBytes() {
        byte[] graph = new byte[2048];
        new Random(5).nextBytes(graph);
        return graph;
    }

    private static byte[] signed(ModelBundle bundle) {
        return ModelBundleCodec.encode(bundle, new BundleSigner(TRAINER.getPrivate()));
    }

    @Test
    void aBundleSignedByTheTrustedKeyDecodesWithEveryEntry() throws Exception {
        byte[] bytes = signed(BUNDLE);

        ModelBundle back = ModelBundleCodec.decode(bytes, TRUST);

        assertThat(back.manifest()).isEqualTo(BUNDLE.manifest());
        assertThat(back.onnxModel()).isEqualTo(BUNDLE.onnxModel());
        assertThat(BundleZips.entries(bytes)).containsOnlyKeys("manifest.json", "model.onnx", "items.txt", "signature");
    }

    @Test
    void anEditedManifestIsRefusedThoughTheContentChecksumStillMatches() {
        String manifest = new String(BundleZips.entries(signed(BUNDLE)).get("manifest.json"), StandardCharsets.UTF_8);
        byte[] edited = BundleZips.withEntry(signed(BUNDLE), "manifest.json",
                utf8(manifest.replace("0.41", "0.999")));

        assertThatThrownBy(() -> ModelBundleCodec.decode(edited, TRUST))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageStartingWith("signature does not verify with key " + BundleKeys.fingerprint(TRAINER.getPublic()));
        assertThat(manifest).contains("0.41");
    }

    @Test
    void itemsRewrittenWithTheirChecksumRecomputedAreRefused() throws Exception {
        List<String> injected = List.of("https://evil.example/a", "b", "c");
        ModelBundle resealed = ModelBundle.sealed(MANIFEST, BUNDLE.onnxModel(), injected);
        byte[] rewritten = BundleZips.withEntry(BundleZips.withEntry(signed(BUNDLE), "items.txt",
                utf8(String.join("\n", injected) + "\n")), "manifest.json",
                BundleZips.entries(ModelBundleCodec.encode(resealed)).get("manifest.json"));
        assertThat(ModelBundleCodec.decode(rewritten, BundleTrust.unsigned()).items())
                .as("the checksum alone is satisfied").first().isEqualTo("https://evil.example/a");

        assertThatThrownBy(() -> ModelBundleCodec.decode(rewritten, TRUST))
                .hasMessageStartingWith("signature does not verify");
    }

    @Test
    void aBundleSignedWithAnotherKeyIsRefused() {
        byte[] forged = ModelBundleCodec.encode(BUNDLE, new BundleSigner(FORGER.getPrivate()));

        assertThatThrownBy(() -> ModelBundleCodec.decode(forged, TRUST))
                .hasMessage("signature does not verify with key " + BundleKeys.fingerprint(TRAINER.getPublic())
                        + ": the bundle was changed after it was signed, or signed with another key");
    }

    @Test
    void theForgersSignatureEntryGraftedOntoTheTrainersBundleIsRefused() {
        byte[] forgedSignature = BundleZips.entries(ModelBundleCodec.encode(BUNDLE,
                new BundleSigner(FORGER.getPrivate()))).get("signature");

        assertThatThrownBy(() -> ModelBundleCodec.decode(
                BundleZips.withEntry(signed(BUNDLE), "signature", forgedSignature), TRUST))
                .hasMessageStartingWith("signature does not verify");
    }

    @Test
    void anUnsignedBundleIsRefusedUnlessUnsignedBundlesAreAllowed() throws Exception {
        byte[] unsigned = ModelBundleCodec.encode(BUNDLE);
        byte[] stripped = BundleZips.withoutEntry(signed(BUNDLE), "signature");

        for (byte[] bytes : List.of(unsigned, stripped)) {
            assertThatThrownBy(() -> ModelBundleCodec.decode(bytes, TRUST))
                    .hasMessage("bundle is not signed; this app loads only bundles signed by key "
                            + BundleKeys.fingerprint(TRAINER.getPublic()));
            assertThat(ModelBundleCodec.decode(bytes, BundleTrust.unsigned()).manifest()).isEqualTo(BUNDLE.manifest());
            assertThat(ModelBundleCodec.decode(bytes, BundleTrust.signedByOrUnsigned(TRAINER.getPublic())).items())
                    .containsExactly("a", "b", "c");
        }
    }

    @Test
    void duringAMoveToSignedBundlesASignatureIsStillCheckedWhereThereIsOne() {
        byte[] forged = ModelBundleCodec.encode(BUNDLE, new BundleSigner(FORGER.getPrivate()));

        assertThatThrownBy(() -> ModelBundleCodec.decode(forged, BundleTrust.signedByOrUnsigned(TRAINER.getPublic())))
                .hasMessageStartingWith("signature does not verify");
    }

    @Test
    void withoutAKeyOrLeaveForUnsignedBundlesEveryBundleIsRefusedNamingTheSettings() {
        assertThatThrownBy(() -> ModelBundleCodec.decode(signed(BUNDLE), BundleTrust.nothing()))
                .hasMessage("no public key configured (pass --model-public-key FILE, or --allow-unsigned-models)");
    }

    @Test
    void byteFlippedGraphsWhoseChecksumWasRecomputedAreAllRefused() {
        byte[] original = signed(BUNDLE);
        Random random = new Random(8);
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] graph = BUNDLE.onnxModel().clone();
            graph[random.nextInt(graph.length)] ^= (byte) (1 + random.nextInt(255));
            ModelBundle resealed = ModelBundle.sealed(MANIFEST, graph, BUNDLE.items());
            byte[] flipped = BundleZips.withEntry(BundleZips.withEntry(original, "model.onnx", graph), "manifest.json",
                    BundleZips.entries(ModelBundleCodec.encode(resealed)).get("manifest.json"));
            try {
                ModelBundleCodec.decode(flipped, TRUST);
                reasons.add("accepted");
            } catch (InvalidBundleException e) {
                reasons.add(e.getMessage());
            }
        }
        assertThat(reasons).hasSize(8).allSatisfy(r -> assertThat(r).startsWith("signature does not verify"));
    }

    @Test
    void anEntryAddedToOrRemovedFromASignedBundleBreaksItsSignature() {
        ModelBundle withUsers = ModelBundle.sealed(MANIFEST, BUNDLE.onnxModel(), BUNDLE.items(), null, List.of("u1"));
        byte[] signedWithUsers = signed(withUsers);

        assertThatThrownBy(() -> ModelBundleCodec.decode(BundleZips.withoutEntry(signedWithUsers, "users.txt"), TRUST))
                .hasMessageStartingWith("signature does not verify");
        assertThatThrownBy(() -> ModelBundleCodec.decode(
                BundleZips.withEntry(signed(BUNDLE), "users.txt", utf8("u1\n")), TRUST))
                .hasMessageStartingWith("signature does not verify");
    }

    @Test
    void anUnreadableSignatureEntryIsRefusedWithItsReason() {
        assertThatThrownBy(() -> ModelBundleCodec.decode(
                BundleZips.withEntry(signed(BUNDLE), "signature", utf8("not json")), TRUST))
                .hasMessageStartingWith("unreadable signature entry");
        assertThatThrownBy(() -> ModelBundleCodec.decode(BundleZips.withEntry(signed(BUNDLE), "signature",
                utf8("{\"algorithm\":\"RSA\",\"signature\":\"AAAA\"}")), TRUST))
                .hasMessage("bundle is signed with 'RSA'; only Ed25519 signatures are accepted");
    }
}
