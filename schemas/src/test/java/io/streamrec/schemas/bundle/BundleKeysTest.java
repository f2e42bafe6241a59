package io.streamrec.schemas.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleKeysTest {
    private static final ModelManifest MANIFEST = new ModelManifest(ModelManifest.FORMAT_VERSION, "m", "k", 1,
            "2026-11-23T00:00:00Z", 5, 1, 1, List.of(), List.of(), Map.of(), Map.of(), null);

    @TempDir
    Path dir;

    @Test
    void aKeyPairWrittenAsPemReadsBackAndSignsWhatItsPublicHalfVerifies() throws Exception {
        KeyPair pair = BundleKeys.generate();
        Path privateKey = dir.resolve(BundleKeys.PRIVATE_KEY_FILE);
        Path publicKey = dir.resolve(BundleKeys.PUBLIC_KEY_FILE);
        BundleKeys.writePrivateKey(privateKey, pair.getPrivate());
        BundleKeys.writePublicKey(publicKey, pair.getPublic());

        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(BundleKeys.fingerprint(BundleKeys.readPublicKey(publicKey)))
                .isEqualTo(BundleKeys.fingerprint(pair.getPublic())).hasSize(16);
        byte[] signed = ModelBundleCodec.encode(ModelBundle.sealed(MANIFEST, new byte[] {1}, List.of("a")),
                BundleSigner.load(privateKey));
        assertThat(ModelBundleCodec.decode(signed, BundleTrust.signedBy(publicKey)).items()).containsExactly("a");
    }

    @Test
    void thePrivateKeyIsReadableByItsOwnerOnlyAndNeverOverwritten() throws Exception {
        Path privateKey = dir.resolve("k.key");
        BundleKeys.writePrivateKey(privateKey, BundleKeys.generate().getPrivate());

        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        }
        String before = Files.readString(privateKey);
        assertThatThrownBy(() -> BundleKeys.writePrivateKey(privateKey, BundleKeys.generate().getPrivate()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(privateKey + " already exists; not overwriting a key");
        assertThat(Files.readString(privateKey)).isEqualTo(before);
    }

    @Test
    void keysMadeByOpensslSignAndVerify() throws Exception {
        Path privateKey = Path.of(getClass().getResource("/keys/openssl-ed25519.key").toURI());
        Path publicKey = Path.of(getClass().getResource("/keys/openssl-ed25519.pub").toURI());

        byte[] signed = ModelBundleCodec.encode(ModelBundle.sealed(MANIFEST, new byte[] {2}, List.of("b")),
                BundleSigner.load(privateKey));

        assertThat(ModelBundleCodec.decode(signed, BundleTrust.signedBy(publicKey)).items()).containsExactly("b");
    }

    @Test
    void aFileThatIsNotAKeyOfTheRightKindIsNamedInTheError() throws Exception {
        Path notPem = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path publicKey = dir.resolve("k.pub");
        BundleKeys.writePublicKey(publicKey, BundleKeys.generate().getPublic());

        assertThatThrownBy(() -> BundleKeys.readPublicKey(notPem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(notPem + " is not a PEM file with a '-----BEGIN PUBLIC KEY-----' block");
        assertThatThrownBy(() -> BundleKeys.readPrivateKey(publicKey))
                .hasMessage(publicKey + " is not a PEM file with a '-----BEGIN PRIVATE KEY-----' block");
        assertThatThrownBy(() -> BundleKeys.readPublicKey(dir.resolve("missing.pub")))
                .hasMessageStartingWith("cannot read key file");
    }
}
