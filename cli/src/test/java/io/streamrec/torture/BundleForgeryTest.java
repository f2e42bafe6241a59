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
    private final byte[] good = TrustedPublisher.UNSIGNED.publishable(
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
        for (int v = 0; v < 4; v++) {
            ModelBundle flipped = ModelBundleCodec.decode(BundleForgery.graphFlipped(good, 4 + v, v, 4));
            assertThat(flipped.onnxModel()).isNotEqualTo(ModelBundleCodec.decode(good).onnxModel());
            assertThat(flipped.manifest().version()).isEqualTo(4 + v);
        }
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
