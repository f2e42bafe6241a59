package io.streamrec.schemas.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkedBundlesTest {
    private static final Set<String> SERVED = Set.of("gru4rec");

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The records a publisher writes for one bundle, as (key, value) pairs in order. */
    private static List<Object[]> records(String name, long version, byte[] bundle, int chunkBytes) {
        ChunkedBundles.Split split = ChunkedBundles.split(name, version, bundle, chunkBytes);
        List<Object[]> records = new ArrayList<>();
        for (BundleChunk c : split.chunks()) {
            records.add(new Object[] {ChunkedBundles.chunkKey(name, version, c.index()), ChunkedBundles.encodeChunk(c)});
        }
        records.add(new Object[] {name, ChunkedBundles.encodeManifest(split.manifest())});
        return records;
    }

    private static ChunkAssembler.Outcome feed(ChunkAssembler assembler, List<Object[]> records) {
        ChunkAssembler.Outcome last = null;
        for (Object[] r : records) {
            last = assembler.accept((String) r[0], (byte[]) r[1]);
        }
        return last;
    }

    @Test
    void aBundleRoundTripsThroughChunksOfAnySize() {
        for (int size : new int[] {0, 1, 999, 1000, 1001, 25_000}) {
            byte[] bundle = bytes(size, size);
            List<Object[]> records = records("gru4rec", 7, bundle, 1000);
            assertThat(records).hasSize(Math.max(1, (size + 999) / 1000) + 1);
            ChunkAssembler.Outcome out = feed(new ChunkAssembler(1 << 20, SERVED::contains), records);
            assertThat(out).isInstanceOf(ChunkAssembler.Assembled.class);
            ChunkAssembler.Assembled assembled = (ChunkAssembler.Assembled) out;
            assertThat(assembled.bundle()).isEqualTo(bundle);
            assertThat(assembled.manifest().version()).isEqualTo(7);
            assertThat(assembled.manifest().totalBytes()).isEqualTo(size);
        }
    }

    @Test
    void chunkKeysParseBackAndOtherKeysAreNotChunks() {
        assertThat(ChunkedBundles.parseChunkKey(ChunkedBundles.chunkKey("a#b", 12, 3)))
                .contains(new ChunkedBundles.ChunkKey("a#b", 12, 3));
        assertThat(ChunkedBundles.parseChunkKey("gru4rec")).isEmpty();
        assertThat(ChunkedBundles.parseChunkKey("gru4rec#vx#1")).isEmpty();
        assertThat(ChunkedBundles.parseChunkKey("#v1#1")).isEmpty();
        assertThat(ChunkedBundles.parseChunkKey(null)).isEmpty();
    }

    @Test
    void aManifestIsNeitherAZipNorAChunkAndDecodesBack() throws Exception {
        ChunkManifest m = new ChunkManifest("gru4rec", 3, 5, 4321, "ab");
        byte[] encoded = ChunkedBundles.encodeManifest(m);
        assertThat(ChunkedBundles.isManifest(encoded)).isTrue();
        assertThat(ChunkedBundles.isChunk(encoded)).isFalse();
        assertThat(ChunkedBundles.decodeManifest(encoded)).isEqualTo(m);
        assertThat(ChunkedBundles.isManifest("PK\3\4".getBytes())).isFalse();
        assertThatThrownBy(() -> ChunkedBundles.decodeManifest("SRBM1\n{".getBytes()))
                .isInstanceOf(InvalidBundleException.class);
    }

    @Test
    void aMissingChunkRefusesTheBundleWithAReason() {
        List<Object[]> records = records("gru4rec", 2, bytes(3500, 1), 1000);
        records.remove(1);
        ChunkAssembler.Outcome out = feed(new ChunkAssembler(1 << 20, SERVED::contains), records);
        assertThat(out).isInstanceOf(ChunkAssembler.Refused.class);
        assertThat(((ChunkAssembler.Refused) out).reason()).contains("missing chunk(s) [1] of 4");
    }

    @Test
    void aCorruptChunkFailsTheChecksumOverTheWhole() {
        List<Object[]> records = records("gru4rec", 2, bytes(3500, 1), 1000);
        byte[] chunk = (byte[]) records.get(2)[1];
        chunk[chunk.length - 1] ^= 1;
        ChunkAssembler.Outcome out = feed(new ChunkAssembler(1 << 20, SERVED::contains), records);
        assertThat(((ChunkAssembler.Refused) out).reason()).contains("checksum mismatch");
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedWithoutBufferingIt() {
        ChunkAssembler assembler = new ChunkAssembler(3000, SERVED::contains);
        ChunkAssembler.Outcome out = feed(assembler, records("gru4rec", 2, bytes(3500, 1), 1000));
        assertThat(((ChunkAssembler.Refused) out).reason()).contains("over this reader's limit of 3000");
        assertThat(assembler.inProgress()).isEmpty();
    }

    @Test
    void aNewerVersionsChunksDropAnOlderUnfinishedOneAndOtherLinesAreNeverKept() {
        ChunkAssembler assembler = new ChunkAssembler(1 << 20, SERVED::contains);
        List<Object[]> v1 = records("gru4rec", 1, bytes(3000, 1), 1000);
        List<Object[]> v2 = records("gru4rec", 2, bytes(2500, 2), 1000);
        // v1's publisher died after two chunks; v2 then comes whole
        feed(assembler, v1.subList(0, 2));
        assertThat(feed(assembler, v2)).isInstanceOf(ChunkAssembler.Assembled.class);
        // v1's manifest arriving late (or replayed) cannot assemble from nothing
        assertThat(assembler.accept("gru4rec", (byte[]) v1.get(v1.size() - 1)[1]))
                .isInstanceOf(ChunkAssembler.Refused.class);

        List<Object[]> other = records("caser", 1, bytes(2000, 3), 1000);
        assertThat(assembler.accept((String) other.get(0)[0], (byte[]) other.get(0)[1]))
                .isInstanceOf(ChunkAssembler.Held.class);
        assertThat(assembler.accept("caser", (byte[]) other.get(other.size() - 1)[1]))
                .as("another line's manifest goes on to be ignored like its single-record bundles")
                .isInstanceOf(ChunkAssembler.PassOn.class);
        assertThat(assembler.inProgress()).isEmpty();
    }

    @Test
    void singleRecordBundlesAndTombstonesPassOn() {
        ChunkAssembler assembler = new ChunkAssembler(1 << 20, SERVED::contains);
        assertThat(assembler.accept("gru4rec", "PK\3\4 a zip".getBytes())).isInstanceOf(ChunkAssembler.PassOn.class);
        assertThat(assembler.accept("gru4rec", null)).isInstanceOf(ChunkAssembler.PassOn.class);
        assertThat(assembler.accept(ChunkedBundles.chunkKey("gru4rec", 1, 0), null))
                .isInstanceOf(ChunkAssembler.Held.class);
    }
}
