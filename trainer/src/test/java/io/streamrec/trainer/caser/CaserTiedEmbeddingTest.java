package io.streamrec.trainer.caser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
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
            assertThat(separate).hasSize(rows * d); // only the user half is a parameter of its own
            assertThat(items).isNotEqualTo(initialItems); // trained through both uses
            for (int i = 0; i < rows; i++) {
                assertThat(Arrays.copyOfRange(output, i * 2 * d, i * 2 * d + d))
                        .containsExactly(Arrays.copyOfRange(items, i * d, (i + 1) * d));
                assertThat(Arrays.copyOfRange(output, i * 2 * d + d, (i + 1) * 2 * d))
                        .containsExactly(Arrays.copyOfRange(separate, i * d, (i + 1) * d));
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

    @Test
    void aTiedModelScoresSampledCandidatesAsItScoresTheWholeCatalogue() {
        CaserConfig config = CaserTrainingTest.small(1).with(Map.of("tied_embedding", "true"));
        try (CaserModel model = CaserModel.initialise(12, 3, config);
             NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDManager m = model.manager();
            NDArray windows = m.create(new long[] {0, 0, 0, 4, 7, 1, 2, 3, 4, 5}, new Shape(2, 5));
            NDArray representation = model.represent(windows, m.create(new long[] {0, 2}), null);
            long[] candidates = {3, 9, 12, 1, 5, 5};
            float[] sampled = model.scoreCandidates(representation, m.create(candidates, new Shape(2, 3)))
                    .toFloatArray();
            float[] all = model.scoreAll(representation).toFloatArray();
            for (int row = 0; row < 2; row++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(sampled[row * 3 + c])
                            .isCloseTo(all[row * 13 + (int) candidates[row * 3 + c]], within(1e-5f));
                }
            }
        }
    }
}
