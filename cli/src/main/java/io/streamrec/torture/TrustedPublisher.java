package io.streamrec.torture;

import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.schemas.bundle.BundleSigner;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

/**
 * The rightful publisher of models: the one step that turns a model into the bytes put on the model topic, and the
 * serve arguments under which the app believes it. Good bundles go through it; forged ones are edits of its output,
 * never made by it, so each forgery must break what the app checks.
 *
 * @param signer    signs every bundle, or null for unsigned bundles
 * @param serveArgs what the app is started with so that it believes this publisher
 */
public record TrustedPublisher(BundleSigner signer, List<String> serveArgs) {

    public TrustedPublisher {
        serveArgs = List.copyOf(serveArgs);
    }

    /** As deployed: a key pair made in {@code dir}, bundles signed with it, the app given its public key. */
    public static TrustedPublisher signing(Path dir) {
        try {
            Files.createDirectories(dir);
            Path privateKey = dir.resolve(BundleKeys.PRIVATE_KEY_FILE);
            Path publicKey = dir.resolve(BundleKeys.PUBLIC_KEY_FILE);
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(publicKey);
            KeyPair pair = BundleKeys.generate();
            BundleKeys.writePrivateKey(privateKey, pair.getPrivate());
            BundleKeys.writePublicKey(publicKey, pair.getPublic());
            return new TrustedPublisher(new BundleSigner(pair.getPrivate()),
                    List.of("--model-public-key", publicKey.toAbsolutePath().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a signing key pair in " + dir, e);
        }
    }

    /** Unsigned bundles and an app told to load them: what a deployment without keys is exposed to. */
    public static TrustedPublisher unsigned() {
        return new TrustedPublisher(null, List.of("--allow-unsigned-models"));
    }

    public byte[] publishable(ModelBundle bundle) {
        return signer == null ? ModelBundleCodec.encode(bundle) : ModelBundleCodec.encode(bundle, signer);
    }
}
