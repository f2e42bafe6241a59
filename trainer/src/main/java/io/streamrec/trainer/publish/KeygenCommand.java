package io.streamrec.trainer.publish;

import io.streamrec.schemas.bundle.BundleKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {
            "Make an Ed25519 key pair for signing model bundles: DIR/" + BundleKeys.PRIVATE_KEY_FILE + " (PKCS#8 PEM,",
            "readable by its owner only; give it to `train --publish --signing-key`) and DIR/"
                    + BundleKeys.PUBLIC_KEY_FILE + " (X.509 PEM;",
            "give it to every `serve --model-public-key`). Existing keys are never overwritten."
        })
public final class KeygenCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the key pair.")
    Path out;

    @Option(names = "--keep-existing",
            description = "Succeed without writing anything when DIR already holds both keys (for set-up jobs that run"
                    + " more than once).")
    boolean keepExisting;

    @Override
    public Integer call() throws Exception {
        Path privateKey = out.resolve(BundleKeys.PRIVATE_KEY_FILE);
        Path publicKey = out.resolve(BundleKeys.PUBLIC_KEY_FILE);
        boolean privateExists = Files.exists(privateKey);
        boolean publicExists = Files.exists(publicKey);
        if (keepExisting && privateExists && publicExists) {
            System.out.println("keeping the key pair in " + out + " (key "
                    + BundleKeys.fingerprint(BundleKeys.readPublicKey(publicKey)) + ")");
            return 0;
        }
        if (privateExists || publicExists) {
            System.err.println("keygen: " + (privateExists ? privateKey : publicKey)
                    + " already exists; not overwriting a key (move it away, or pass --keep-existing)");
            return 1;
        }
        Files.createDirectories(out);
        KeyPair pair = BundleKeys.generate();
        BundleKeys.writePrivateKey(privateKey, pair.getPrivate());
        BundleKeys.writePublicKey(publicKey, pair.getPublic());
        System.out.println("wrote " + privateKey + " (keep it secret) and " + publicKey + " (key "
                + BundleKeys.fingerprint(pair.getPublic()) + ")");
        return 0;
    }
}
