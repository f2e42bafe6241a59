package io.streamrec.schemas.bundle;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text a bundle's signature is made over: a header line, then one line per entry other than the signature, in
 * name order, with the entry's name, its size and the SHA-256 of its bytes:
 *
 * <pre>
 * streamrec-bundle-signature-v1
 * items.txt 1290 3f5c...
 * manifest.json 1873 9a01...
 * model.onnx 48210 c4e2...
 * </pre>
 *
 * Every entry is covered, the manifest included, so that no byte of a signed bundle can change, and no entry be
 * added or removed, without the signature failing. Signing this short text instead of the entries themselves lets a
 * reader verify from digests taken while it inflates each entry once, before it keeps any of them; Ed25519 would
 * otherwise need the whole bundle in one array. Entry names are from a fixed set without spaces or line breaks, so
 * the text reads one way only.
 */
final class SignedContent {
    private static final String HEADER = "streamrec-bundle-signature-v1\n";

    /** One entry as the signature sees it. */
    record Entry(long size, byte[] sha256) {
    }

    private SignedContent() {
    }

    /** The signed text for entries by name; a signature entry among them is left out. */
    static byte[] of(Map<String, Entry> entries) {
        StringBuilder text = new StringBuilder(HEADER);
        new TreeMap<>(entries).forEach((name, entry) -> {
            if (!name.equals(ModelBundleCodec.SIGNATURE)) {
                text.append(name).append(' ').append(entry.size()).append(' ')
                        .append(HexFormat.of().formatHex(entry.sha256())).append('\n');
            }
        });
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
