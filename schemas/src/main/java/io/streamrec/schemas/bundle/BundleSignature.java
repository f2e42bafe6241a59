package io.streamrec.schemas.bundle;

/**
 * The {@code signature} entry of a signed bundle (JSON): the algorithm, and the signature over the bundle's
 * {@link SignedContent signed content}, base64. Whoever holds the matching public key can check that every other
 * entry is exactly what the key's owner signed.
 */
public record BundleSignature(String algorithm, String signature) {
}
