package io.streamrec.trainer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.schemas.bundle.BundleSigner;
import io.streamrec.schemas.bundle.BundleTrust;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.bundle.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAKeyPairWhoseHalvesSignAndVerifyABundle() throws Exception {
        Path out = dir.resolve("keys");

        assertThat(new CommandLine(new KeygenCommand()).execute("--out", out.toString())).isZero();

        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, "m", "k", 1, "2026-11-23T00:00:00Z",
                5, 1, 1, List.of(), List.of(), Map.of(), Map.of(), null);
        byte[] signed = ModelBundleCodec.encode(ModelBundle.sealed(manifest, new byte[] {1}, List.of("a")),
                BundleSigner.load(out.resolve(BundleKeys.PRIVATE_KEY_FILE)));
        assertThat(ModelBundleCodec.decode(signed, BundleTrust.signedBy(out.resolve(BundleKeys.PUBLIC_KEY_FILE)))
                .items()).containsExactly("a");
    }

    @Test
    void neverOverwritesAKeyAndKeepsAnExistingPairWhenAskedTo() throws Exception {
        assertThat(new CommandLine(new KeygenCommand()).execute("--out", dir.toString())).isZero();
        String before = Files.readString(dir.resolve(BundleKeys.PRIVATE_KEY_FILE));

        assertThat(new CommandLine(new KeygenCommand()).execute("--out", dir.toString())).isEqualTo(1);
        assertThat(new CommandLine(new KeygenCommand()).execute("--out", dir.toString(), "--keep-existing")).isZero();
        assertThat(Files.readString(dir.resolve(BundleKeys.PRIVATE_KEY_FILE))).isEqualTo(before);
    }
}
