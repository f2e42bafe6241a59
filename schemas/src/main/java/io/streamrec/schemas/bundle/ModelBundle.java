package io.streamrec.schemas.bundle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A trained model as it travels on the model topic: the ONNX sequence graph, the item vocabulary (raw item ids, index
 * {@code i + 1} for line {@code i}), optionally a stateful step graph, optionally a user vocabulary (for graphs with a
 * {@link TensorRole#USER_INDEX} input; index {@code i + 1} for line {@code i}, 0 = unknown user), and the manifest that
 * describes them.
 */
public record ModelBundle(ModelManifest manifest, byte[] onnxModel, List<String> items, byte[] stepModel,
                          List<String> users) {

    public ModelBundle {
        items = List.copyOf(items);
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** A bundle without users. */
    public ModelBundle(ModelManifest manifest, byte[] onnxModel, List<String> items, byte[] stepModel) {
        this(manifest, onnxModel, items, stepModel, List.of());
    }

    /** A bundle without a step graph. */
    public ModelBundle(ModelManifest manifest, byte[] onnxModel, List<String> items) {
        this(manifest, onnxModel, items, null);
    }

    /** Makes a bundle whose manifest carries the checksum of this content. */
    public static ModelBundle sealed(ModelManifest manifest, byte[] onnxModel, List<String> items) {
        return sealed(manifest, onnxModel, items, null);
    }

    /** Makes a bundle with a step graph (described by {@code manifest.stepGraph()}) and the checksum of it all. */
    public static ModelBundle sealed(ModelManifest manifest, byte[] onnxModel, List<String> items, byte[] stepModel) {
        return sealed(manifest, onnxModel, items, stepModel, List.of());
    }

    /** Makes a bundle with a user vocabulary (and a step graph or null) and the checksum of it all. */
    public static ModelBundle sealed(ModelManifest manifest, byte[] onnxModel, List<String> items, byte[] stepModel,
                                     List<String> users) {
        String sha = contentSha256(onnxModel, vocabularyBytes(items), stepModel,
                users.isEmpty() ? null : vocabularyBytes(users));
        return new ModelBundle(manifest.withContentSha256(sha), onnxModel, items, stepModel, users);
    }

    static byte[] vocabularyBytes(List<String> items) {
        return (String.join("\n", items) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The manifest's {@code contentSha256} of these entries' bytes. Optional parts (step graph, users) are hashed only
     * when present, so older bundles keep their checksums.
     */
    public static String contentSha256(byte[] onnx, byte[] vocabulary, byte[] step, byte[] users) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(onnx);
            digest.update(vocabulary);
            if (step != null) {
                digest.update(step);
            }
            if (users != null) {
                digest.update(users);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
