package io.streamrec.schemas.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamrec.schemas.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Which bundles a reader believes: the signer it trusts and whether it takes unsigned bundles.
 *
 * <ul>
 *   <li>{@link #signedBy}: only bundles whose signature verifies with this public key (the serving default once a
 *       key is configured)</li>
 *   <li>{@link #signedByOrUnsigned}: a signature must verify if there is one, unsigned bundles pass: for moving a
 *       deployment to signed bundles while older unsigned ones are still on the topic</li>
 *   <li>{@link #unsigned}: signatures are not checked at all, for an operator who asked for it</li>
 *   <li>{@link #nothing}: every bundle refused, naming the missing setting: a serving instance given neither a key
 *       nor leave to load unsigned bundles</li>
 * </ul>
 *
 * @param publicKey      the signer's public key, or null
 * @param acceptUnsigned whether a bundle without a signature passes
 */
public record BundleTrust(PublicKey publicKey, boolean acceptUnsigned) {
    /** The refusal of an instance without a key: says how to fix it, since every bundle will meet it. */
    public static final String NO_KEY = "no public key configured (pass --model-public-key FILE, or"
            + " --allow-unsigned-models)";

    public static BundleTrust signedBy(PublicKey key) {
        return new BundleTrust(Objects.requireNonNull(key, "key"), false);
    }

    public static BundleTrust signedBy(Path publicKeyFile) {
        return signedBy(BundleKeys.readPublicKey(publicKeyFile));
    }

    public static BundleTrust signedByOrUnsigned(PublicKey key) {
        return new BundleTrust(Objects.requireNonNull(key, "key"), true);
    }

    /** Every bundle passes as far as signatures go; for a bundle file of one's own, or an explicit unsigned mode. */
    public static BundleTrust unsigned() {
        return new BundleTrust(null, true);
    }

    public static BundleTrust nothing() {
        return new BundleTrust(null, false);
    }

    /** Whether bundles pass without a verified signature (logged as a warning by whoever serves them). */
    public boolean trustsUnsignedBundles() {
        return acceptUnsigned;
    }

    /** "signed by key 1a2b3c4d5e6f7a8b", for logs. */
    public String describe() {
        if (publicKey == null) {
            return acceptUnsigned ? "any bundle, signed or not (signatures unchecked)" : "no bundle (" + NO_KEY + ")";
        }
        String signed = "bundles signed by key " + BundleKeys.fingerprint(publicKey);
        return acceptUnsigned ? signed + ", and unsigned bundles" : signed;
    }

    /**
     * Checks a bundle's signature entry (empty when it has none) against the content it should sign.
     *
     * @throws InvalidBundleException with the reason when the bundle must not be believed
     */
    void check(Optional<byte[]> signatureEntry, byte[] signedContent) throws InvalidBundleException {
        if (publicKey == null && !acceptUnsigned) {
            throw new InvalidBundleException(NO_KEY);
        }
        if (signatureEntry.isEmpty()) {
            if (!acceptUnsigned) {
                throw new InvalidBundleException("bundle is not signed; this app loads only bundles signed by key "
                        + BundleKeys.fingerprint(publicKey));
            }
            return;
        }
        if (publicKey == null) {
            return; // unsigned mode: nothing to check a signature with
        }
        BundleSignature signature = parse(signatureEntry.get());
        if (!BundleKeys.ALGORITHM.equals(signature.algorithm())) {
            throw new InvalidBundleException("bundle is signed with '" + signature.algorithm() + "'; only "
                    + BundleKeys.ALGORITHM + " signatures are accepted");
        }
        if (!verifies(signature, signedContent)) {
            throw new InvalidBundleException("signature does not verify with key " + BundleKeys.fingerprint(publicKey)
                    + ": the bundle was changed after it was signed, or signed with another key");
        }
    }

    private boolean verifies(BundleSignature signature, byte[] signedContent) throws InvalidBundleException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature.signature());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidBundleException("signature entry holds no valid base64 signature");
        }
        try {
            Signature verifier = Signature.getInstance(BundleKeys.ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(signedContent);
            return verifier.verify(bytes);
        } catch (java.security.SignatureException e) {
            return false; // a malformed signature is a wrong one
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify " + BundleKeys.ALGORITHM + " signatures: " + e, e);
        }
    }

    private static BundleSignature parse(byte[] entry) throws InvalidBundleException {
        try {
            return Json.mapper().readValue(entry, BundleSignature.class);
        } catch (JsonProcessingException e) {
            throw new InvalidBundleException("unreadable signature entry: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidBundleException("unreadable signature entry: " + e.getMessage(), e);
        }
    }
}
