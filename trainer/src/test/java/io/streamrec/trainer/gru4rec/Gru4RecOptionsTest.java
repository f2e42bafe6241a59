package io.streamrec.trainer.gru4rec;

import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;

import io.streamrec.trainer.engine.EmbeddingRows;
import io.streamrec.trainer.family.EpochStats;

import static io.streamrec.trainer.gru4rec.Gru4RecConfig.BATCH_SIZE;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.BPREG;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.CONSTRAINED_EMBEDDING;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.DROPOUT_EMBEDDING;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.DROPOUT_HIDDEN;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.ELU_PARAM;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EMBEDDING;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EPOCHS;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.HIDDEN_SIZE;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.LAYERS;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.LEARNING_RATE;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.LOGQ;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.LOSS;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.MOMENTUM;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.N_SAMPLE;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.SAMPLE_ALPHA;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.SEED;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.SEQUENCE_LENGTH;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.TOP_K;
import static io.streamrec.trainer.family.SettingRefusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.StepResult;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One test per family of GRU4Rec training options, on hand-sized tables and small generated data. */
class Gru4RecOptionsTest {
    private static final int ITEMS = 50;

    private static List<int[]> cyclicSessions(int count, long seed) {
        return CyclicSessions.of(ITEMS, count, seed);
    }

    private static float[] skewedCounts() {
        float[] counts = new float[ITEMS + 1];
        for (int i = 1; i <= ITEMS; i++) {
            counts[i] = 1 + (ITEMS - i);
        }
        return counts;
    }

    private static Gru4RecConfig small() {
        return Gru4RecConfig.defaults().with(EMBEDDING, 12).with(HIDDEN_SIZE, 16).with(BATCH_SIZE, 16).with(EPOCHS, 3)
                .with(LEARNING_RATE, 0.1f).with(N_SAMPLE, 20).with(SEQUENCE_LENGTH, 5).with(TOP_K, 5);
    }

    private static List<EpochStats> trainAndCheck(Gru4RecConfig config, double minRecall5) {
        CyclicSessions.Run run = CyclicSessions.trainAndEvaluate(config, ITEMS, skewedCounts(), cyclicSessions(500, 1),
                cyclicSessions(60, 2));
        assertThat(run.lastLoss()).as(config.describe()).isLessThan(run.firstLoss());
        assertThat(run.metrics().recall(5)).as(config.describe()).isGreaterThan(minRecall5);
        return run.epochs();
    }

    // ---- losses ----

    // cross-entropy with logQ: OutputLayerTest (it is computed outside autograd)

