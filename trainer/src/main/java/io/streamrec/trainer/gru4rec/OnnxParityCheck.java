package io.streamrec.trainer.gru4rec;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.InvalidBundleException;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Proves an exported bundle before it is published: ONNX Runtime, through the same {@link OnnxModel} the streams app
 * serves with, must return the trained model's top-K items in the trained model's order, with its scores.
 *
 * <p>Two items whose trained scores differ by less than {@link #TIE_TOLERANCE} may come out in either order (float
 * summation order differs between the engines); anything else is a failure.
 */
public final class OnnxParityCheck {
    static final double SCORE_TOLERANCE = 1e-4;
    static final double TIE_TOLERANCE = 1e-5;

    private OnnxParityCheck() {
    }

    /** Thrown when ONNX Runtime and the trained model disagree. */
    public static final class ParityException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParityException(String message) {
            super(message);
        }
    }

    /**
     * @param sessions sample sessions as item indices; only their last L items are compared, as serving uses them
     */
    public static ParityReport check(Gru4RecModel model, ModelBundle bundle, List<int[]> sessions) {
        int length = bundle.manifest().sequenceLength();
        int k = bundle.manifest().topK();
        double maxDifference = 0;
        try (OnnxModel onnx = OnnxModel.load(bundle, ScoringOptions.cpu())) {
            for (int[] full : sessions) {
                int[] session = Arrays.copyOfRange(full, Math.max(0, full.length - length), full.length);
                float[] trained = Gru4RecEvaluator.scoresAfter(model, session);
                List<String> raw = new ArrayList<>(session.length);
                for (int index : session) {
                    raw.add(bundle.items().get(index - 1));
                }
                List<RecommendedItem> served = onnx.recommend(raw);
                Integer[] expected = topK(trained, k);
                if (served.size() != k) {
                    throw new ParityException("ONNX Runtime returned " + served.size() + " items, expected " + k);
                }
                for (int j = 0; j < k; j++) {
                    int servedIndex = onnx.vocabulary().indexOf(served.get(j).itemId());
                    float servedScore = served.get(j).score();
                    double difference = Math.abs(servedScore - trained[expected[j]]);
                    maxDifference = Math.max(maxDifference, difference);
                    double tolerance = SCORE_TOLERANCE * Math.max(1, Math.abs(trained[expected[j]]));
                    if (difference > tolerance) {
                        throw new ParityException(String.format("position %d: ONNX Runtime scores %.6f, trained model"
                                + " %.6f (session %s)", j + 1, servedScore, trained[expected[j]], Arrays.toString(session)));
                    }
                    if (servedIndex != expected[j]
                            && Math.abs(trained[servedIndex] - trained[expected[j]]) > TIE_TOLERANCE) {
                        throw new ParityException(String.format("position %d: ONNX Runtime ranks item %d, the trained"
                                + " model item %d (session %s)", j + 1, servedIndex, expected[j], Arrays.toString(session)));
                    }
                }
            }
        } catch (InvalidBundleException e) {
            throw new ParityException("ONNX Runtime refused the exported bundle: " + e.getMessage());
        } catch (ai.onnxruntime.OrtException e) {
            throw new ParityException("ONNX Runtime failed on the exported graph: " + e.getMessage());
        }
        return new ParityReport(sessions.size(), maxDifference);
    }

    private static Integer[] topK(float[] scores, int k) {
        Integer[] order = new Integer[scores.length - 1];
        for (int i = 0; i < order.length; i++) {
            order[i] = i + 1;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return Arrays.copyOf(order, k);
    }
}
