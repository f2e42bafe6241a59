package io.streamrec.schemas.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.topic.TopicCatalogue;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Archives that must be refused while they are read, before what they would inflate to is kept. */
class BundleLimitsTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void aZipBombIsRefusedWhileInflatingAndNothingItInflatesToIsKept() {
        byte[] bomb = BundleZips.bomb("model.onnx", 4 * GIB);
        assertThat(bomb.length).as("a few MB on the topic").isLessThan(TopicCatalogue.MAX_BUNDLE_BYTES);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();

        assertThatThrownBy(() -> ModelBundleCodec.decode(bomb, BundleTrust.unsigned()))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessage("entry model.onnx inflates past 512 MiB");

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(seconds).as("refused after inflating 512 MiB, not 4 GiB").isLessThan(30);
        assertThat(allocated).as("bytes allocated while refusing a 4 GiB entry").isLessThan(16L * 1024 * 1024);
    }

    @Test
    void theTotalInflatedSizeIsLimitedAcrossEntries() {
        byte[] zip = BundleZips.zip(new LinkedHashMap<>(Map.of("model.onnx", new byte[900], "step.onnx", new byte[900])));

        assertThatThrownBy(() -> ModelBundleCodec.decode(zip, BundleTrust.unsigned(), new BundleLimits(6, 1000, 1500)))
                .hasMessage("entries inflate past 1500 bytes in all");
        assertThatThrownBy(() -> ModelBundleCodec.decode(zip, BundleTrust.unsigned(), new BundleLimits(6, 512, 4096)))
                .hasMessageMatching("entry (model|step)\\.onnx inflates past 512 bytes");
    }

    @Test
    void moreEntriesThanABundleCanHoldAreRefused() {
        byte[] seven = BundleZips.zipOf("manifest.json", "model.onnx", "items.txt", "step.onnx", "users.txt",
                "signature", "extra.bin");

        assertThatThrownBy(() -> ModelBundleCodec.decode(seven, BundleTrust.unsigned()))
                .hasMessage("bundle has more than 6 entries");
    }

    @Test
    void unknownAndRepeatedEntriesAreRefused() {
        String[] thousandsOfCopies = new String[10_000];
        Arrays.fill(thousandsOfCopies, "items.txt");

        assertThatThrownBy(() -> ModelBundleCodec.decode(BundleZips.zipOf("manifest.json", "../../etc/cron.d/x"),
                BundleTrust.unsigned()))
                .hasMessage("unknown entry '../../etc/cron.d/x' (a bundle holds only manifest.json, model.onnx,"
                        + " items.txt, step.onnx, users.txt, signature)");
        assertThatThrownBy(() -> ModelBundleCodec.decode(BundleZips.zipOf(thousandsOfCopies), BundleTrust.unsigned()))
                .hasMessage("entry items.txt appears more than once");
        assertThatThrownBy(() -> ModelBundleCodec.decode(BundleZips.zipOf("evil\nname"), BundleTrust.unsigned()))
                .hasMessageStartingWith("unknown entry 'evil?name'");
    }

    @Test
    void aSignatureEntryLargerThanAnySignatureIsRefused() {
        byte[] zip = BundleZips.zip(Map.of("signature", new byte[BundleArchive.MAX_SIGNATURE_BYTES + 1]));

        assertThatThrownBy(() -> ModelBundleCodec.decode(zip, BundleTrust.unsigned()))
                .hasMessage("entry signature inflates past 64 KiB");
    }

    @Test
    void limitsMustBeConsistent() {
        assertThatThrownBy(() -> new BundleLimits(6, 1000, 999)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BundleLimits(0, 1000, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BundleLimits.DEFAULT.maxEntryBytes()).isEqualTo(ChunkAssembler.DEFAULT_MAX_TOTAL_BYTES);
        assertThat(List.of(BundleLimits.size(512L << 20), BundleLimits.size(4096), BundleLimits.size(1500)))
                .containsExactly("512 MiB", "4 KiB", "1500 bytes");
    }
}
