package io.streamrec.trainer.ai2v;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.trainer.skipgram.Item2VecConfig;
import io.streamrec.trainer.skipgram.Item2VecTrainer;
import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ai2vParityTest {
    private static final int ITEMS = 60;
    private static final Ai2vConfig CONFIG = Ai2vConfig.defaults().with(Map.of("embedding_dim", "12", "heads", "3",
            "attention_dim", "5", "value_dim", "4", "z_dim", "6", "mlp_hidden", "7", "sequence_length", "6",
            "top_k", "10"));

    private static List<String> vocabulary() {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            items.add("item-" + i);
        }
        return items;
    }

    /** 1..9 items: shorter than, as long as and longer than L = 6. */
    private static List<int[]> samples(int rows) {
        Random random = new Random(9);
        List<int[]> samples = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            int[] sample = new int[1 + row % 9];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = 1 + random.nextInt(ITEMS);
            }
            samples.add(sample);
        }
        return samples;
    }

    private static CandidateStage proposer(int count) {
        List<int[]> sessions = samples(400);
        float[] counts = new float[ITEMS + 1];
        java.util.Arrays.fill(counts, 1, counts.length, 1f);
        return CandidateStage.of(new Item2VecTrainer(Item2VecConfig.defaults().with(Map.of("epochs", "2",
                "embedding_dim", "8")), line -> { }).train(sessions, ITEMS, counts, e -> { }), count);
    }

    @Test
    void onnxRuntimeScoresEveryItemAsTheTrainedModelForSessionsOfAnyLength() {
        try (Ai2vModel model = Ai2vModel.initialise(ITEMS, CONFIG)) {
            Ai2vTables tables = model.tables();
            ModelBundle bundle = Ai2vOnnxExporter.export(tables, null, vocabulary(), CONFIG, "ai2v", 1, Map.of());
            try (Ai2vScorer scorer = new Ai2vScorer(tables, null, 6)) {
                ParityReport report = OnnxParityCheck.check(scorer.asTrainedScorer(), bundle, samples(36));
                assertThat(report.rows()).isEqualTo(36);
                assertThat(report.longestSequence()).isEqualTo(6);
                assertThat(report.maxAbsDifference()).isLessThan(1e-5);
            }
        }
    }

    @Test
    void theTwoStageGraphReRanksTheProposalsAsTheTrainedModel() {
        try (Ai2vModel model = Ai2vModel.initialise(ITEMS, CONFIG)) {
            Ai2vTables tables = model.tables();
            CandidateStage stage = proposer(15);
            ModelBundle bundle = Ai2vOnnxExporter.export(tables, stage, vocabulary(), CONFIG, "ai2v", 1, Map.of());
            try (Ai2vScorer scorer = new Ai2vScorer(tables, stage, 6)) {
                ParityReport report = OnnxParityCheck.check(scorer.asTrainedScorer(), bundle, samples(36));
                assertThat(report.maxAbsDifference()).isLessThan(1e-5);
                // every item outside the 15 proposals is out of the running
                float[] scores = scorer.scores(List.of(new int[] {4, 8})).get(0);
                assertThat(java.util.stream.IntStream.range(1, ITEMS + 1)
                        .filter(j -> scores[j] != Float.NEGATIVE_INFINITY).count()).isEqualTo(15);
            }
        }
    }

    @Test
    void twoStageWithEveryItemAsACandidateServesExactlyTheFullGraphsTopK() throws Exception {
        try (Ai2vModel model = Ai2vModel.initialise(ITEMS, CONFIG)) {
            Ai2vTables tables = model.tables();
            ModelBundle full = Ai2vOnnxExporter.export(tables, null, vocabulary(), CONFIG, "ai2v", 1, Map.of());
            ModelBundle twoStage = Ai2vOnnxExporter.export(tables, proposer(ITEMS), vocabulary(), CONFIG, "ai2v", 1,
                    Map.of());
            List<List<String>> sessions = samples(27).stream().map(s -> java.util.Arrays.stream(s)
                    .mapToObj(i -> "item-" + i).toList()).toList();
            try (OnnxModel a = OnnxModel.load(full, ScoringOptions.cpu());
                 OnnxModel b = OnnxModel.load(twoStage, ScoringOptions.cpu())) {
                List<List<RecommendedItem>> fromFull = a.recommendAll(sessions);
                List<List<RecommendedItem>> fromTwoStage = b.recommendAll(sessions);
                for (int row = 0; row < sessions.size(); row++) {
                    assertThat(fromTwoStage.get(row)).hasSize(10);
                    for (int j = 0; j < 10; j++) {
                        assertThat(fromTwoStage.get(row).get(j).itemId())
                                .isEqualTo(fromFull.get(row).get(j).itemId());
                        assertThat(fromTwoStage.get(row).get(j).score())
                                .isCloseTo(fromFull.get(row).get(j).score(), org.assertj.core.api.Assertions.offset(1e-5f));
                    }
                }
            }
        }
    }
}
