package io.streamrec.bench;

import static io.streamrec.trainer.gru4rec.Gru4RecConfig.SEQUENCE_LENGTH;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.TOP_K;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.ai2v.Ai2vConfig;
import io.streamrec.trainer.ai2v.Ai2vOnnxExporter;
import io.streamrec.trainer.ai2v.Ai2vTables;
import io.streamrec.trainer.ai2v.CandidateStage;
import io.streamrec.trainer.caser.CaserConfig;
import io.streamrec.trainer.caser.CaserModel;
import io.streamrec.trainer.caser.CaserOnnxExporter;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.gru4rec.Gru4RecModel;
import io.streamrec.trainer.gru4rec.Gru4RecOnnxExporter;
import io.streamrec.trainer.skipgram.Item2VecModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Model bundles with random weights for the benchmarks, each exported exactly as training would export it: the cost
 * of scoring depends on the graph's shapes, not on the values in it. The bundle's name is its kind, which is the model
 * line the streams app is told to serve.
 */
final class BenchModels {
    /** GRU4Rec's sizes in the demo and the scoring benchmark: the stored state is the hidden layer's 100 floats. */
    static final int GRU_EMBEDDING = 64;
    static final int GRU_HIDDEN = 100;
    /** Item2Vec proposals of the two-stage AI2V graph, as {@code bench-ai2v}'s default. */
    static final int AI2V_CANDIDATES = 200;

    private BenchModels() {
    }

    /** Item ids "i0" .. "i{items - 1}": the ids {@code SyntheticSessions} clicks on, so every event is known. */
    static List<String> vocabulary(int items) {
        List<String> vocabulary = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            vocabulary.add("i" + i);
        }
        return vocabulary;
    }

    static ModelBundle build(RowSpec row) {
        List<String> vocabulary = vocabulary(row.items());
        return switch (row.kind()) {
            case GRU4REC -> gru4rec(vocabulary);
            case CASER -> caser(vocabulary);
            case AI2V -> ai2vTwoStage(vocabulary);
            default -> throw new IllegalArgumentException(row.label() + " has no model");
        };
    }

    /** GRU4Rec with its step graph (one GRU step on the stored state per event), L 20, top 20. */
    static ModelBundle gru4rec(List<String> vocabulary) {
        Gru4RecConfig config = Gru4RecConfig.defaults().with(SEQUENCE_LENGTH, 20).with(TOP_K, 20);
        try (Gru4RecModel model = Gru4RecModel.initialise(vocabulary.size(), GRU_EMBEDDING, GRU_HIDDEN, 1)) {
            return Gru4RecOnnxExporter.export(model, vocabulary, config, "gru4rec", 1, Map.of());
        }
    }

    /** Caser with its default settings, for anonymous sessions (user index 0). */
    static ModelBundle caser(List<String> vocabulary) {
        try (CaserModel model = CaserModel.initialise(vocabulary.size(), 0, CaserConfig.defaults())) {
            return CaserOnnxExporter.export(model, vocabulary, List.of(), "caser", 1, Map.of());
        }
    }

    /** AI2V served two-stage: Item2Vec proposes {@value #AI2V_CANDIDATES} items, AI2V re-ranks them. */
    static ModelBundle ai2vTwoStage(List<String> vocabulary) {
        int n = vocabulary.size();
        Ai2vConfig config = Ai2vConfig.defaults();
        Random random = new Random(7);
        Ai2vTables tables = randomAi2vTables(n, config, random);
        return Ai2vOnnxExporter.export(tables, randomCandidateStage(n, AI2V_CANDIDATES, random), vocabulary, config,
                "ai2v", 1, Map.of());
    }

    static CandidateStage randomCandidateStage(int n, int candidates, Random random) {
        return new CandidateStage(Item2VecModel.normalisedRows(
                gaussian(random, (n + 1) * 64, 1f), n + 1, 64), n, 64, Math.min(candidates, n));
    }

    static Ai2vTables randomAi2vTables(int n, Ai2vConfig c, Random random) {
        int rows = n + 1;
        int h = c.heads();
        int keys = rows * h;
        int dim = c.attentionDim();
        return new Ai2vTables(n, h, dim, c.zDim(), c.mlpHidden(), c.activation(),
                Item2VecModel.normalisedRows(gaussian(random, keys * dim, 1f), keys, dim),
                gaussian(random, rows * h * c.zDim(), 0.1f),
                Item2VecModel.normalisedRows(gaussian(random, keys * dim, 1f), keys, dim),
                gaussian(random, rows * c.zDim(), 0.1f), gaussian(random, rows * c.mlpHidden(), 0.1f),
                gaussian(random, 3 * c.zDim() * c.mlpHidden(), 0.1f), gaussian(random, c.mlpHidden(), 0.1f),
                gaussian(random, rows, 0.1f));
    }

    private static float[] gaussian(Random random, int size, float scale) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
        return values;
    }
}
