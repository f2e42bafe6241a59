package io.streamrec.demo;

import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.schemas.bundle.BundleSigner;
import io.streamrec.schemas.bundle.BundleTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;

/**
 * The demo's model signing keys: a key pair in its working directory, made on the first run and reused after, so
 * that the demo signs and checks bundles as a deployment does (the trainer with the private key, the app with the
 * public one) without anyone running {@code keygen} first.
 */
record DemoKeys(Path dir, BundleSigner signer, PublicKey publicKey) {

    static DemoKeys in(Path dir) throws IOException {
        Path privateKey = dir.resolve(BundleKeys.PRIVATE_KEY_FILE);
        Path publicKey = dir.resolve(BundleKeys.PUBLIC_KEY_FILE);
        if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
            // A half pair (a first run stopped between the two files) is of no use: the demo's keys sign only demos.
            Files.createDirectories(dir);
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(publicKey);
            KeyPair pair = BundleKeys.generate();
            BundleKeys.writePrivateKey(privateKey, pair.getPrivate());
            BundleKeys.writePublicKey(publicKey, pair.getPublic());
        }
        return new DemoKeys(dir, BundleSigner.load(privateKey), BundleKeys.readPublicKey(publicKey));
    }

    BundleTrust trust() {
        return BundleTrust.signedBy(publicKey);
    }

    String fingerprint() {
        return BundleKeys.fingerprint(publicKey);
    }
}
