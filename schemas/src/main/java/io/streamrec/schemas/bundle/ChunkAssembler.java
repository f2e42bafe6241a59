package io.streamrec.schemas.bundle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Puts bundles sent in chunks ({@link ChunkedBundles}) back together as a reader meets the model topic's records,
 * in offset order. A bundle comes out only when its manifest arrives and every chunk it names is there, of the
 * declared size, with the declared SHA-256 over the whole; anything less is refused with a reason, never handed on
 * in part.
 *
 * <p>Memory is bounded: at most one bundle per wanted model line is being gathered (a chunk of a newer version
 * drops an older one's), chunks of lines not wanted are never kept, and a declared total size over the limit is
 * refused before a byte of it is buffered. Not thread-safe; one reader thread owns it.
 */
public final class ChunkAssembler {
    /** A 300k-item GRU4Rec bundle is about 120 MB; this leaves room for several times that. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 512L * 1024 * 1024;

    private final long maxTotalBytes;
    private final Predicate<String> wanted;
    private final Map<String, Gathering> gathering = new HashMap<>();

    /**
     * @param maxTotalBytes the largest bundle this reader will assemble
     * @param wanted        which model names to assemble; other lines' chunks are skipped unread
     */
    public ChunkAssembler(long maxTotalBytes, Predicate<String> wanted) {
        this.maxTotalBytes = maxTotalBytes;
        this.wanted = wanted;
    }

    /** What became of one record. */
    public sealed interface Outcome {
    }

    /** Not part of a chunked bundle (a single-record bundle, a tombstone, another line): handle it as it is. */
    public record PassOn() implements Outcome {
    }

    /** A chunk, kept or skipped; nothing to act on yet. */
    public record Held(String why) implements Outcome {
    }

    /** A whole bundle, every chunk present and the checksum over all of them right. */
    public record Assembled(ChunkManifest manifest, byte[] bundle) implements Outcome {
    }

    /** A manifest whose bundle cannot be assembled, and why. */
    public record Refused(String name, String reason) implements Outcome {
    }

    public Outcome accept(String key, byte[] value) {
        Optional<ChunkedBundles.ChunkKey> chunkKey = ChunkedBundles.parseChunkKey(key);
        if (chunkKey.isPresent()) {
            return chunk(chunkKey.get(), key, value);
        }
        if (key != null && ChunkedBundles.isManifest(value) && wanted.test(key)) {
            return manifest(key, value);
        }
        return new PassOn();
    }

    /** Versions being gathered, by model name; for tests and diagnostics. */
    Map<String, Long> inProgress() {
        Map<String, Long> versions = new HashMap<>();
        gathering.forEach((name, g) -> versions.put(name, g.version));
        return versions;
    }

    private Outcome chunk(ChunkedBundles.ChunkKey key, String rawKey, byte[] value) {
        if (value == null) {
            return new Held("tombstone of a retired chunk");
        }
        if (!wanted.test(key.name())) {
            return new Held("chunk of a model not served here");
        }
        Gathering current = gathering.get(key.name());
        if (current != null && key.version() < current.version) {
            return new Held("chunk of v" + key.version() + ", older than v" + current.version + " being gathered");
        }
        BundleChunk chunk;
        try {
            chunk = ChunkedBundles.decodeChunk(rawKey, value);
        } catch (InvalidBundleException e) {
            gatheringFor(key.name(), key.version(), current, -1, -1).fail(e.getMessage());
            return new Held("unreadable chunk");
        }
        Gathering g = gatheringFor(key.name(), key.version(), current, chunk.chunks(), chunk.totalBytes());
        g.add(chunk, maxTotalBytes);
        return new Held("chunk " + chunk.index() + " of " + chunk.chunks());
    }

    private Gathering gatheringFor(String name, long version, Gathering current, int chunks, long totalBytes) {
        if (current != null && current.version == version) {
            return current;
        }
        Gathering fresh = new Gathering(version, chunks, totalBytes);
        gathering.put(name, fresh);
        return fresh;
    }

    private Outcome manifest(String name, byte[] value) {
        ChunkManifest manifest;
        try {
            manifest = ChunkedBundles.decodeManifest(value);
        } catch (InvalidBundleException e) {
            return new Refused(name, e.getMessage());
        }
        if (!name.equals(manifest.name())) {
            return new Refused(name, "chunk manifest names model '" + manifest.name() + "' under key '" + name + "'");
        }
        Gathering g = gathering.get(name);
        if (g == null || g.version != manifest.version()) {
            return new Refused(name, "no chunks of v" + manifest.version() + " were received"
                    + (g == null ? "" : " (chunks of v" + g.version + " were)"));
        }
        gathering.remove(name);
        Optional<String> problem = g.problemAgainst(manifest);
        if (problem.isPresent()) {
            return new Refused(name, "v" + manifest.version() + ": " + problem.get());
        }
        byte[] bundle = g.join();
        String actual = ChunkedBundles.sha256(bundle);
        if (!actual.equals(manifest.sha256())) {
            return new Refused(name, "v" + manifest.version() + ": checksum mismatch over the " + manifest.chunks()
                    + " chunks: manifest says " + manifest.sha256() + ", they hash to " + actual);
        }
        return new Assembled(manifest, bundle);
    }

    /** The chunks of one version received so far. */
    private static final class Gathering {
        final long version;
        final int chunks;
        final long totalBytes;
        final List<byte[]> parts;
        long received;
        String failure;

        Gathering(long version, int chunks, long totalBytes) {
            this.version = version;
            this.chunks = chunks;
            this.totalBytes = totalBytes;
            this.parts = new ArrayList<>();
        }

        void add(BundleChunk chunk, long maxTotalBytes) {
            if (failure != null) {
                return;
            }
            if (chunk.chunks() != chunks || chunk.totalBytes() != totalBytes) {
                fail("chunk " + chunk.index() + " says " + chunk.chunks() + " chunks of " + chunk.totalBytes()
                        + " bytes, an earlier one " + chunks + " of " + totalBytes);
                return;
            }
            // Checked before anything is kept: a declared size over the limit never takes memory.
            if (totalBytes > maxTotalBytes) {
                fail("declares " + totalBytes + " bytes, over this reader's limit of " + maxTotalBytes);
                return;
            }
            while (parts.size() < chunks) {
                parts.add(null);
            }
            byte[] previous = parts.set(chunk.index(), chunk.data());
            received += chunk.data().length - (previous == null ? 0 : previous.length);
            if (received > totalBytes) {
                fail("chunks hold more than the declared " + totalBytes + " bytes");
            }
        }

        void fail(String reason) {
            if (failure == null) {
                failure = reason;
            }
            parts.clear();
        }

        Optional<String> problemAgainst(ChunkManifest manifest) {
            if (failure != null) {
                return Optional.of(failure);
            }
            if (manifest.chunks() != chunks || manifest.totalBytes() != totalBytes) {
                return Optional.of("manifest says " + manifest.chunks() + " chunks of " + manifest.totalBytes()
                        + " bytes, the chunks say " + chunks + " of " + totalBytes);
            }
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                if (i >= parts.size() || parts.get(i) == null) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                return Optional.of("missing chunk(s) " + missing + " of " + chunks);
            }
            if (received != totalBytes) {
                return Optional.of("chunks hold " + received + " bytes, the manifest says " + totalBytes);
            }
            return Optional.empty();
        }

        /** The bundle's bytes in one array; the parts are let go as they are copied, so the peak stays near 2x. */
        byte[] join() {
            byte[] bundle = new byte[(int) totalBytes];
            int at = 0;
            for (int i = 0; i < parts.size(); i++) {
                byte[] part = parts.set(i, null);
                System.arraycopy(part, 0, bundle, at, part.length);
                at += part.length;
            }
            return bundle;
        }
    }
}
