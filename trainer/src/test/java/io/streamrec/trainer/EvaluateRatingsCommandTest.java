package io.streamrec.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.family.TrainingContext;
import io.streamrec.trainer.mf.MfFamily;
import io.streamrec.trainer.useritem.UserItemFamily;
import io.streamrec.trainer.useritem.UserItemModel;
import io.streamrec.trainer.useritem.PlantedRatings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
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
    void aRankingFamilyOrAnUnknownOneIsRefusedNamingTheRatingFamilies() {
        List<UserItemFamily> registered = List.of(new MfFamily(), new RankingOnly());

        assertThatThrownBy(() -> EvaluateRatingsCommand.choose("mf,ranker", registered))
                .hasMessage("'ranker' is a ranking model, which predicts no ratings; evaluate-ratings runs [mf]");
        assertThatThrownBy(() -> EvaluateRatingsCommand.choose("mff", registered))
                .hasMessage("unknown rating model 'mff'; one of [mf]");
        assertThat(EvaluateRatingsCommand.choose(" MF, mf ", registered)).hasSize(1);
    }

    /** A family of the ranking protocol, which evaluate-ratings must refuse before training anything. */
    private static final class RankingOnly implements UserItemFamily {
        @Override
        public String kind() {
            return "ranker";
        }

        @Override
        public String description() {
            return "ranks, predicts no ratings";
        }

        @Override
        public SettingGroup settings() {
            return SettingGroup.of("ranker");
        }

        @Override
        public Protocol protocol() {
            return Protocol.RANKING;
        }

        @Override
        public UserItemModel fit(Interactions train, Settings settings, TrainingContext context) {
            throw new AssertionError("never trained");
        }
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
