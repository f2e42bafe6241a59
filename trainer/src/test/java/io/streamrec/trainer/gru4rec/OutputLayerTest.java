package io.streamrec.trainer.gru4rec;

import static io.streamrec.trainer.gru4rec.Gru4RecConfig.LEARNING_RATE;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.MOMENTUM;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.NESTEROV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GRU4Rec's output layer outside autograd: the Vector API kernels against the plain loops, and the whole layer
 * (scores, cross-entropy, gradients, Adagrad) against libtorch's autograd and the engine-side {@link Adagrad}.
 */
class OutputLayerTest {
    private static final OutputKernels PLAIN = new PlainOutputKernels();
    private static final OutputKernels VECTOR = new VectorOutputKernels();

    @Test
    void theTestJvmHasTheVectorModuleSoTrainingUsesTheVectorKernels() {
        // surefire passes --add-modules jdk.incubator.vector, as the launcher does; without it every training test
        // below would silently exercise the plain loops only
        assertThat(OutputKernels.best()).isInstanceOf(VectorOutputKernels.class);
    }

    /**
     * Shapes: RSC15's (32 × 101), a batch and width that fill no vector, a batch of five vectors, and batches with
     * both whole vectors and a tail (20, 35), and batches of whole vectors past the four-vector tiles (48 and 80, as
     * published settings use, and 59 with a tail as well).
     */
    @ParameterizedTest
    @CsvSource({"32, 101, 700", "7, 17, 50", "40, 34, 129", "20, 101, 300", "35, 9, 60", "48, 37, 90", "80, 23, 70",
        "59, 30, 40"})
    void vectorKernelsGiveThePlainLoopsFigures(int batch, int width, int count) {
        Random random = new Random(batch * 31L + width);
        int items = count * 2 + 3;
        float[] weights = randoms(random, items * width, 0.5f);
        long[] rows = distinctRows(random, items, count);
        float[] hiddenT = new float[width * batch];
        float[] hiddenRows = new float[batch * width];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < width; k++) {
                float v = k == width - 1 ? 1 : random.nextFloat() * 2 - 1;
                hiddenT[k * batch + b] = v;
                hiddenRows[b * width + k] = v;
            }
        }
        // a sub-range, to pin that a kernel touches exactly the positions it is given
        int from = 3;
        int to = count - 2;
        float[] plainLogits = new float[count * batch];
        float[] vectorLogits = new float[count * batch];
        PLAIN.logits(weights, width, rows, from, to, hiddenT, batch, plainLogits);
        VECTOR.logits(weights, width, rows, from, to, hiddenT, batch, vectorLogits);
        assertClose(vectorLogits, plainLogits, 1e-5f);
        assertThat(plainLogits[0]).isZero();
        assertThat(plainLogits[from * batch]).isNotZero();

        float[] shift = randoms(random, count, 2f);
        long[] targets = new long[batch];
        for (int b = 0; b < batch; b++) {
            targets[b] = random.nextInt(count);
        }
        for (float elu : new float[] {0f, 0.5f}) {
            float[] plainGrad = new float[count * batch];
            float[] vectorGrad = new float[count * batch];
            double plainLoss = PLAIN.crossEntropy(plainLogits, count, batch, targets, shift, elu, plainGrad);
            double vectorLoss = VECTOR.crossEntropy(plainLogits, count, batch, targets, shift, elu, vectorGrad);
            assertThat(vectorLoss).isCloseTo(plainLoss, within(1e-4 * Math.abs(plainLoss)));
            assertClose(vectorGrad, plainGrad, 1e-6f);
        }

        float[] gradT = randoms(random, count * batch, 0.1f);
        float[] plainRows = new float[count * width];
        float[] vectorRows = new float[count * width];
        float[] plainHidden = new float[(width - 1) * batch];
        float[] vectorHidden = new float[(width - 1) * batch];
        PLAIN.gradients(weights, width, rows, from, to, gradT, hiddenRows, batch, plainRows, plainHidden);
        VECTOR.gradients(weights, width, rows, from, to, gradT, hiddenRows, batch, vectorRows, vectorHidden);
        assertClose(vectorRows, plainRows, 1e-5f);
        assertClose(vectorHidden, plainHidden, 1e-5f);

        for (float momentum : new float[] {0f, 0.3f}) {
            for (boolean nesterov : new boolean[] {true, false}) {
                float[] plainWeights = weights.clone();
                float[] vectorWeights = weights.clone();
                float[] plainSum = randoms(random, weights.length, 1f);
                for (int i = 0; i < plainSum.length; i++) {
                    plainSum[i] = Math.abs(plainSum[i]); // a sum of squares
                }
                float[] vectorSum = plainSum.clone();
                float[] plainVelocity = momentum > 0 ? randoms(random, weights.length, 0.1f) : null;
                float[] vectorVelocity = momentum > 0 ? plainVelocity.clone() : null;
                PLAIN.adagrad(plainWeights, plainSum, plainVelocity, width, rows, from, to, plainRows, 0.2f, momentum,
                        nesterov);
                VECTOR.adagrad(vectorWeights, vectorSum, vectorVelocity, width, rows, from, to, plainRows, 0.2f,
                        momentum, nesterov);
                // the same operations in the same order, lane by lane: equal to the bit
                assertThat(Arrays.mismatch(vectorWeights, plainWeights)).as("first differing weight").isEqualTo(-1);
                assertThat(Arrays.mismatch(vectorSum, plainSum)).as("first differing sum").isEqualTo(-1);
                if (momentum > 0) {
                    assertThat(Arrays.mismatch(vectorVelocity, plainVelocity)).as("first differing velocity")
                            .isEqualTo(-1);
                }
                // rows outside [from, to) untouched
                int outside = (int) rows[0] * width;
                assertThat(plainWeights[outside]).isEqualTo(weights[outside]);
                assertThat(Arrays.equals(plainWeights, weights)).isFalse();
            }
        }
    }

    @Test
    void theVectorExpIsWithinTwoMillionthsOfMathExpAndFlushesBelowMinus87() {
        float[] xs = new float[8];
        for (float start = -87f; start < 88f; start += 8 * 0.0137f) {
            for (int i = 0; i < 8; i++) {
                xs[i] = start + i * 0.0137f;
            }
            float[] e = VectorOutputKernels.exp(jdk.incubator.vector.FloatVector.fromArray(
                    jdk.incubator.vector.FloatVector.SPECIES_256, xs, 0)).toArray();
            for (int i = 0; i < 8; i++) {
                double expected = Math.exp(xs[i]);
                assertThat((double) e[i]).as("exp(%s)", xs[i]).isCloseTo(expected, within(2e-6 * expected));
            }
        }
        float[] low = VectorOutputKernels.exp(jdk.incubator.vector.FloatVector.broadcast(
                jdk.incubator.vector.FloatVector.SPECIES_256, -200f)).toArray();
        assertThat(low[0]).isPositive().isLessThan(2e-38f);
    }

    /**
     * The vector exp is pure arithmetic, so it rounds alike interpreted and compiled: bit for bit its scalar twin,
     * the same reduction and polynomial one float at a time, which the scalar tails use. (The platform's
     * {@code lanewise(EXP)} fails this, and made two runs with one seed train different models once C2 had compiled
     * the kernel part-way through the first epoch.)
     */
    @Test
    void theVectorExpIsBitForBitItsScalarTwin() {
        Random random = new Random(5);
        float[] xs = new float[8];
        for (int round = 0; round < 2000; round++) {
            for (int i = 0; i < 8; i++) {
                xs[i] = (random.nextFloat() * 2 - 1) * (round % 2 == 0 ? 90f : 3f);
            }
            float[] e = VectorOutputKernels.exp(jdk.incubator.vector.FloatVector.fromArray(
                    jdk.incubator.vector.FloatVector.SPECIES_256, xs, 0)).toArray();
            for (int i = 0; i < 8; i++) {
                if (xs[i] <= 88f) {
                    assertThat(e[i]).as("exp(%s)", xs[i]).isEqualTo(VectorOutputKernels.exp(xs[i]));
                }
            }
        }
    }

    @Test
    void crossEntropyWithLogqMatchesAHandComputation() {
        // Two rows, columns = items {1, 2, 3}; row 0's target is column 0, row 1's column 1; column 2 was sampled twice
        float[][] o = {{1.0f, 0.5f, -0.2f}, {0.3f, 2.0f, 0.1f}};
        double[] count = {1, 1, 2};
        double[] q = {0.5, 0.3, 0.2};
        double logq = 1.0;
        double expected = 0;
        double[][] softmax = new double[2][3];
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                softmax[r][c] = count[c] * Math.exp(o[r][c] - logq * Math.log(q[c]));
                sum += softmax[r][c];
            }
            for (int c = 0; c < 3; c++) {
                softmax[r][c] /= sum;
            }
            expected += -(o[r][r] - logq * Math.log(q[r])) + Math.log(sum);
        }
        float[] logitsT = new float[6];
        float[] shift = new float[3];
        for (int c = 0; c < 3; c++) {
            shift[c] = (float) (Math.log(count[c]) - logq * Math.log(q[c]));
            for (int r = 0; r < 2; r++) {
                logitsT[c * 2 + r] = o[r][c];
            }
        }
        for (OutputKernels kernels : new OutputKernels[] {PLAIN, VECTOR}) {
            float[] gradT = new float[6];
            double loss = kernels.crossEntropy(logitsT, 3, 2, new long[] {0, 1}, shift, 0f, gradT);
            // the distinct-column form drops the constant Σ log count(target) = 0 here
            assertThat(loss).isCloseTo(expected, within(1e-5));
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    assertThat((double) gradT[c * 2 + r]).isCloseTo(softmax[r][c] - (r == c ? 1 : 0), within(1e-6));
                }
            }
        }
    }

    /**
     * One step of the layer against autograd: scores [h, 1]·W_rowsᵀ, cross-entropy (with ELU, shift and targets),
     * gradients of the rows and of h, GRU-input gradients added to a candidate row and to an input-only row, then the
     * row update against {@link Adagrad#updateRows} with either momentum. Batch 11 and width 21 run both the vector
     * lanes and the tails of every kernel.
     */
    @ParameterizedTest
    @CsvSource({"0.0, true, true", "0.0, true, false", "0.0, false, false", "0.7, true, true"})
    void oneStepMatchesAutogradAndTheEngineAdagrad(float elu, boolean vector, boolean nesterov) {
        int items = 40;
        int hidden = 20;
        int width = hidden + 1;
        int batch = 11;
        int candidates = 10;
        Random random = new Random(11);
        float[] weights = randoms(random, (items + 1) * width, 0.8f);
        long[] rows = distinctRows(random, items, 14); // positions 10..13 stand for input-only rows
        for (int i = 0; i < rows.length; i++) {
            rows[i]++; // never the padding row
        }
        long[] targets = new long[batch];
        for (int b = 0; b < batch; b++) {
            targets[b] = random.nextInt(candidates);
        }
        float[] shift = randoms(random, candidates, 1f);
        float[] h = randoms(random, batch * hidden, 1f);
        float[] inputGrad = randoms(random, 2 * hidden, 1f);
        int[] inputPositions = {2, 12};
        Gru4RecConfig config = Gru4RecConfig.defaults().with(LEARNING_RATE, 0.3f).with(MOMENTUM, 0.2f)
                .with(NESTEROV, nesterov);
        OutputLayer layer = new OutputLayer(weights.clone(), hidden, batch, config, vector ? VECTOR : PLAIN,
                RowHalves.sequential());

        float[] logits = layer.logits(h, rows, candidates).clone();
        double loss = layer.crossEntropy(candidates, targets, shift, elu);
        float[] hGrad = layer.backward(rows, candidates, rows.length, layer.scoreGradients()).clone();
        for (int i = 0; i < inputPositions.length; i++) {
            layer.addInputGradient(inputPositions[i], inputGrad, i * hidden);
        }
        layer.update(rows, rows.length);

        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray table = m.create(weights, new Shape(items + 1, width));
            NDArray index = m.create(rows);
            NDArray rowLeaf = table.get(new NDIndex("{}", index));
            rowLeaf.setRequiresGradient(true);
            NDArray hLeaf = m.create(h, new Shape(batch, hidden));
            hLeaf.setRequiresGradient(true);
            NDArray expectedLoss;
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray scores = hLeaf.concat(m.ones(new Shape(batch, 1)), 1)
                        .matMul(rowLeaf.get(":" + candidates).transpose());
                assertClose(scores.transpose().toFloatArray(), logits, 1e-5f);
                NDArray activated = elu > 0 ? Activation.elu(scores, elu) : scores;
                expectedLoss = activated.add(m.create(shift)).logSoftmax(1)
                        .gather(m.create(targets, new Shape(batch, 1)), 1).sum().neg();
                // the gradient is that of the rows' mean loss; the GRU side's gradients for the two input rows are
                // added as the trainer adds them
                NDArray total = expectedLoss.div(batch);
                for (int i = 0; i < inputPositions.length; i++) {
                    int p = inputPositions[i];
                    total = total.add(rowLeaf.get(p + ":" + (p + 1) + ", :" + hidden)
                            .mul(m.create(Arrays.copyOfRange(inputGrad, i * hidden, (i + 1) * hidden),
                                    new Shape(1, hidden))).sum());
                }
                collector.backward(total);
            }
            assertThat(loss).isCloseTo(expectedLoss.getFloat(), within(1e-4));
            assertClose(hGrad, hLeaf.getGradient().toFloatArray(), 1e-5f);

            Adagrad adagrad = new Adagrad(0.3f, 0.2f, nesterov);
            try (Adagrad.Slot slot = adagrad.slot(m, table)) {
                adagrad.updateRows(table, index, rowLeaf.stopGradient().duplicate(), rowLeaf.getGradient(), slot);
            }
            assertClose(layer.weights(), table.toFloatArray(), 1e-5f);
            // a row the step did not use keeps its values, and so do the input-only rows without a gradient (10, 11,
            // 13); the candidates and the input row given a gradient (12) moved
            int unused = 1;
            while (contains(rows, unused)) {
                unused++;
            }
            assertThat(layer.weights()[unused * width]).isEqualTo(weights[unused * width]);
            for (int p = 0; p < rows.length; p++) {
                int at = (int) rows[p] * width;
                if (p < candidates || p == 12) {
                    assertThat(layer.weights()[at]).as("row at %d", p).isNotEqualTo(weights[at]);
                } else {
                    assertThat(layer.weights()[at]).as("row at %d", p).isEqualTo(weights[at]);
                }
            }
        }
    }

    /**
     * A step wide enough to be split ({@link RowHalves#splits}) gives bit for bit the same scores, gradients and
     * updated weights whether its halves run on two threads or one after the other, and the figures of the unsplit
     * kernels within float rounding (the hidden gradient's partial sums are added in another order).
     */
    @Test
    void aSplitStepIsTheSameOnOneThreadOrTwoAndMatchesTheWholePass() {
        int hidden = 255;
        int width = hidden + 1;
        int batch = 64;
        int items = 3000;
        int count = 1100;
        assertThat(RowHalves.splits(count, batch, width)).isTrue();
        assertThat(RowHalves.splits(1350, 32, 101)).as("RSC15's step stays whole").isFalse();
        Random random = new Random(5);
        float[] weights = randoms(random, (items + 1) * width, 0.1f);
        long[] rows = distinctRows(random, items, count);
        for (int i = 0; i < rows.length; i++) {
            rows[i]++;
        }
        long[] targets = new long[batch];
        for (int b = 0; b < batch; b++) {
            targets[b] = random.nextInt(count);
        }
        float[] shift = randoms(random, count, 1f);
        float[] h = randoms(random, batch * hidden, 1f);
        Gru4RecConfig config = Gru4RecConfig.defaults().with(LEARNING_RATE, 0.1f).with(MOMENTUM, 0.3f);

        float[][] results = new float[2][];
        float[][] hiddenGrads = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (OutputLayer layer = new OutputLayer(weights.clone(), hidden, batch, config, VECTOR,
                    run == 0 ? RowHalves.forMachine() : RowHalves.sequential())) {
                layer.logits(h, rows, count);
                layer.crossEntropy(count, targets, shift, 0f);
                hiddenGrads[run] = layer.backward(rows, count, count, layer.scoreGradients()).clone();
                layer.update(rows, count);
                results[run] = layer.weights();
            }
        }
        // (Arrays.mismatch: AssertJ's containsExactly diffs arrays this long in quadratic time)
        assertThat(Arrays.mismatch(hiddenGrads[0], hiddenGrads[1])).as("first differing hidden gradient").isEqualTo(-1);
        assertThat(Arrays.mismatch(results[0], results[1])).as("first differing weight").isEqualTo(-1);
        assertThat(Arrays.mismatch(results[0], weights)).as("the step moved the weights").isNotEqualTo(-1);

        // the whole pass, straight through the kernels
        float[] hiddenT = new float[width * batch];
        float[] hiddenRows = new float[batch * width];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < hidden; k++) {
                hiddenT[k * batch + b] = h[b * hidden + k];
                hiddenRows[b * width + k] = h[b * hidden + k];
            }
            hiddenT[hidden * batch + b] = 1;
            hiddenRows[b * width + hidden] = 1;
        }
        float[] logitsT = new float[count * batch];
        VECTOR.logits(weights, width, rows, 0, count, hiddenT, batch, logitsT);
        float[] gradT = new float[count * batch];
        VECTOR.crossEntropy(logitsT, count, batch, targets, shift, 0f, gradT);
        for (int i = 0; i < gradT.length; i++) {
            gradT[i] /= batch;
        }
        float[] rowGrads = new float[count * width];
        float[] hiddenGradT = new float[hidden * batch];
        VECTOR.gradients(weights, width, rows, 0, count, gradT, hiddenRows, batch, rowGrads, hiddenGradT);
        float[] whole = new float[batch * hidden];
        for (int k = 0; k < hidden; k++) {
            for (int b = 0; b < batch; b++) {
                whole[b * hidden + k] = hiddenGradT[k * batch + b];
            }
        }
        assertClose(hiddenGrads[0], whole, 1e-6f);
    }

    private static boolean contains(long[] values, long value) {
        for (long v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static long[] distinctRows(Random random, int items, int count) {
        long[] rows = new long[count];
        boolean[] used = new boolean[items];
        for (int i = 0; i < count; i++) {
            int r;
            do {
                r = random.nextInt(items);
            } while (used[r]);
            used[r] = true;
            rows[i] = r;
        }
        return rows;
    }

    private static float[] randoms(Random random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return v;
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            float scale = Math.max(1, Math.abs(expected[i]));
            assertThat(actual[i]).as("index %d", i).isCloseTo(expected[i], within(tolerance * scale));
        }
    }
}
