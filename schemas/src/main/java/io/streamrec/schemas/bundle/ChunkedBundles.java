package io.streamrec.schemas.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamrec.schemas.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The model topic's record layout for bundles larger than one record. A bundle's bytes (the ZIP of
 * {@link ModelBundleCodec}) are cut into chunks, each written under its own key {@code <name>#v<version>#<index>},
 * followed by a {@link ChunkManifest} under the model name itself.
 *
 * <p>Why these keys: compaction keeps only the newest record per key, so chunks of one version must not share a key
 * with each other or with another version's chunks, or compaction could drop a chunk still needed while a newer
 * version is only half written. The manifest shares the model name with single-record bundles, so compaction keeps
 * exactly the newest complete bundle of a line under that key; a publisher tombstones the chunks of the versions it
 * supersedes so that they too go away.
 *
 * <p>Values are told apart by their first bytes: a manifest starts with {@link #MANIFEST_MAGIC}, a chunk with
 * {@link #CHUNK_MAGIC}, a single-record bundle is a ZIP ({@code PK}).
 */
public final class ChunkedBundles {
    static final byte[] MANIFEST_MAGIC = "SRBM1\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CHUNK_MAGIC = "SRBC1\n".getBytes(StandardCharsets.US_ASCII);
    /** Magic, index, chunk count, total size. */
    public static final int CHUNK_OVERHEAD = CHUNK_MAGIC.length + Integer.BYTES * 2 + Long.BYTES;
    private static final String KEY_VERSION = "#v";

    private ChunkedBundles() {
    }

    /** A bundle as the records to write: the chunks, in order, then the manifest. */
    public record Split(List<BundleChunk> chunks, ChunkManifest manifest) {
    }

    /** A chunk's key, parsed. */
    public record ChunkKey(String name, long version, int index) {
    }

    /** Cuts {@code bundle} into chunks of at most {@code chunkBytes} bytes of data each. */
    public static Split split(String name, long version, byte[] bundle, int chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be positive");
        }
        int count = Math.max(1, (int) ((bundle.length + (long) chunkBytes - 1) / chunkBytes));
        List<BundleChunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * chunkBytes;
            int to = (int) Math.min(bundle.length, (long) from + chunkBytes);
            chunks.add(new BundleChunk(name, version, i, count, bundle.length, Arrays.copyOfRange(bundle, from, to)));
        }
        return new Split(chunks, new ChunkManifest(name, version, count, bundle.length, sha256(bundle)));
    }

    public static String chunkKey(String name, long version, int index) {
        return name + KEY_VERSION + version + "#" + index;
    }

    /** The parts of a chunk key; empty for any other key (a model name, for one). */
    public static Optional<ChunkKey> parseChunkKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        int indexAt = key.lastIndexOf('#');
        int versionAt = indexAt < 0 ? -1 : key.lastIndexOf(KEY_VERSION, indexAt - 1);
        if (versionAt <= 0) {
            return Optional.empty();
        }
        try {
            long version = Long.parseLong(key.substring(versionAt + KEY_VERSION.length(), indexAt));
            int index = Integer.parseInt(key.substring(indexAt + 1));
            return index < 0 ? Optional.empty() : Optional.of(new ChunkKey(key.substring(0, versionAt), version, index));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static boolean isManifest(byte[] value) {
        return startsWith(value, MANIFEST_MAGIC);
    }

    public static boolean isChunk(byte[] value) {
        return startsWith(value, CHUNK_MAGIC);
    }

    public static byte[] encodeManifest(ChunkManifest manifest) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(manifest);
            return ByteBuffer.allocate(MANIFEST_MAGIC.length + json.length).put(MANIFEST_MAGIC).put(json).array();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ChunkManifest decodeManifest(byte[] value) throws InvalidBundleException {
        if (!isManifest(value)) {
            throw new InvalidBundleException("not a chunk manifest");
        }
        ChunkManifest manifest;
        try {
            manifest = Json.mapper().readValue(value, MANIFEST_MAGIC.length, value.length - MANIFEST_MAGIC.length,
                    ChunkManifest.class);
        } catch (IOException e) {
            throw new InvalidBundleException("unreadable chunk manifest: " + e.getMessage(), e);
        }
        if (manifest.name() == null || manifest.chunks() < 1 || manifest.totalBytes() < 0 || manifest.sha256() == null) {
            throw new InvalidBundleException("incomplete chunk manifest " + manifest);
        }
        return manifest;
    }

    public static byte[] encodeChunk(BundleChunk chunk) {
        return ByteBuffer.allocate(CHUNK_OVERHEAD + chunk.data().length).put(CHUNK_MAGIC).putInt(chunk.index())
                .putInt(chunk.chunks()).putLong(chunk.totalBytes()).put(chunk.data()).array();
    }

    /** The chunk in a record; the name and version come from its key, which must be a chunk key. */
    public static BundleChunk decodeChunk(String key, byte[] value) throws InvalidBundleException {
        ChunkKey parsed = parseChunkKey(key).orElseThrow(() -> new InvalidBundleException("not a chunk key: " + key));
        if (!isChunk(value) || value.length < CHUNK_OVERHEAD) {
            throw new InvalidBundleException("record " + key + " is not a bundle chunk");
        }
        ByteBuffer in = ByteBuffer.wrap(value, CHUNK_MAGIC.length, value.length - CHUNK_MAGIC.length);
        int index = in.getInt();
        int chunks = in.getInt();
        long total = in.getLong();
        if (index != parsed.index() || index >= chunks || total < 0) {
            throw new InvalidBundleException("chunk " + key + " says it is chunk " + index + " of " + chunks
                    + " of " + total + " bytes");
        }
        byte[] data = Arrays.copyOfRange(value, CHUNK_OVERHEAD, value.length);
        return new BundleChunk(parsed.name(), parsed.version(), index, chunks, total, data);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static boolean startsWith(byte[] value, byte[] magic) {
        return value != null && value.length >= magic.length
                && Arrays.equals(value, 0, magic.length, magic, 0, magic.length);
    }
}
