package io.streamrec.trainer.gru4rec;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link OutputKernels} on the Vector API, the training hot path: C2 does not vectorise the plain loops, which makes
 * them about five times slower. Accumulators live in registers across the inner loop wherever the shapes allow,
 * because a load and a store per multiply-add, not the arithmetic, is what bounds these loops.
 */
final class VectorOutputKernels implements OutputKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = S.length();
    /** Rows per block of the hidden gradient: 48 rows' weights (H = 100) and gradients (B = 32) fit a 32 KB L1. */
    private static final int ROW_BLOCK = 48;

    private static final float LOG2_E = 1.44269504f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** 1.5·2^23: adding and subtracting it rounds a float of magnitude below 2^22 to the nearest integer. */
    private static final float ROUNDER = 12582912f;

    /**
     * Whether this CPU runs 256-bit float and int vectors natively (AVX2 on x86): elsewhere the Vector API falls back
     * to Java code far slower than the plain loops.
     */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256
                && IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    @Override
    public void logits(float[] weights, int width, long[] rows, int from, int to, float[] hiddenT, int batch,
                       float[] logitsT) {
        for (int u = from; u < to; u++) {
            int base = (int) rows[u] * width;
            int out = u * batch;
            for (int b = rowTimesMatrix(weights, base, width, hiddenT, batch, logitsT, out); b < batch; b++) {
                float sum = 0;
                for (int k = 0; k < width; k++) {
                    sum += weights[base + k] * hiddenT[k * batch + b];
                }
                logitsT[out + b] = sum;
            }
        }
    }

    /**
     * out[at + j] = Σ_t a[from + t]·m[t, j] for t &lt; rows of m [rows, columns] and j up to the last whole vector
     * of columns, four vectors of out held in registers while t runs; returns the first column it left undone.
     * Both the scores (a = an item row, m = the hidden outputs transposed) and the row gradients (a = a row's score
     * gradients, m = the hidden outputs) are this product.
     */
    private static int rowTimesMatrix(float[] a, int from, int rows, float[] m, int columns, float[] out, int at) {
        int j = 0;
        for (; j + 4 * L <= columns; j += 4 * L) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int t = 0; t < rows; t++) {
                FloatVector x = FloatVector.broadcast(S, a[from + t]);
                int row = t * columns + j;
                a0 = FloatVector.fromArray(S, m, row).fma(x, a0);
                a1 = FloatVector.fromArray(S, m, row + L).fma(x, a1);
                a2 = FloatVector.fromArray(S, m, row + 2 * L).fma(x, a2);
                a3 = FloatVector.fromArray(S, m, row + 3 * L).fma(x, a3);
            }
            a0.intoArray(out, at + j);
            a1.intoArray(out, at + j + L);
            a2.intoArray(out, at + j + 2 * L);
            a3.intoArray(out, at + j + 3 * L);
        }
        for (; j + L <= columns; j += L) {
            FloatVector sum = FloatVector.zero(S);
            for (int t = 0; t < rows; t++) {
                sum = FloatVector.fromArray(S, m, t * columns + j).fma(FloatVector.broadcast(S, a[from + t]), sum);
            }
            sum.intoArray(out, at + j);
        }
        return j;
    }

    @Override
    public void gradients(float[] weights, int width, long[] rows, int from, int to, float[] gradT,
                          float[] hiddenRows, int batch, float[] rowGrads, float[] hiddenGradT) {
        rowGradients(width, from, to, gradT, hiddenRows, batch, rowGrads);
        hiddenGradient(weights, width, rows, from, to, gradT, batch, hiddenGradT);
    }

    /** rowGrads[u] = Σ_b g[u, b]·hiddenRows[b]. */
    private static void rowGradients(int width, int from, int to, float[] gradT, float[] hiddenRows, int batch,
                                     float[] rowGrads) {
        // The columns past the last whole vector (5 of RSC15's 101) as dot products over b, from a transposed copy:
        // done one float at a time they cost as much as the other 96 columns.
        int tailStart = S.loopBound(width);
        float[] tailT = new float[(width - tailStart) * batch];
        for (int k = tailStart; k < width; k++) {
            for (int b = 0; b < batch; b++) {
                tailT[(k - tailStart) * batch + b] = hiddenRows[b * width + k];
            }
        }
        for (int u = from; u < to; u++) {
            int out = u * width;
            int g = u * batch;
            for (int k = rowTimesMatrix(gradT, g, batch, hiddenRows, width, rowGrads, out); k < width; k++) {
                rowGrads[out + k] = dot(gradT, g, tailT, (k - tailStart) * batch, batch);
            }
        }
    }

    /** Σ_i a[at + i]·b[bt + i] for i &lt; n. */
    private static float dot(float[] a, int at, float[] b, int bt, int n) {
        int end = S.loopBound(n);
        FloatVector sum = FloatVector.zero(S);
        int i = 0;
        for (; i < end; i += L) {
            sum = FloatVector.fromArray(S, a, at + i).fma(FloatVector.fromArray(S, b, bt + i), sum);
        }
        // lanes summed in a fixed order: the order of reduceLanes(ADD) is left open and may differ once compiled
        float[] lanes = sum.toArray();
        float total = 0;
        for (float lane : lanes) {
            total += lane;
        }
        for (; i < n; i++) {
            total += a[at + i] * b[bt + i];
        }
        return total;
    }

    /**
     * hiddenGradT[k, b] += Σ_u g[u, b]·weights[rows[u], k], as register tiles of two k by four vectors of b that run
     * down all the rows u: per row, four loads of g and two broadcasts feed eight multiply-adds.
     */
    private static void hiddenGradient(float[] weights, int width, long[] rows, int from, int to, float[] gradT,
                                       int batch, float[] hiddenGradT) {
        for (int start = from; start < to; start += ROW_BLOCK) {
            hiddenGradientBlock(weights, width, rows, start, Math.min(to, start + ROW_BLOCK), gradT, batch,
                    hiddenGradT);
        }
    }

    /** {@link #hiddenGradient} over rows few enough that their weights and gradients stay in L1 across all k. */
    private static void hiddenGradientBlock(float[] weights, int width, long[] rows, int from, int to, float[] gradT,
                                            int batch, float[] hiddenGradT) {
        int hidden = width - 1;
        int b = 0;
        for (; b + 4 * L <= batch; b += 4 * L) {
            int k = 0;
            for (; k + 2 <= hidden; k += 2) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                FloatVector c0 = a0;
                FloatVector c1 = a0;
                FloatVector c2 = a0;
                FloatVector c3 = a0;
                for (int u = from; u < to; u++) {
                    int g = u * batch + b;
                    int w = (int) rows[u] * width + k;
                    FloatVector g0 = FloatVector.fromArray(S, gradT, g);
                    FloatVector g1 = FloatVector.fromArray(S, gradT, g + L);
                    FloatVector g2 = FloatVector.fromArray(S, gradT, g + 2 * L);
                    FloatVector g3 = FloatVector.fromArray(S, gradT, g + 3 * L);
                    FloatVector w0 = FloatVector.broadcast(S, weights[w]);
                    FloatVector w1 = FloatVector.broadcast(S, weights[w + 1]);
                    a0 = g0.fma(w0, a0);
                    a1 = g1.fma(w0, a1);
                    a2 = g2.fma(w0, a2);
                    a3 = g3.fma(w0, a3);
                    c0 = g0.fma(w1, c0);
                    c1 = g1.fma(w1, c1);
                    c2 = g2.fma(w1, c2);
                    c3 = g3.fma(w1, c3);
                }
                int at = k * batch + b;
                addInto(hiddenGradT, at, a0, a1, a2, a3);
                addInto(hiddenGradT, at + batch, c0, c1, c2, c3);
            }
            for (; k < hidden; k++) {
                hiddenGradientColumn(weights, width, rows, from, to, gradT, batch, b, 4 * L, k, hiddenGradT);
            }
        }
        // Batches that are not a multiple of four vectors (48, 80, 144, 240 among the published settings) leave up to
        // three whole vectors of b: tiles of one vector by four k, so that only the last b < L run as plain loops,
        // whose strided walk down the rows is several times slower per multiply-add.
        for (; b + L <= batch; b += L) {
            int k = 0;
            for (; k + 4 <= hidden; k += 4) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int u = from; u < to; u++) {
                    FloatVector g = FloatVector.fromArray(S, gradT, u * batch + b);
                    int w = (int) rows[u] * width + k;
                    a0 = g.fma(FloatVector.broadcast(S, weights[w]), a0);
                    a1 = g.fma(FloatVector.broadcast(S, weights[w + 1]), a1);
                    a2 = g.fma(FloatVector.broadcast(S, weights[w + 2]), a2);
                    a3 = g.fma(FloatVector.broadcast(S, weights[w + 3]), a3);
                }
                int at = k * batch + b;
                FloatVector.fromArray(S, hiddenGradT, at).add(a0).intoArray(hiddenGradT, at);
                FloatVector.fromArray(S, hiddenGradT, at + batch).add(a1).intoArray(hiddenGradT, at + batch);
                FloatVector.fromArray(S, hiddenGradT, at + 2 * batch).add(a2).intoArray(hiddenGradT, at + 2 * batch);
                FloatVector.fromArray(S, hiddenGradT, at + 3 * batch).add(a3).intoArray(hiddenGradT, at + 3 * batch);
            }
            for (; k < hidden; k++) {
                hiddenGradientColumn(weights, width, rows, from, to, gradT, batch, b, L, k, hiddenGradT);
            }
        }
        for (; b < batch; b++) {
            for (int k = 0; k < hidden; k++) {
                hiddenGradientColumn(weights, width, rows, from, to, gradT, batch, b, 1, k, hiddenGradT);
            }
        }
    }

    private static void addInto(float[] target, int at, FloatVector a0, FloatVector a1, FloatVector a2,
                                FloatVector a3) {
        FloatVector.fromArray(S, target, at).add(a0).intoArray(target, at);
        FloatVector.fromArray(S, target, at + L).add(a1).intoArray(target, at + L);
        FloatVector.fromArray(S, target, at + 2 * L).add(a2).intoArray(target, at + 2 * L);
        FloatVector.fromArray(S, target, at + 3 * L).add(a3).intoArray(target, at + 3 * L);
    }

    /** hiddenGradT[k, b .. b + n) by plain loops: the odd k and the batch columns left over by the tiles. */
    private static void hiddenGradientColumn(float[] weights, int width, long[] rows, int from, int to, float[] gradT,
                                             int batch, int b, int n, int k, float[] hiddenGradT) {
        for (int j = b; j < b + n; j++) {
            float sum = 0;
            for (int u = from; u < to; u++) {
                sum += gradT[u * batch + j] * weights[(int) rows[u] * width + k];
            }
            hiddenGradT[k * batch + j] += sum;
        }
    }

    @Override
    public void adagrad(float[] weights, float[] accumulator, float[] velocity, int width, long[] rows, int from,
                        int to, float[] rowGrads, float learningRate, float momentum, boolean nesterov) {
        int vectorEnd = S.loopBound(width);
        for (int u = from; u < to; u++) {
            int base = (int) rows[u] * width;
            int in = u * width;
            int k = 0;
            for (; k < vectorEnd; k += L) {
                FloatVector g = FloatVector.fromArray(S, rowGrads, in + k);
                FloatVector sum = FloatVector.fromArray(S, accumulator, base + k).add(g.mul(g));
                sum.intoArray(accumulator, base + k);
                FloatVector step = g.mul(learningRate).div(sum.add(Adagrad.EPSILON).lanewise(VectorOperators.SQRT));
                if (velocity != null) {
                    FloatVector v = FloatVector.fromArray(S, velocity, base + k).mul(momentum).add(step);
                    v.intoArray(velocity, base + k);
                    step = nesterov ? step.add(v.mul(momentum)) : v;
                }
                FloatVector.fromArray(S, weights, base + k).sub(step).intoArray(weights, base + k);
            }
            PlainOutputKernels.adagradColumns(weights, accumulator, velocity, base, rowGrads, in, k, width,
                    learningRate, momentum, nesterov);
        }
    }

    @Override
    public double crossEntropy(float[] logitsT, int count, int batch, long[] targets, float[] shift, float eluParam,
                               float[] gradT) {
        float[] max = new float[batch];
        float[] sum = new float[batch];
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        int vectorEnd = S.loopBound(batch);
        // gradT holds z first, then exp(z - max), then the gradient
        for (int u = 0; u < count; u++) {
            int row = u * batch;
            FloatVector shiftU = FloatVector.broadcast(S, shift[u]);
            int b = 0;
            for (; b < vectorEnd; b += L) {
                FloatVector z = elu(FloatVector.fromArray(S, logitsT, row + b), eluParam).add(shiftU);
                z.intoArray(gradT, row + b);
                FloatVector.fromArray(S, max, b).max(z).intoArray(max, b);
            }
            for (; b < batch; b++) {
                float z = elu(logitsT[row + b], eluParam) + shift[u];
                gradT[row + b] = z;
                max[b] = Math.max(max[b], z);
            }
        }
        for (int u = 0; u < count; u++) {
            int row = u * batch;
            int b = 0;
            for (; b < vectorEnd; b += L) {
                FloatVector e = exp(FloatVector.fromArray(S, gradT, row + b).sub(FloatVector.fromArray(S, max, b)));
                e.intoArray(gradT, row + b);
                FloatVector.fromArray(S, sum, b).add(e).intoArray(sum, b);
            }
            for (; b < batch; b++) {
                float e = exp(gradT[row + b] - max[b]);
                gradT[row + b] = e;
                sum[b] += e;
            }
        }
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            int t = (int) targets[b];
            // −log softmax at the target = log Σ exp(z − max) − (z_t − max)
            loss += Math.log(sum[b]) - (elu(logitsT[t * batch + b], eluParam) + shift[t] - max[b]);
            sum[b] = 1 / sum[b];
        }
        for (int u = 0; u < count; u++) {
            int row = u * batch;
            int b = 0;
            for (; b < vectorEnd; b += L) {
                FloatVector g = FloatVector.fromArray(S, gradT, row + b).mul(FloatVector.fromArray(S, sum, b));
                if (eluParam > 0) {
                    FloatVector x = FloatVector.fromArray(S, logitsT, row + b);
                    g = g.blend(g.mul(exp(x).mul(eluParam)), x.compare(VectorOperators.LE, 0));
                }
                g.intoArray(gradT, row + b);
            }
            for (; b < batch; b++) {
                float g = gradT[row + b] * sum[b];
                float x = logitsT[row + b];
                gradT[row + b] = eluParam > 0 && x <= 0 ? g * eluParam * exp(x) : g;
            }
        }
        for (int b = 0; b < batch; b++) {
            int t = (int) targets[b] * batch + b;
            float x = logitsT[t];
            gradT[t] -= eluParam > 0 && x <= 0 ? eluParam * exp(x) : 1;
        }
        return loss;
    }

    /**
     * e^x for x ≤ 88, from additions, multiplications and fused multiply-adds only, so that it rounds the same in the
     * interpreter and in compiled code. ({@code lanewise(EXP)} is computed by the platform's vector maths library once
     * C2 has compiled a method and by {@link Math#exp} before, and the two differ in the last bits: that made two runs
     * with one seed diverge.) Cody–Waite reduction x = n·ln 2 + r with |r| ≤ ln 2 / 2, a degree-6 Taylor polynomial
     * for e^r (relative error about 2e-7), then 2^n put into the exponent bits; below −87 it returns e^−87 (≈ 1.6e-38)
     * rather than a subnormal, which no softmax here can tell from zero.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(-87f);
        FloatVector rounded = clamped.mul(LOG2_E).add(ROUNDER);
        FloatVector n = rounded.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HIGH), clamped);
        r = n.fma(FloatVector.broadcast(S, -LN2_LOW), r);
        FloatVector p = FloatVector.broadcast(S, 1f / 720);
        p = p.fma(r, FloatVector.broadcast(S, 1f / 120));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 24));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 6));
        p = p.fma(r, FloatVector.broadcast(S, 0.5f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        // n as an int without a conversion (which JDK 17 does not compile to vector code: 30 times slower): the low
        // bits of n + 1.5·2^23 are n offset by the bits of 1.5·2^23
        IntVector scale = rounded.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER) - 127)
                .lanewise(VectorOperators.LSHL, 23);
        return p.mul(scale.reinterpretAsFloats());
    }

    /** {@link #exp(FloatVector)} for one float, step for step: the scalar tails round exactly as the vector lanes. */
    static float exp(float x) {
        float clamped = Math.max(x, -87f);
        float rounded = clamped * LOG2_E + ROUNDER;
        float n = rounded - ROUNDER;
        float r = Math.fma(n, -LN2_HIGH, clamped);
        r = Math.fma(n, -LN2_LOW, r);
        float p = 1f / 720;
        p = Math.fma(p, r, 1f / 120);
        p = Math.fma(p, r, 1f / 24);
        p = Math.fma(p, r, 1f / 6);
        p = Math.fma(p, r, 0.5f);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        int exponent = Float.floatToRawIntBits(rounded) - (Float.floatToRawIntBits(ROUNDER) - 127);
        return p * Float.intBitsToFloat(exponent << 23);
    }

    private static FloatVector elu(FloatVector x, float alpha) {
        return alpha > 0 ? x.blend(exp(x).sub(1).mul(alpha), x.compare(VectorOperators.LE, 0))
                : x;
    }

    private static float elu(float x, float alpha) {
        return alpha > 0 && x <= 0 ? alpha * (exp(x) - 1) : x;
    }
}
