package io.streamrec.schemas.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamrec.schemas.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bundle's bytes: a ZIP with {@code manifest.json}, {@code model.onnx}, {@code items.txt} and, for models with a
 * stateful graph, {@code step.onnx}, for graphs that take a user, {@code users.txt}, and for a signed bundle a
 * {@code signature} ({@link BundleSignature}) over every other entry, the manifest included. A ZIP so that an
 * operator can inspect a bundle saved from the topic with ordinary tools.
 *
 * <p>Decoding checks everything that can be checked without ONNX Runtime, cheapest and least trusting first: the
 * archive's shape within {@link BundleLimits} (counted while inflating, names known and unique), the signature
 * against the reader's {@link BundleTrust} (before any entry is kept or the manifest parsed), then the format
 * version, the checksum and that the vocabulary size matches the manifest.
 *
 * <p>The manifest's {@code contentSha256} stays as it was: it covers the content entries only, not the manifest, so
 * on its own it proves integrity, not origin. It is still checked, because bundle files made before signatures carry
 * it, a bundle file can be checked with it without any key, and it names a corrupted entry precisely; trust comes
 * from the signature, which covers the manifest and with it this checksum.
 */
public final class ModelBundleCodec {
    static final String MANIFEST = "manifest.json";
    static final String MODEL = "model.onnx";
    static final String ITEMS = "items.txt";
    static final String STEP = "step.onnx";
    static final String USERS = "users.txt";
    static final String SIGNATURE = "signature";
    /** Every entry a bundle may hold; any other refuses it. */
    static final List<String> ENTRY_NAMES = List.of(MANIFEST, MODEL, ITEMS, STEP, USERS, SIGNATURE);

    private ModelBundleCodec() {
    }

    /** An unsigned bundle: readers that require a signature refuse it. */
    public static byte[] encode(ModelBundle bundle) {
        return write(entries(bundle), null);
    }

    /** A bundle signed by {@code signer}: its signature covers every entry, the manifest included. */
    public static byte[] encode(ModelBundle bundle, BundleSigner signer) {
        Map<String, byte[]> entries = entries(bundle);
        Map<String, SignedContent.Entry> digests = new LinkedHashMap<>();
        entries.forEach((name, content) -> digests.put(name, new SignedContent.Entry(content.length, sha256(content))));
        return write(entries, signer.sign(SignedContent.of(digests)));
    }

    private static Map<String, byte[]> entries(ModelBundle bundle) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            entries.put(MANIFEST, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(bundle.manifest()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        entries.put(MODEL, bundle.onnxModel());
        entries.put(ITEMS, ModelBundle.vocabularyBytes(bundle.items()));
        if (bundle.stepModel() != null) {
            entries.put(STEP, bundle.stepModel());
        }
        if (!bundle.users().isEmpty()) {
            entries.put(USERS, ModelBundle.vocabularyBytes(bundle.users()));
        }
        return entries;
    }

    private static byte[] write(Map<String, byte[]> entries, BundleSignature signature) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(entries.get(MODEL).length + 64 * 1024);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
            if (signature != null) {
                put(zip, SIGNATURE, Json.mapper().writeValueAsBytes(signature));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a bundle without asking who made it: for a bundle file of one's own (evaluation, tests). Whatever
     * serves bundles from a topic decodes with a {@link BundleTrust}.
     */
    public static ModelBundle decode(byte[] bytes) throws InvalidBundleException {
        return decode(bytes, BundleTrust.unsigned());
    }

    public static ModelBundle decode(byte[] bytes, BundleTrust trust) throws InvalidBundleException {
        return decode(bytes, trust, BundleLimits.DEFAULT);
    }

    public static ModelBundle decode(byte[] bytes, BundleTrust trust, BundleLimits limits)
            throws InvalidBundleException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidBundleException("empty bundle");
        }
        BundleArchive.Survey survey = BundleArchive.survey(bytes, limits);
        for (String required : List.of(MANIFEST, MODEL, ITEMS)) {
            if (!survey.entries().containsKey(required)) {
                throw new InvalidBundleException("bundle has no " + required);
            }
        }
        trust.check(survey.signature(), SignedContent.of(survey.entries()));
        Map<String, byte[]> entries = BundleArchive.read(bytes, survey);
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

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
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
