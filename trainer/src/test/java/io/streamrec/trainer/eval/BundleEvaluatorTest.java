package io.streamrec.trainer.eval;

import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EMBEDDING;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EPOCHS;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.HIDDEN_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import io.streamrec.trainer.pipeline.TrainingResult;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.gru4rec.Gru4RecFamily;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BundleEvaluatorTest {

    @Test
    void theServedBundleScoresWhatTheTrainerMeasured() throws Exception {
        SessionDataset.Split split = SyntheticSessions.generate(new SyntheticSessions.Config(150, 1500, 21)).split(0.1);
        Gru4RecConfig config = Gru4RecConfig.defaults().with(EPOCHS, 2).with(HIDDEN_SIZE, 32).with(EMBEDDING, 16);
        TrainingResult trained = TrainingPipeline.run(new Gru4RecFamily(), new TrainingRequest(split.train(),
                split.test(), config.asMap(), "gru4rec", 1), line -> { });
        try (OnnxModel model = OnnxModel.load(trained.bundle(), ScoringOptions.cpu())) {
            RankMetrics served = BundleEvaluator.evaluate(model, split.test());
            assertThat(served.predictions()).isEqualTo(trained.metrics().get("predictions").longValue());
            // Float ties aside, ONNX Runtime stepping through each session ranks exactly as the trainer's evaluator.
            assertThat(served.recall(20)).isCloseTo(trained.metrics().get("recall@20"), Offset.offset(0.002));
            assertThat(served.mrr(20)).isCloseTo(trained.metrics().get("mrr@20"), Offset.offset(0.002));
            assertThat(served.recall(5)).isCloseTo(trained.metrics().get("recall@5"), Offset.offset(0.002));
        }
    }
}
