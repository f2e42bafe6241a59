package io.streamrec.model;

import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.schemas.bundle.BundleSigner;
import io.streamrec.schemas.bundle.BundleTrust;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * The signing keys of tests: one trainer key pair that test apps trust, and a forger's that they do not. Made once
 * per JVM, so an app and a publisher in one test agree without files.
 */
public final class TestKeys {
    private static final KeyPair TRAINER = BundleKeys.generate();
    private static final KeyPair FORGER = BundleKeys.generate();

    private TestKeys() {
    }

    /** Signs as the trainer test apps trust. */
    public static BundleSigner signer() {
        return new BundleSigner(TRAINER.getPrivate());
    }

    /** Signs with a key no test app trusts. */
    public static BundleSigner forger() {
        return new BundleSigner(FORGER.getPrivate());
    }

    /** What a test app believes: bundles signed by {@link #signer()}. */
    public static BundleTrust trust() {
        return BundleTrust.signedBy(TRAINER.getPublic());
    }

    /** {@code bundle}'s bytes as the trusted trainer publishes them. */
    public static byte[] signed(ModelBundle bundle) {
        return ModelBundleCodec.encode(bundle, signer());
    }

    /** Writes the trusted pair as key files into {@code dir}, for commands that take file names. */
    public static void writeTo(Path dir) {
        BundleKeys.writePrivateKey(dir.resolve(BundleKeys.PRIVATE_KEY_FILE), TRAINER.getPrivate());
        BundleKeys.writePublicKey(dir.resolve(BundleKeys.PUBLIC_KEY_FILE), TRAINER.getPublic());
    }
}
