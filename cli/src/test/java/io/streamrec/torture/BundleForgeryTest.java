package io.streamrec.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.bundle.InvalidBundleException;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Forgeries pass the checks a forger can satisfy (the archive, the checksum) and differ where they claim to. */
class BundleForgeryTest {
    private final Catalogue catalogue = Catalogue.items(30);
    private final byte[] good = TrustedPublisher.unsigned().publishable(
            TortureModels.lastItemModel("line", 1, catalogue, 5, 1));

    @Test
    void theGoodBundleDecodes() throws InvalidBundleException {
        ModelBundle bundle = ModelBundleCodec.decode(good);

        assertThat(bundle.items()).isEqualTo(catalogue.all());
        assertThat(bundle.manifest().version()).isEqualTo(1);
    }

    @Test
    void editedManifestsAndContentsStillDecode() throws InvalidBundleException {
        assertThat(ModelBundleCodec.decode(BundleForgery.metricsEdited(good, 2)).manifest().metrics())
                .containsEntry("recall@20", 0.99);
        ModelBundle rewritten = ModelBundleCodec.decode(BundleForgery.itemsRewritten(good, 3));
        assertThat(rewritten.items()).containsExactlyElementsOf(reversed(catalogue.all()));
        assertThat(ModelBundleCodec.decode(BundleForgery.versionMax(good)).manifest().version())
                .isEqualTo(Long.MAX_VALUE);
        long version = 4;
        for (BundleForgery.Flip flip : BundleForgery.flips(good, 10)) {
            ModelBundle flipped = ModelBundleCodec.decode(BundleForgery.graphFlipped(good, version, flip));
            assertThat(flipped.onnxModel()).as(flip.what()).isNotEqualTo(ModelBundleCodec.decode(good).onnxModel());
            assertThat(flipped.manifest().version()).isEqualTo(version++);
        }
    }

    @Test
    void flipsHitTheGraphsStructureBeforeItsWeights() {
        byte[] graph = BundleForgery.entries(good).get(BundleForgery.MODEL);
        List<BundleForgery.Flip> flips = BundleForgery.flips(good, 10);

        assertThat(flips).hasSize(10).extracting(BundleForgery.Flip::what).startsWith("model header",
                "operator type MatMul", "operator type TopK", "tensor name item_ids", "attribute name axis",
                "graph output name top_scores");
        BundleForgery.Flip matMul = flips.get(1);
        assertThat(new String(graph, matMul.position(), 6, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("MatMul");
        assertThat(flips).extracting(BundleForgery.Flip::position).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isBetween(0, graph.length - 1));
    }

    @Test
    void withoutRecomputingTheChecksumAContentEditIsCaught() {
        var entries = BundleForgery.entries(good);
        entries.put(BundleForgery.ITEMS, "a\nb\n".getBytes());

        assertThatThrownBy(() -> ModelBundleCodec.decode(BundleForgery.zip(entries)))
                .isInstanceOf(InvalidBundleException.class).hasMessageContaining("checksum");
    }

    @Test
    void theZipBombIsSmallOnTheWireAndHugeInflated() throws Exception {
        long inflated = 64L * 1024 * 1024;
        byte[] bomb = BundleForgery.zipBomb(good, 9, inflated);

        assertThat(bomb.length).isLessThan((int) (inflated / 500));
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(bomb))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                total += zip.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        assertThat(total).isGreaterThan(inflated);
    }

    private static List<String> reversed(List<String> items) {
        List<String> copy = new java.util.ArrayList<>(items);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
