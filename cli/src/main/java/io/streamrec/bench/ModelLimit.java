package io.streamrec.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.bundle.TensorSpec;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The model's own limit: the bundle's graph run through {@link OrtSession} directly, one intra-op thread as the app
 * runs it, with the input tensors built once per batch size and reused, so nothing but the graph is timed. GRU4Rec
 * is timed on its step graph (one item per session on the stored state: what the app runs per event); other kinds
 * on their sequence graph (the session's last L items). Events per second = batch / seconds per call.
 */
final class ModelLimit {
    /** Untimed calls per batch size: the first runs are slower (allocation, first-touch of the weights). */
    private static final int WARM_UP_CALLS = 2;
    private static final int MIN_CALLS = 3;
    /**
     * Each batch size is timed in this many rounds and the fastest round counts: the limit is what the graph allows,
     * and a round slowed by another process on the machine says nothing about the graph.
     */
    private static final int ROUNDS = 3;

    private ModelLimit() {
    }

    /** Times every batch size for at least {@code minSeconds} in all ({@value #ROUNDS} rounds, the fastest counts). */
    static ModelLimitResult measure(ModelBundle bundle, List<Integer> batchSizes, double minSeconds)
            throws OrtException {
        ModelManifest manifest = bundle.manifest();
        boolean step = manifest.step().isPresent() && bundle.stepModel() != null;
        byte[] graph = step ? bundle.stepModel() : bundle.onnxModel();
        List<TensorSpec> inputs = step ? manifest.step().orElseThrow().inputs() : manifest.inputs();
        int stateSize = step ? manifest.step().orElseThrow().stateSize() : 0;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<ModelLimitResult.BatchFigure> figures = new ArrayList<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // As OnnxModel sets them for the app.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(graph, options)) {
                for (int batch : batchSizes) {
                    figures.add(time(env, session, inputs, manifest, stateSize, step, batch, minSeconds));
                }
            }
        }
        return ModelLimitResult.of(step ? "step" : "sequence", figures);
    }

    private static ModelLimitResult.BatchFigure time(OrtEnvironment env, OrtSession session, List<TensorSpec> inputs,
                                                     ModelManifest manifest, int stateSize, boolean step, int batch,
                                                     double minSeconds) throws OrtException {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            Random random = new Random(batch);
            for (TensorSpec input : inputs) {
                feed.put(input.name(), tensor(env, input, manifest, stateSize, step, batch, random));
            }
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                run(session, feed);
            }
            ModelLimitResult.BatchFigure best = null;
            for (int round = 0; round < ROUNDS; round++) {
                long calls = 0;
                long started = System.nanoTime();
                long elapsed;
                do {
                    run(session, feed);
                    calls++;
                    elapsed = System.nanoTime() - started;
                } while (calls < MIN_CALLS || elapsed < minSeconds / ROUNDS * 1e9);
                ModelLimitResult.BatchFigure figure = ModelLimitResult.BatchFigure.of(batch, calls, elapsed / 1e9);
                if (best == null || figure.eventsPerSecond() > best.eventsPerSecond()) {
                    best = figure;
                }
            }
            return best;
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static void run(OrtSession session, Map<String, OnnxTensor> feed) throws OrtException {
        try (OrtSession.Result ignored = session.run(feed)) {
            // Only the call is timed; the outputs (K items and scores per row) are not read.
        }
    }

    /** One input filled by its role: valid item indices, full-length sessions, the unknown user, a zero state. */
    private static OnnxTensor tensor(OrtEnvironment env, TensorSpec input, ModelManifest manifest, int stateSize,
                                     boolean step, int batch, Random random) throws OrtException {
        return switch (input.role()) {
            case ITEM_SEQUENCE -> {
                int length = step ? 1 : manifest.sequenceLength();
                long[] ids = new long[batch * length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = 1 + random.nextInt(manifest.itemCount());
                }
                yield OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {batch, length});
            }
            case SEQUENCE_LENGTH -> {
                long[] lengths = new long[batch];
                java.util.Arrays.fill(lengths, manifest.sequenceLength());
                yield OnnxTensor.createTensor(env, LongBuffer.wrap(lengths), new long[] {batch});
            }
            case USER_INDEX -> OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch]), new long[] {batch});
            case RECURRENT_STATE -> OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[batch * stateSize]),
                    new long[] {batch, stateSize});
            default -> throw new IllegalArgumentException("input " + input.name() + " has an output role "
                    + input.role());
        };
    }
}
