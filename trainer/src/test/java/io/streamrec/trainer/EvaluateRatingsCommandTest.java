package io.streamrec.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.schemas.json.Json;
import io.streamrec.trainer.useritem.PlantedRatings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateRatingsCommandTest {
    @TempDir
    Path dir;

    @Test
    void crossValidatesEveryRatingFamilyBesideTheBaselinesAndWritesTheFoldsAsJson() throws Exception {
        Path data = dir.resolve("tiny.inter");
        PlantedRatings.write(PlantedRatings.generate(3), data);
        Path json = dir.resolve("out.json");

        int exit = new CommandLine(new EvaluateRatingsCommand()).execute("--data", data.toString(),
                "--model", "mf,svdpp", "--folds", "3", "--seed", "9", "--set", "factors=4", "--set", "epochs=30",
                "--set", "learning_rate=0.02", "--set", "regularisation=0.02", "--json", json.toString());

        assertThat(exit).isZero();
        JsonNode report = Json.mapper().readTree(json.toFile());
        assertThat(report.get("ratings").asInt()).isEqualTo(PlantedRatings.USERS * PlantedRatings.PER_USER);
        JsonNode models = report.get("models");
        assertThat(models.fieldNames()).toIterable().containsExactly("global-mean", "bias", "mf", "svdpp");
        for (JsonNode model : models) {
            assertThat(model.get("folds")).hasSize(3);
        }
        assertThat(models.get("mf").get("settings").get("factors").asText()).isEqualTo("4");
        double bias = models.get("bias").get("rmse").get("mean").asDouble();
        assertThat(bias).isLessThan(models.get("global-mean").get("rmse").get("mean").asDouble());
        assertThat(models.get("mf").get("rmse").get("mean").asDouble()).isLessThan(bias);
        assertThat(models.get("svdpp").get("rmse").get("mean").asDouble()).isLessThan(bias);
    }

    @Test
    void aSettingNoChosenFamilyHasIsRefusedNamingIt() throws Exception {
        Path data = dir.resolve("tiny.inter");
        PlantedRatings.write(PlantedRatings.generate(3), data);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EvaluateRatingsCommand());
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("--data", data.toString(), "--model", "mf", "--set", "factor=4");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--set factor: no setting of [mf]");
    }
}
