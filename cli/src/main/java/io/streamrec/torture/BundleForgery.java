package io.streamrec.torture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamrec.schemas.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Forged bundles, each made the way an attacker with write access to the model topic would: by editing the bytes of a
 * good bundle. Entries are edited in place and every other entry is carried over untouched (a signature, once
 * bundles have one, stays as the publisher wrote it and no longer matches). Where the checksum would give the edit
 * away, it is recomputed, as anyone can: it guards against accidents, not against intent.
 */
public final class BundleForgery {
    static final String MANIFEST = "manifest.json";
    static final String MODEL = "model.onnx";
    static final String ITEMS = "items.txt";
    static final String STEP = "step.onnx";
    static final String USERS = "users.txt";

    private BundleForgery() {
    }

    /** The manifest's offline metrics raised to look like a better model; content and checksum untouched. */
    public static byte[] metricsEdited(byte[] good, long version) {
        Map<String, byte[]> entries = entries(good);
        editManifest(entries, manifest -> {
            manifest.put("version", version);
            ObjectNode metrics = manifest.putObject("metrics");
            metrics.put("recall@20", 0.99);
            metrics.put("mrr@20", 0.95);
        });
        return zip(entries);
    }

    /** The vocabulary's lines reversed (every index now names another item), the checksum recomputed. */
    public static byte[] itemsRewritten(byte[] good, long version) {
        Map<String, byte[]> entries = entries(good);
        List<String> items = new ArrayList<>(List.of(new String(entries.get(ITEMS), StandardCharsets.UTF_8)
                .split("\n")));
        items.removeIf(String::isEmpty);
        Collections.reverse(items);
        entries.put(ITEMS, (String.join("\n", items) + "\n").getBytes(StandardCharsets.UTF_8));
        editManifest(entries, manifest -> manifest.put("version", version));
        return resealed(entries);
    }

    /** The version set to Long.MAX_VALUE: if accepted, no later bundle of the line can ever replace it. */
    public static byte[] versionMax(byte[] good) {
        Map<String, byte[]> entries = entries(good);
        editManifest(entries, manifest -> manifest.put("version", Long.MAX_VALUE));
        return zip(entries);
    }

    /**
     * One byte of the ONNX graph inverted, the checksum recomputed. Variant 0 hits the graph's first bytes (its
     * header), variant k of n the byte k/n of the way in: protobuf framing, operators and weights are all hit.
     */
    public static byte[] graphFlipped(byte[] good, long version, int variant, int variants) {
        Map<String, byte[]> entries = entries(good);
        byte[] graph = entries.get(MODEL).clone();
        int position = variant == 0 ? Math.min(2, graph.length - 1) : (int) ((long) graph.length * variant / variants);
        graph[position] ^= (byte) 0xFF;
        entries.put(MODEL, graph);
        editManifest(entries, manifest -> manifest.put("version", version));
        return resealed(entries);
    }

    /** Where {@link #graphFlipped} flips, for reports. */
    public static int flipPosition(byte[] good, int variant, int variants) {
        int length = entries(good).get(MODEL).length;
        return variant == 0 ? Math.min(2, length - 1) : (int) ((long) length * variant / variants);
    }

    /**
     * A bundle whose graph entry inflates to {@code inflatedBytes} zeros (about 1/1000 of that on the wire): an
     * unbounded reader of the archive runs out of memory before any check looks at it.
     */
    public static byte[] zipBomb(byte[] good, long version, long inflatedBytes) {
        Map<String, byte[]> entries = entries(good);
        editManifest(entries, manifest -> manifest.put("version", version));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, MANIFEST, entries.get(MANIFEST));
            zip.putNextEntry(new ZipEntry(MODEL));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < inflatedBytes; written += zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, inflatedBytes - written));
            }
            zip.closeEntry();
            put(zip, ITEMS, entries.get(ITEMS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The archive's entries in order. */
    static Map<String, byte[]> entries(byte[] bundle) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a bundle archive", e);
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Edits manifest.json as a JSON tree, so fields this build does not know (a signature, say) survive. */
    static void editManifest(Map<String, byte[]> entries, Consumer<ObjectNode> edit) {
        try {
            ObjectNode manifest = (ObjectNode) Json.mapper().readTree(entries.get(MANIFEST));
            edit.accept(manifest);
            entries.put(MANIFEST, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable manifest", e);
        }
    }

    /**
     * Recomputes the manifest's contentSha256 as the bundle format defines it: SHA-256 over the graph, the vocabulary,
     * then the step graph and the user vocabulary when present.
     */
    static byte[] resealed(Map<String, byte[]> entries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(MODEL, ITEMS, STEP, USERS)) {
                if (entries.containsKey(part)) {
                    digest.update(entries.get(part));
                }
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            editManifest(entries, manifest -> manifest.put("contentSha256", sha));
            return zip(entries);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
