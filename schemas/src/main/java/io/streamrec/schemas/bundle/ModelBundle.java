package io.streamrec.schemas.bundle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A trained model as it travels on the model topic: the ONNX graph, the item vocabulary (raw item ids, index
 * {@code i + 1} for line {@code i}) and the manifest that describes both.
 */
public record ModelBundle(ModelManifest manifest, byte[] onnxModel, List<String> items) {

    public ModelBundle {
        items = List.copyOf(items);
    }

    /** Makes a bundle whose manifest carries the checksum of this content. */
    public static ModelBundle sealed(ModelManifest manifest, byte[] onnxModel, List<String> items) {
        String sha = contentSha256(onnxModel, vocabularyBytes(items));
        return new ModelBundle(manifest.withContentSha256(sha), onnxModel, items);
    }

    static byte[] vocabularyBytes(List<String> items) {
        return (String.join("\n", items) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String contentSha256(byte[] onnx, byte[] vocabulary) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(onnx);
            digest.update(vocabulary);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
