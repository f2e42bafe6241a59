package io.streamrec.schemas.bundle;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/** Signs bundles with an Ed25519 private key (see {@link BundleKeys} for the key files). */
public final class BundleSigner {
    private final PrivateKey key;

    public BundleSigner(PrivateKey key) {
        this.key = Objects.requireNonNull(key, "key");
        if (!BundleKeys.ALGORITHM.equalsIgnoreCase(key.getAlgorithm())
                && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("bundles are signed with " + BundleKeys.ALGORITHM + " keys, not "
                    + key.getAlgorithm());
        }
    }

    /** A signer with the private key in {@code file} (PKCS#8 PEM). */
    public static BundleSigner load(Path file) {
        return new BundleSigner(BundleKeys.readPrivateKey(file));
    }

    BundleSignature sign(byte[] signedContent) {
        try {
            Signature signature = Signature.getInstance(BundleKeys.ALGORITHM);
            signature.initSign(key);
            signature.update(signedContent);
            return new BundleSignature(BundleKeys.ALGORITHM, Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a bundle failed: " + e.getMessage(), e);
        }
    }
}
