package io.streamrec.trainer.item2vec;

import static io.streamrec.trainer.family.SettingRefusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.trainer.pipeline.SyntheticTraining;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import io.streamrec.trainer.pipeline.TrainingResult;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.eval.Ranks;
import io.streamrec.trainer.skipgram.Item2VecConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Item2VecTrainingTest {

    @Test
    void lossFallsAndTheModelBeatsPopularityOnSyntheticSessions() {
        TrainingResult result = SyntheticTraining.train(new Item2VecFamily(), SyntheticTraining.split(300, 6000, 11),
                Map.of("epochs", "20", "embedding_dim", "32", "sequence_length", "3"), "i2v");

        assertThat(result.epochs()).hasSize(20);
        assertThat(result.epochs().get(19).meanLoss()).isLessThan(result.epochs().get(0).meanLoss() * 0.9);
        assertThat(result.metrics().get("predictions")).isGreaterThan(1000.0);
        // the successor structure is co-occurrence, which item vectors capture and popularity cannot
        SyntheticTraining.assertBeatsPopularity(result.metrics(), 0.1);
        assertThat(result.parity().maxAbsDifference()).isLessThan(1e-5);
        assertThat(result.bundle().manifest().kind()).isEqualTo("item2vec");
        assertThat(result.bundle().manifest().training()).containsEntry("sequence_length", "3");
    }

    @Test
    void theRequestedTieModeReachesTheEvaluation() {
        SessionDataset.Split split = SyntheticTraining.split(300, 3000, 11);
        Map<String, String> settings = Map.of("epochs", "1", "embedding_dim", "8", "sequence_length", "3");
        Map<String, Double> conservative = TrainingPipeline.run(new Item2VecFamily(), new TrainingRequest(split.train(),
                split.test(), settings, "i2v", 1, Ranks.TieMode.CONSERVATIVE), line -> { }).metrics();
        Map<String, Double> optimistic = TrainingPipeline.run(new Item2VecFamily(), new TrainingRequest(split.train(),
                split.test(), settings, "i2v", 1, Ranks.TieMode.OPTIMISTIC), line -> { }).metrics();

        // equally popular items tie in the popularity ranking: counted for the model, they rank the target higher
        assertThat(optimistic.get("popularity.mrr@20")).isGreaterThan(conservative.get("popularity.mrr@20"));
        assertThat(optimistic.get("recall@20")).isGreaterThanOrEqualTo(conservative.get("recall@20"));
    }

    @Test
    void everyOptionIsANamedSettingAndUnknownOnesAreRefused() {
        Map<String, String> defaults = new Item2VecFamily().settings().defaults().asStrings();
        assertThat(defaults).containsKeys("embedding_dim", "epochs", "negatives", "learning_rate",
                "min_learning_rate", "subsample_rho", "negative_power", "window", "sequence_length", "top_k", "seed");
        assertThat(Item2VecConfig.defaults().with(defaults)).isEqualTo(Item2VecConfig.defaults());
        assertThat(Item2VecConfig.defaults().with(Map.of("window", "3")).window()).isEqualTo(3);
        assertRefused(Item2VecConfig.defaults(), "windw", "3", "not a item2vec setting; did you mean window?");
        assertThatThrownBy(() -> Item2VecConfig.defaults().with(Map.of("subsample_rho", "2")))
                .hasMessage("subsample_rho: must be from 0 to 1, got 2");
    }
}
