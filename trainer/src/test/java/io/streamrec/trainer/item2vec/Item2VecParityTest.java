package io.streamrec.trainer.item2vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;
import io.streamrec.trainer.skipgram.Item2VecConfig;
import io.streamrec.trainer.skipgram.Item2VecModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Item2VecParityTest {
    private static final int ITEMS = 80;

    private static Item2VecModel randomModel(int dim) {
        Random random = new Random(4);
        float[] input = new float[(ITEMS + 1) * dim];
        for (int i = dim; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        return new Item2VecModel(ITEMS, dim, input, new float[input.length]);
    }

    private static List<String> vocabulary() {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            items.add("item-" + i);
        }
        return items;
    }

    @Test
    void onnxRuntimeScoresTheMeanCosineForSessionsShorterAndLongerThanL() {
        Item2VecModel model = randomModel(16);
        Item2VecConfig config = Item2VecConfig.defaults().with(Map.of("sequence_length", "6", "top_k", "10"));
        ModelBundle bundle = Item2VecOnnxExporter.export(model, vocabulary(), config, "i2v", 1, Map.of());
        Random random = new Random(9);
        List<int[]> samples = new ArrayList<>();
        for (int row = 0; row < 30; row++) {
            int[] sample = new int[1 + row % 9]; // 1..9 items: shorter than, equal to and longer than L = 6
            for (int i = 0; i < sample.length; i++) {
                sample[i] = 1 + random.nextInt(ITEMS);
            }
            samples.add(sample);
        }
        ParityReport report = OnnxParityCheck.check(model.scorer().asTrainedScorer(), bundle, samples);
        assertThat(report.rows()).isEqualTo(30);
        assertThat(report.longestSequence()).isEqualTo(6);
        assertThat(report.maxAbsDifference()).isLessThan(1e-5);
    }

    @Test
    void aOneItemSessionRanksItselfFirstWithCosineOne() throws Exception {
        Item2VecModel model = randomModel(8);
        ModelBundle bundle = Item2VecOnnxExporter.export(model, vocabulary(),
                Item2VecConfig.defaults().with(Map.of("sequence_length", "4", "top_k", "3")), "i2v", 1, Map.of());
        try (OnnxModel onnx = OnnxModel.load(bundle, ScoringOptions.cpu())) {
            List<RecommendedItem> top = onnx.recommend(List.of("item-17"));
            assertThat(top.get(0).itemId()).isEqualTo("item-17");
            assertThat(top.get(0).score()).isCloseTo(1f, offset(1e-5f));
            float[] expected = Item2VecModel.meanCosine(model.normalisedTable(), ITEMS, 8, new int[] {17});
            assertThat(top.get(1).score()).isCloseTo(expected[Integer.parseInt(top.get(1).itemId().substring(5))],
                    offset(1e-5f));
        }
    }
}
