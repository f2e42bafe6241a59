package io.streamrec.torture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
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

    /** One byte of the graph to invert, and what it belongs to. */
    public record Flip(String what, int position) {
    }

    /**
     * Where to flip, {@code variants} of them: the model header, two operator types, a tensor name, an attribute
     * name, the graph's output name (each found by its bytes), then weights a third and two thirds of the way in,
     * then evenly spread bytes. Evenly spread bytes alone would nearly all land in weights, which make up most of a
     * graph, and test one case eight times.
     */
    public static List<Flip> flips(byte[] good, int variants) {
        byte[] graph = entries(good).get(MODEL);
        List<Flip> found = new ArrayList<>();
        found.add(new Flip("model header", Math.min(2, graph.length - 1)));
        // NodeProto.op_type is field 4 (tag 0x22), then the length: the operator, not a node name containing it
        addFound(found, "operator type MatMul", indexOf(graph, field(0x22, "MatMul"), false), 2);
        addFound(found, "operator type TopK", indexOf(graph, field(0x22, "TopK"), false), 2);
        addFound(found, "tensor name item_ids", indexOf(graph, ascii("item_ids"), false), 0);
        addFound(found, "attribute name axis", indexOf(graph, ascii("axis"), false), 0);
        // the graph's outputs are written after its nodes: the last mention is the declared output
        addFound(found, "graph output name top_scores", indexOf(graph, ascii("top_scores"), true), 0);
        found.add(new Flip("weights, a third of the way in", graph.length / 3));
        found.add(new Flip("weights, two thirds of the way in", (int) (graph.length * 2L / 3)));
        List<Flip> flips = new ArrayList<>(found.subList(0, Math.min(variants, found.size())));
        int extras = variants - flips.size();
        for (int extra = 0; extra < extras; extra++) {
            int position = (int) ((long) graph.length * (2 * extra + 1) / (2L * extras));
            flips.add(new Flip("byte " + position, position));
        }
        return flips;
    }

    /** One byte of the ONNX graph inverted, the version set, the checksum recomputed. */
    public static byte[] graphFlipped(byte[] good, long version, Flip flip) {
        Map<String, byte[]> entries = entries(good);
        byte[] graph = entries.get(MODEL).clone();
        graph[flip.position()] ^= (byte) 0xFF;
        entries.put(MODEL, graph);
        editManifest(entries, manifest -> manifest.put("version", version));
        return resealed(entries);
    }

    private static void addFound(List<Flip> flips, String what, int at, int offset) {
        if (at >= 0) {
            flips.add(new Flip(what, at + offset));
        }
    }

    private static byte[] field(int tag, String value) {
        byte[] text = ascii(value);
        byte[] bytes = new byte[text.length + 2];
        bytes[0] = (byte) tag;
        bytes[1] = (byte) text.length;
        System.arraycopy(text, 0, bytes, 2, text.length);
        return bytes;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first (or last) index of {@code needle} in {@code bytes}, -1 if absent. */
    static int indexOf(byte[] bytes, byte[] needle, boolean last) {
        int found = -1;
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (bytes[i + k] != needle[k]) {
                    continue outer;
                }
            }
            if (!last) {
                return i;
            }
            found = i;
        }
        return found;
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
        String sha = ModelBundle.contentSha256(entries.get(MODEL), entries.get(ITEMS), entries.get(STEP),
                entries.get(USERS));
        editManifest(entries, manifest -> manifest.put("contentSha256", sha));
        return zip(entries);
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
