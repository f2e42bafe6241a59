package io.streamrec.trainer.caser;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.eval.holdout.HoldoutProtocol;
import io.streamrec.trainer.eval.holdout.HoldoutSplit;
import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaserTiedEmbeddingTest {

    @Test
    void theScoredOutputWeightsAreTheTrainedInputEmbeddingNextToTheUserHalfAndTheBundleScoresAlike() {
        HoldoutSplit split = HoldoutSplit.of(CaserTrainingTest.cyclingUsers(40, 5), HoldoutProtocol.paper());
        int[] users = new int[split.userCount()];
        Arrays.setAll(users, u -> u + 1);
        CaserConfig config = CaserTrainingTest.small(3).with(Map.of("tied_embedding", "true", "loss", "softmax"));
        float[] initialItems;
        try (CaserModel untrained = CaserModel.initialise(split.itemCount(), split.userCount(), config)) {
            initialItems = CaserModel.values(untrained.items);
        }
        try (CaserModel model = new CaserTrainer(config, line -> { })
                .train(split.train(), users, split.itemCount(), split.userCount(), e -> { })) {
            int d = config.embeddingSize();
            int rows = split.itemCount() + 1;
            float[] items = CaserModel.values(model.items);
            float[] output = model.outputWeightValues();
            float[] separate = CaserModel.values(model.outputWeight);
            assertThat(items).isNotEqualTo(initialItems); // trained through both uses
            for (int i = 0; i < rows; i++) {
                assertThat(Arrays.copyOfRange(output, i * 2 * d, i * 2 * d + d))
                        .containsExactly(Arrays.copyOfRange(items, i * d, (i + 1) * d));
                assertThat(Arrays.copyOfRange(output, i * 2 * d + d, (i + 1) * 2 * d))
                        .containsExactly(Arrays.copyOfRange(separate, i * 2 * d + d, (i + 1) * 2 * d));
            }

            ModelBundle bundle = CaserOnnxExporter.export(model, split.itemIds(), split.userIds(), "caser", 1,
                    Map.of());
            assertThat(bundle.manifest().training()).containsEntry("tied_embedding", "true");
            List<int[]> samples = new ArrayList<>();
            for (int row = 0; row < 20; row++) {
                int[] history = split.train().get(row % split.userCount());
                int length = 1 + row % 6;
                samples.add(Arrays.copyOfRange(history, history.length - length, history.length));
            }
            ParityReport report = OnnxParityCheck.check(model::scores, bundle, samples);
            assertThat(report.rows()).isEqualTo(20);
            assertThat(report.maxAbsDifference()).isLessThan(1e-4);
        }
    }
}
