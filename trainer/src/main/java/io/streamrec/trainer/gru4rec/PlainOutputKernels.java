package io.streamrec.trainer.gru4rec;

/**
 * {@link OutputKernels} as plain loops: the reference the vector kernels are tested against, and the fallback on a
 * JVM started without {@code --add-modules jdk.incubator.vector} (about five times slower there, as C2 does not
 * vectorise these loops).
 */
final class PlainOutputKernels implements OutputKernels {
    @Override
    public void logits(float[] weights, int width, long[] rows, int from, int to, float[] hiddenT, int batch,
                       float[] logitsT) {
        for (int u = from; u < to; u++) {
            int base = (int) rows[u] * width;
            for (int b = 0; b < batch; b++) {
                float sum = 0;
                for (int k = 0; k < width; k++) {
                    sum += weights[base + k] * hiddenT[k * batch + b];
                }
                logitsT[u * batch + b] = sum;
            }
        }
    }

    @Override
    public void gradients(float[] weights, int width, long[] rows, int from, int to, float[] gradT,
                          float[] hiddenRows, int batch, float[] rowGrads, float[] hiddenGradT) {
        int hidden = width - 1;
        for (int u = from; u < to; u++) {
            int base = (int) rows[u] * width;
            int out = u * width;
            for (int k = 0; k < width; k++) {
                rowGrads[out + k] = 0;
            }
            for (int b = 0; b < batch; b++) {
                float g = gradT[u * batch + b];
                for (int k = 0; k < width; k++) {
                    rowGrads[out + k] += g * hiddenRows[b * width + k];
                }
                for (int k = 0; k < hidden; k++) {
                    hiddenGradT[k * batch + b] += g * weights[base + k];
                }
            }
        }
    }

    @Override
    public void adagrad(float[] weights, float[] accumulator, float[] velocity, int width, long[] rows, int from,
                        int to, float[] rowGrads, float learningRate, float momentum, boolean nesterov) {
        for (int u = from; u < to; u++) {
            adagradColumns(weights, accumulator, velocity, (int) rows[u] * width, rowGrads, u * width, 0, width,
                    learningRate, momentum, nesterov);
        }
    }

    /**
     * Adagrad with momentum on columns {@code [fromK, toK)} of the table row at {@code base} from the gradient row at
     * {@code in}; also the vector kernel's tail past its last whole vector.
     */
    static void adagradColumns(float[] weights, float[] accumulator, float[] velocity, int base, float[] rowGrads,
                               int in, int fromK, int toK, float learningRate, float momentum, boolean nesterov) {
        for (int k = fromK; k < toK; k++) {
            float g = rowGrads[in + k];
            float sum = accumulator[base + k] + g * g;
            accumulator[base + k] = sum;
            float step = learningRate * g / (float) Math.sqrt(sum + Adagrad.EPSILON);
            if (velocity != null) {
                float v = momentum * velocity[base + k] + step;
                velocity[base + k] = v;
                step = nesterov ? step + momentum * v : v;
            }
            weights[base + k] -= step;
        }
    }

    @Override
    public double crossEntropy(float[] logitsT, int count, int batch, long[] targets, float[] shift, float eluParam,
                               float[] gradT) {
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int u = 0; u < count; u++) {
                max = Math.max(max, elu(logitsT[u * batch + b], eluParam) + shift[u]);
            }
            float sum = 0;
            for (int u = 0; u < count; u++) {
                float e = (float) Math.exp(elu(logitsT[u * batch + b], eluParam) + shift[u] - max);
                gradT[u * batch + b] = e;
                sum += e;
            }
            int t = (int) targets[b];
            loss += Math.log(sum) - (elu(logitsT[t * batch + b], eluParam) + shift[t] - max);
            for (int u = 0; u < count; u++) {
                float x = logitsT[u * batch + b];
                float g = gradT[u * batch + b] / sum - (u == t ? 1 : 0);
                gradT[u * batch + b] = eluParam > 0 && x <= 0 ? g * eluParam * (float) Math.exp(x) : g;
            }
        }
        return loss;
    }

    private static float elu(float x, float alpha) {
        return alpha > 0 && x <= 0 ? alpha * ((float) Math.exp(x) - 1) : x;
    }
}