    @Test
    void bprMaxMatchesAHandComputationOnATwoByThreeTable() {
        float[][] r = {{1.0f, 0.2f, -0.5f}, {0.4f, 1.5f, 0.3f}};
        float bpreg = 0.5f;
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double z = 0;
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    z += Math.exp(r[i][j]);
                }
            }
            double ranked = 0;
            double reg = 0;
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    double s = Math.exp(r[i][j]) / z;
                    ranked += s / (1 + Math.exp(-(r[i][i] - r[i][j])));
                    reg += s * r[i][j] * r[i][j];
                }
            }
            expected += -Math.log(ranked) + bpreg * reg;
        }
        expected /= 2; // the mean over rows
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray scores = m.create(new float[] {1.0f, 0.2f, -0.5f, 0.4f, 1.5f, 0.3f}, new Shape(2, 3));
            NDArray targets = m.create(new long[] {0, 1}, new Shape(2, 1));
            // every column once: log counts 0; the positive (count 1) leaves the negatives entirely
            NDArray logCounts = m.zeros(new Shape(3));
            NDArray correction = m.create(new float[] {-1e9f, -1e9f}, new Shape(2, 1));
            float loss = Gru4RecTrainer.bprMax(scores, targets, logCounts, correction, bpreg).getFloat();
            assertThat((double) loss).isCloseTo(expected, within(1e-5));
        }
    }

    /**
     * BPR-max as the trainer computes it (ELU on the scores, score regularisation, distinct columns with
     * multiplicities, the mean over rows) against a hand computation over the full column list, as the papers state it:
     * the value and the gradient of every score, the latter by central differences of the hand computation in double
     * precision. Row 0's target was also drawn as a sample, so one copy of it stays among its negatives; the last item
     * was drawn twice.
     */
    @Test
    void bprMaxWithEluAndScoreRegularisationHasTheHandComputedValueAndGradient() {
        float elu = 1.0f;
        float bpreg = 0.9f;
        // distinct columns: items a (row 0's target, also sampled), b (row 1's target), c (sampled twice)
        double[][] distinct = {{0.8, -0.6, 0.3}, {-1.2, 0.5, -0.1}};
        int[] multiplicity = {2, 1, 2};
        int[] target = {0, 1};
        Gru4RecTrainer trainer = new Gru4RecTrainer(Gru4RecConfig.defaults().with(LOSS, Gru4RecConfig.Loss.BPR_MAX)
                .with(ELU_PARAM, elu).with(BPREG, bpreg), line -> { });
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            float[] flat = new float[6];
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    flat[r * 3 + c] = (float) distinct[r][c];
                }
            }
            NDArray scores = m.create(flat, new Shape(2, 3));
            scores.setRequiresGradient(true);
            float[] logCounts = new float[3];
            for (int c = 0; c < 3; c++) {
                logCounts[c] = (float) Math.log(multiplicity[c]);
            }
            float[] correction = new float[2];
            for (int r = 0; r < 2; r++) {
                int count = multiplicity[target[r]];
                correction[r] = count > 1 ? (float) Math.log((count - 1.0) / count) : -1e9f;
            }
            float loss;
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray value = trainer.bprMax(scores, m.create(new long[] {0, 1}, new Shape(2, 1)),
                        m.create(logCounts), m.create(correction, new Shape(2, 1)));
                collector.backward(value);
                loss = value.getFloat();
            }
            float[] gradient = scores.getGradient().toFloatArray();

            assertThat((double) loss).isCloseTo(handBprMax(distinct, multiplicity, target, elu, bpreg), within(1e-5));
            double step = 1e-6;
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    double[][] up = copy(distinct);
                    double[][] down = copy(distinct);
                    up[r][c] += step;
                    down[r][c] -= step;
                    double expected = (handBprMax(up, multiplicity, target, elu, bpreg)
                            - handBprMax(down, multiplicity, target, elu, bpreg)) / (2 * step);
                    assertThat((double) gradient[r * 3 + c]).as("d loss / d score[%d][%d]", r, c)
                            .isCloseTo(expected, within(1e-5));
                }
            }
        }
    }

    /**
     * The papers' BPR-max over the full column list (each distinct column repeated by its multiplicity; the row's own
     * positive is one copy of its target column), after an ELU of α on the scores, averaged over the rows.
     */
    private static double handBprMax(double[][] distinct, int[] multiplicity, int[] target, double alpha,
                                     double bpreg) {
        double total = 0;
        for (int r = 0; r < distinct.length; r++) {
            List<Double> negatives = new ArrayList<>();
            for (int c = 0; c < multiplicity.length; c++) {
                int copies = c == target[r] ? multiplicity[c] - 1 : multiplicity[c];
                for (int k = 0; k < copies; k++) {
                    negatives.add(elu(distinct[r][c], alpha));
                }
            }
            double positive = elu(distinct[r][target[r]], alpha);
            double z = 0;
            for (double n : negatives) {
                z += Math.exp(n);
            }
            double ranked = 0;
            double regularisation = 0;
            for (double n : negatives) {
                double s = Math.exp(n) / z;
                ranked += s / (1 + Math.exp(-(positive - n)));
                regularisation += s * n * n;
            }
            total += -Math.log(ranked) + bpreg * regularisation;
        }
        return total / distinct.length;
    }

    private static double elu(double x, double alpha) {
        return x > 0 ? x : alpha * (Math.exp(x) - 1);
    }

    private static double[][] copy(double[][] values) {
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        return copy;
    }

    @Test
    void bprMaxWithEluAndCrossEntropyWithLogqBothTrain() {
        trainAndCheck(small().with(LOSS, Gru4RecConfig.Loss.BPR_MAX).with(ELU_PARAM, 0.5f).with(BPREG, 1.0f)
                .with(LEARNING_RATE, 0.05f), 0.8);
        trainAndCheck(small().with(LOGQ, 1.0f).with(SAMPLE_ALPHA, 0.5), 0.8);
    }

    // ---- embeddings and layers ----

    @Test
    void constrainedEmbeddingIsTheOutputMatrixItself() {
        // (That a row used as input and as candidate gets the sum of both gradients is pinned against autograd in
        // OutputLayerTest, where the trainer now adds them.)
        Gru4RecConfig config = small().with(CONSTRAINED_EMBEDDING, true).with(HIDDEN_SIZE, 8);
        try (Gru4RecModel model = Gru4RecModel.initialise(ITEMS, config);
             ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            scope.suppressNotUsedWarning();
            assertThat(model.input()).isEqualTo(Gru4RecModel.Input.CONSTRAINED);
            assertThat(model.embedding).isNull();
            assertThat(model.embeddingSize()).isEqualTo(8);
            float[] input = model.inputRows(model.manager().create(new long[] {3})).toFloatArray();
            float[] items = model.items.toFloatArray();
            assertThat(input).containsExactly(Arrays.copyOfRange(items, 3 * 9, 3 * 9 + 8));
        }
    }

    @Test
    void everyInputModeAndSeveralLayersTrain() {
        trainAndCheck(small().with(CONSTRAINED_EMBEDDING, true), 0.8);
        trainAndCheck(small().with(EMBEDDING, 0), 0.8);
        trainAndCheck(small().with(LAYERS, 2).with(CONSTRAINED_EMBEDDING, true).with(EPOCHS, 4), 0.7);
    }

    @Test
    void twoLayersWithConstrainedEmbeddingAndOneHotInputExportGraphsThatMatchTheTrainedModel() throws Exception {
        for (Gru4RecConfig config : List.of(small().with(LAYERS, 2).with(CONSTRAINED_EMBEDDING, true),
                small().with(LAYERS, 2).with(EMBEDDING, 0), small().with(LAYERS, 3).with(EMBEDDING, 6))) {
            try (Gru4RecModel model = new Gru4RecTrainer(config.with(EPOCHS, 1), line -> { })
                    .train(cyclicSessions(300, 4), ITEMS, skewedCounts(), e -> { })) {
                assertThat(model.stateSize()).isEqualTo(config.layers() * 16);
                List<String> vocabulary = CyclicSessions.vocabulary(ITEMS);
                ModelBundle bundle = Gru4RecOnnxExporter.export(model, vocabulary, config, "gru4rec", 1, Map.of());
                assertThat(bundle.manifest().stepGraph().stateSize()).isEqualTo(config.layers() * 16);
                List<int[]> samples = new ArrayList<>(cyclicSessions(20, 5));
                samples.add(new int[] {9});
                ParityReport report = OnnxParityCheck.check(Gru4RecEvaluator.scorer(model), bundle, samples);
                assertThat(report.maxAbsDifference()).as(config.describe()).isLessThan(1e-4);

                try (OnnxModel served = OnnxModel.load(ModelBundleCodec.decode(ModelBundleCodec.encode(bundle)),
                        ScoringOptions.cpu())) {
                    assertThat(served.stateSize()).isEqualTo(config.layers() * 16);
                    Random random = new Random(8);
                    for (int trial = 0; trial < 10; trial++) {
                        List<String> session = new ArrayList<>();
                        float[] state = null;
                        StepResult last = null;
                        for (int i = 0; i < 1 + random.nextInt(5); i++) {
                            session.add(vocabulary.get(random.nextInt(ITEMS)));
                            last = served.step(session.get(session.size() - 1), state).orElseThrow();
                            state = last.state();
                        }
                        assertThat(last.items().stream().map(RecommendedItem::itemId).toList())
                                .isEqualTo(served.recommend(session).stream().map(RecommendedItem::itemId).toList());
                    }
                }
            }
        }
    }

    // ---- optimiser ----

    @Test
    void adagradWithNesterovMomentumMatchesATwoStepHandComputation() {
        adagradMatchesATwoStepHandComputation(true);
    }

    @Test
    void adagradWithClassicalMomentumMatchesATwoStepHandComputation() {
        adagradMatchesATwoStepHandComputation(false);
    }

    private static void adagradMatchesATwoStepHandComputation(boolean nesterov) {
        float lr = 0.1f;
        float mu = 0.5f;
        float[] g1 = {0.5f, -2.0f};
        float[] g2 = {1.0f, 0.5f};
        double[] theta = {1.0, -1.0};
        double[] acc = new double[2];
        double[] v = new double[2];
        for (float[] g : List.of(g1, g2)) {
            for (int i = 0; i < 2; i++) {
                acc[i] += g[i] * g[i];
                double d = lr * g[i] / Math.sqrt(acc[i] + Adagrad.EPSILON);
                v[i] = mu * v[i] + d;
                theta[i] -= nesterov ? d + mu * v[i] : v[i];
            }
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Adagrad adagrad = new Adagrad(lr, mu, nesterov);
            NDArray dense = m.create(new float[] {1.0f, -1.0f});
            NDArray rows = m.create(new float[] {9, 9, 1.0f, -1.0f, 9, 9}, new Shape(3, 2));
            try (Adagrad.Slot slot = adagrad.slot(m, dense); Adagrad.Slot rowSlot = adagrad.slot(m, rows)) {
                NDArray index = m.create(new long[] {1});
                for (float[] g : List.of(g1, g2)) {
                    adagrad.update(dense, m.create(g), slot);
                    adagrad.updateRows(rows, index, EmbeddingRows.gather(rows, index), m.create(g, new Shape(1, 2)),
                            rowSlot);
                }
                float[] got = dense.toFloatArray();
                float[] gotRows = rows.toFloatArray();
                for (int i = 0; i < 2; i++) {
                    assertThat((double) got[i]).isCloseTo(theta[i], within(1e-5));
                    assertThat((double) gotRows[2 + i]).isCloseTo(theta[i], within(1e-5));
                }
                // rows the step did not use are untouched
                assertThat(gotRows[0]).isEqualTo(9f);
                assertThat(gotRows[5]).isEqualTo(9f);
            }
        }
    }

    @Test
    void momentumTrains() {
        trainAndCheck(small().with(MOMENTUM, 0.3f).with(CONSTRAINED_EMBEDDING, true), 0.8);
    }

    // ---- sampling ----

    @Test
    void theSampleStoreDrawsInProportionToPopularityToTheAlpha() {
        float[] counts = {0, 100, 25, 4, 1};
        double alpha = 0.5;
        SampleStore store = new SampleStore(counts, alpha, 1000, 50_000, 3);
        assertThat(store.capacity()).isEqualTo(50_000);
        long[] seen = new long[counts.length];
        int batches = 200;
        for (int b = 0; b < batches; b++) {
            for (long item : store.next()) {
                seen[(int) item]++;
            }
        }
        assertThat(store.fills()).isEqualTo(4); // 200 batches of 1000 from a store of 50 batches
        double norm = 10 + 5 + 2 + 1;
        assertThat(seen[0]).isZero();
        for (int i = 1; i < counts.length; i++) {
            double expected = Math.pow(counts[i], alpha) / norm;
            assertThat(store.probability(i)).isCloseTo(expected, within(1e-12));
            assertThat(seen[i] / (double) (batches * 1000)).as("item %d", i).isCloseTo(expected, within(0.005));
        }
    }

    // ---- dropout ----

    @Test
    void dropoutMasksAreInvertedAndKeepTheExpectation() {
        float p = 0.4f;
        float[] mask = Gru4RecTrainer.dropoutMask(new Random(5), p, 100, 200);
        double sum = 0;
        int zeros = 0;
        for (float v : mask) {
            assertThat(v == 0f || Math.abs(v - 1 / (1 - p)) < 1e-6).isTrue();
            zeros += v == 0f ? 1 : 0;
            sum += v;
        }
        assertThat(zeros / (double) mask.length).isCloseTo(p, within(0.02));
        assertThat(sum / mask.length).isCloseTo(1.0, within(0.03));
        trainAndCheck(small().with(DROPOUT_HIDDEN, 0.3f).with(DROPOUT_EMBEDDING, 0.2f).with(EPOCHS, 4), 0.7);
    }

    // ---- configuration ----

    @Test
    void parameterFilesLoadByNameAndUnknownKeysAreRefused() throws Exception {
        Gru4RecConfig rsc15 = Gru4RecConfig.defaults().with(Gru4RecConfig.loadParameters("rsc15"));
        assertThat(rsc15.loss()).isEqualTo(Gru4RecConfig.Loss.CROSS_ENTROPY);
        assertThat(rsc15.constrainedEmbedding()).isTrue();
        assertThat(rsc15.hiddenSize()).isEqualTo(100);
        assertThat(rsc15.batchSize()).isEqualTo(32);
        assertThat(rsc15.dropoutEmbedding()).isEqualTo(0f);
        assertThat(rsc15.dropoutHidden()).isEqualTo(0.4f);
        assertThat(rsc15.learningRate()).isEqualTo(0.2f);
        assertThat(rsc15.momentum()).isEqualTo(0.2f);
        assertThat(rsc15.nSample()).isEqualTo(2048);
        assertThat(rsc15.sampleAlpha()).isEqualTo(0.5);
        assertThat(rsc15.logq()).isEqualTo(1.0f);
        assertThat(rsc15.epochs()).isEqualTo(10);
        assertThat(rsc15.nesterov()).isFalse();
        Gru4RecConfig tuned = Gru4RecConfig.defaults().with(Gru4RecConfig.loadParameters("rsc15-tuned"));
        assertThat(tuned).isEqualTo(rsc15.with(DROPOUT_HIDDEN, 0.5f).with(LEARNING_RATE, 0.15f));
        for (String name : List.of("rsc15-bprmax", "nowplaying", "synthetic")) {
            assertThat(Gru4RecConfig.defaults().with(Gru4RecConfig.loadParameters(name))).isNotNull();
        }
        assertThat(Gru4RecConfig.defaults().with(Gru4RecConfig.loadParameters("rsc15-bprmax")).loss())
                .isEqualTo(Gru4RecConfig.Loss.BPR_MAX);
        Gru4RecConfig defaults = Gru4RecConfig.defaults();
        assertRefused(defaults, "hiden_size", "10", "not a gru4rec setting; did you mean hidden_size?");
        assertRefused(defaults, "dropout_hidden", "1", "must be from 0.0 up to, not including, 1.0");
        assertRefused(defaults, "batch_size", "1", "must be from 2 to");
        // the manifest's keys read back, floats to the bit
        assertThat(Gru4RecConfig.defaults().with(rsc15.asMap())).isEqualTo(rsc15);
        assertThat(rsc15.asMap()).containsEntry("learning_rate", "0.2").containsEntry("loss", "cross-entropy");
    }

    @Test
    void oneSettingChangesAtATimeTyped() {
        Gru4RecConfig c = Gru4RecConfig.defaults().with(EPOCHS, 2).with(SEED, 3L).with(HIDDEN_SIZE, 24)
                .with(EMBEDDING, 8);
        assertThat(Arrays.asList(c.epochs(), c.hiddenSize(), c.embeddingSize())).containsExactly(2, 24, 8);
        assertThat(c.seed()).isEqualTo(3);
    }
}
