package io.streamrec.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.trainer.useritem.PlantedRatings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train} with a user–item family: the same command, options and bundle as for the session families. */
class UserItemTrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsARatingFamilyHoldingAFifthOutAndWritesItsBundleWithTheBaselinesInTheManifest() throws Exception {
        Path data = dir.resolve("tiny.inter");
        PlantedRatings.write(PlantedRatings.generate(5), data);
        Path bundleFile = dir.resolve("mf.bundle");

        int exit = new CommandLine(new TrainCommand()).execute("--model", "mf", "--data", data.toString(),
                "--epochs", "20", "--set", "factors=4", "--top-k", "7", "--sequence-length", "6",
                "--model-version", "2", "--output", bundleFile.toString());

        assertThat(exit).isZero();
        ModelBundle bundle = ModelBundleCodec.decode(Files.readAllBytes(bundleFile));
        assertThat(bundle.manifest().kind()).isEqualTo("mf");
        assertThat(bundle.manifest().label()).contains("mf").contains("2");
        assertThat(bundle.manifest().topK()).isEqualTo(7);
        assertThat(bundle.manifest().sequenceLength()).isEqualTo(6);
        assertThat(bundle.manifest().training()).containsEntry("epochs", "20").containsEntry("factors", "4");
        assertThat(bundle.manifest().metrics()).containsKeys("rmse", "mae", "global-mean.rmse", "global-mean.mae",
                "bias.rmse", "bias.mae");
        assertThat(bundle.users()).hasSize(PlantedRatings.USERS);
    }

    @Test
    void helpListsTheUserItemFamiliesAndTheChosenOnesSettings() {
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new TrainCommand());
        cli.setOut(new java.io.PrintWriter(out));

        cli.execute("--model", "svdpp", "--help");

        assertThat(out.toString()).contains("mf, svdpp").contains("Settings of svdpp")
                .contains("regularisation");
    }
}
