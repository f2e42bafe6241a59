package io.streamrec.trainer.eval;

import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EMBEDDING;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EPOCHS;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.HIDDEN_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.gru4rec.Gru4RecFamily;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import io.streamrec.trainer.pipeline.TrainingResult;
import java.util.Collections;
import java.util.List;
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

    @Test
    void ranksEachClickByTheAnswerTheServingRuleGivesTheStream() throws Exception {
        // Ten items, L = 3, all ten ranked. The step graph's answer shows how many clicks its state has seen: after
        // n clicks it ranks the successors of the item n - 1 places after the last one.
        try (OnnxModel model = OnnxModel.load(TestBundles.shiftingSuccessorModel("m", 1, 10, 3, 10),
                ScoringOptions.cpu())) {
            Session stepped = session("a", "item-1", "item-2", "item-3", "item-4", "item-5", "item-6", "item-7");
            // "new" is no item of the model: it is not a prediction target, and the click on it keeps the state and
            // is answered by the sequence graph (the successors of item-2), where item-5 ranks third.
            Session unknown = session("b", "item-2", "new", "item-5");
            RankMetrics evaluated = BundleEvaluator.evaluate(model, SessionDataset.of(List.of(stepped, unknown)));

            // Stepping every click, after click n the next item ranks (2 - n) mod 10: 1, 10, 9, 8, 7, 6. Rebuilding
            // from the last three items would rank it 1, 10, 9, 9, 9, 9; the sequence graph, 1 every time.
            RankMetrics expected = new RankMetrics();
            for (int rank : List.of(1, 10, 9, 8, 7, 6, 3)) {
                expected.add(rank);
            }
            assertThat(evaluated.asMap("")).isEqualTo(expected.asMap(""));
        }
    }

    private static Session session(String id, String... items) {
        return new Session(id, List.of(items), Collections.nCopies(items.length, 0L));
    }
}
