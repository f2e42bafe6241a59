package io.streamrec.schemas.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamrec.schemas.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The bundle's bytes: a ZIP with {@code manifest.json}, {@code model.onnx}, {@code items.txt} and, for models with a
 * stateful graph, {@code step.onnx}, and for graphs that take a user, {@code users.txt}. A ZIP so that an
 * operator can inspect a bundle saved from the topic with ordinary tools.
 *
 * <p>Decoding checks everything that can be checked without ONNX Runtime: the three entries, the format version,
 * the checksum, and that the vocabulary size matches the manifest.
 */
public final class ModelBundleCodec {
    static final String MANIFEST = "manifest.json";
    static final String MODEL = "model.onnx";
    static final String ITEMS = "items.txt";
    static final String STEP = "step.onnx";
    static final String USERS = "users.txt";

    private ModelBundleCodec() {
    }

    public static byte[] encode(ModelBundle bundle) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(bundle.onnxModel().length + 64 * 1024);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, MANIFEST, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(bundle.manifest()));
            put(zip, MODEL, bundle.onnxModel());
            put(zip, ITEMS, ModelBundle.vocabularyBytes(bundle.items()));
            if (bundle.stepModel() != null) {
                put(zip, STEP, bundle.stepModel());
            }
            if (!bundle.users().isEmpty()) {
                put(zip, USERS, ModelBundle.vocabularyBytes(bundle.users()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ModelBundle decode(byte[] bytes) throws InvalidBundleException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidBundleException("empty bundle");
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new InvalidBundleException("not a readable bundle archive: " + e.getMessage(), e);
        }
        for (String required : List.of(MANIFEST, MODEL, ITEMS)) {
            if (!entries.containsKey(required)) {
                throw new InvalidBundleException("bundle has no " + required);
            }
        }
        ModelManifest manifest;
        try {
            manifest = Json.mapper().readValue(entries.get(MANIFEST), ModelManifest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidBundleException("unreadable manifest: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidBundleException("unreadable manifest: " + e.getMessage(), e);
        }
        if (manifest.formatVersion() != ModelManifest.FORMAT_VERSION) {
            throw new InvalidBundleException("unsupported bundle format version " + manifest.formatVersion()
                    + " (this reader knows " + ModelManifest.FORMAT_VERSION + ")");
        }
        byte[] onnx = entries.get(MODEL);
        byte[] vocabulary = entries.get(ITEMS);
        byte[] step = entries.get(STEP);
        if (manifest.stepGraph() != null && step == null) {
            throw new InvalidBundleException("manifest describes a step graph but the bundle has no " + STEP);
        }
        if (manifest.stepGraph() == null && step != null) {
            throw new InvalidBundleException("bundle has a " + STEP + " that the manifest does not describe");
        }
        byte[] users = entries.get(USERS);
        String actual = ModelBundle.contentSha256(onnx, vocabulary, step, users);
        if (!actual.equals(manifest.contentSha256())) {
            throw new InvalidBundleException("checksum mismatch: manifest says " + manifest.contentSha256()
                    + ", content hashes to " + actual);
        }
        List<String> items = parseVocabulary(vocabulary);
        if (items.size() != manifest.itemCount()) {
            throw new InvalidBundleException("vocabulary has " + items.size() + " items, manifest says "
                    + manifest.itemCount());
        }
        return new ModelBundle(manifest, onnx, items, step, users == null ? List.of() : parseVocabulary(users));
    }

    private static List<String> parseVocabulary(byte[] vocabulary) {
        String text = new String(vocabulary, StandardCharsets.UTF_8);
        List<String> items = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                items.add(line);
            }
        }
        return items;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
