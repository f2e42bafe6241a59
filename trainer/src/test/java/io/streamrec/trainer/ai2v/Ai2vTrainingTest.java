package io.streamrec.trainer.ai2v;

import static io.streamrec.trainer.family.SettingRefusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.trainer.pipeline.SyntheticTraining;
import io.streamrec.trainer.pipeline.TrainingResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ai2vTrainingTest {
    private static final Map<String, String> SMALL = Map.of("embedding_dim", "16", "heads", "2", "attention_dim", "8",
            "value_dim", "8", "z_dim", "16", "mlp_hidden", "16", "negatives", "20", "epochs", "3",
            "sequence_length", "5", "learning_rate", "0.01");

    @Test
    void lossFallsAndTheModelBeatsPopularityOnSyntheticSessions() {
        TrainingResult result = SyntheticTraining.train(new Ai2vFamily(), SyntheticTraining.split(200, 3000, 13), SMALL,
                "ai2v");

        assertThat(result.epochs()).hasSize(3);
        assertThat(result.epochs().get(1).meanLoss()).isLessThan(result.epochs().get(0).meanLoss());
        assertThat(result.epochs().get(2).meanLoss()).isLessThan(result.epochs().get(1).meanLoss());
        assertThat(result.metrics().get("predictions")).isGreaterThan(500.0);
        SyntheticTraining.assertBeatsPopularity(result.metrics(), 0.1);
        assertThat(result.parity().maxAbsDifference()).isLessThan(1e-4);
        assertThat(result.bundle().manifest().kind()).isEqualTo("ai2v");
    }

    @Test
    void everyOptionIsANamedSettingAndBadValuesAreRefused() {
        Map<String, String> defaults = new Ai2vFamily().settings().defaults().asStrings();
        assertThat(defaults).containsEntry("serving", "full").containsEntry("activation", "relu")
                .containsKeys("heads", "negatives", "candidates", "sequence_length", "learning_rate");
        assertThat(Ai2vConfig.defaults().with(defaults)).isEqualTo(Ai2vConfig.defaults());
        assertThat(Ai2vConfig.defaults().with(Map.of("serving", "two-stage")).serving())
                .isEqualTo(Ai2vConfig.Serving.TWO_STAGE);
        assertThatThrownBy(() -> Ai2vConfig.defaults().with(Map.of("serving", "cheap")))
                .hasMessage("serving: 'cheap' is not one of full, two-stage");
        assertRefused(Ai2vConfig.defaults(), "head", "2", "not a ai2v setting; did you mean heads?");
    }
}
