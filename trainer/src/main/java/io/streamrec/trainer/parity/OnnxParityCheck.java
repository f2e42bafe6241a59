package io.streamrec.trainer.parity;

import ai.onnxruntime.OrtException;
import io.streamrec.model.ItemVocabulary;
import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.SessionQuery;
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
    /** Sample rows a family's parity check compares: enough to cover every length 1..L for any L up to it. */
    public static final int SAMPLE_ROWS = 64;
    public static final double SCORE_TOLERANCE = 1e-4;
    public static final double TIE_TOLERANCE = 1e-5;

    private OnnxParityCheck() {
    }

    /** Thrown when ONNX Runtime and the trained model disagree. */
    public static final class ParityException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ParityException(String message) {
            super(message);
        }

        public ParityException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@value #SAMPLE_ROWS} samples, as {@link #samples(List, int, int)}: what every family's parity check uses. */
    public static List<int[]> samples(List<int[]> sessions, int length) {
        return samples(sessions, SAMPLE_ROWS, length);
    }

    /**
     * Sample sequences for {@link #check}: {@code rows} rows of lengths cycling through 1..{@code length} (so one of
     * full length L whenever {@code rows >= length}), cut from the sessions laid end to end. Crossing a session
     * boundary does not matter here: parity is about the two engines agreeing on any input.
     */
    public static List<int[]> samples(List<int[]> sessions, int rows, int length) {
        int available = sessions.stream().mapToInt(s -> s.length).sum();
        List<int[]> samples = new ArrayList<>(rows);
        if (available == 0) {
            return samples;
        }
        int session = 0;
        int position = 0;
        for (int row = 0; row < rows; row++) {
            int[] sample = new int[Math.min(available, 1 + row % length)];
            for (int i = 0; i < sample.length; i++) {
                while (position >= sessions.get(session).length) {
                    session = (session + 1) % sessions.size();
                    position = 0;
                }
                sample[i] = sessions.get(session)[position++];
            }
            samples.add(sample);
        }
        return samples;
    }

    /**
     * Runs {@code samples} (item indices) through ONNX Runtime in one batch, so rows of mixed lengths exercise the
     * graph's padding and {@code sequence_lens}, and compares each row with the trained model. Like serving, each
     * sample is cut to its last L items. Anonymous: graphs that take a user get the unknown user.
     *
     * @throws ParityException on the first disagreement
     */
    public static ParityReport check(TrainedScorer model, ModelBundle bundle, List<int[]> samples) {
        return check(model, bundle, samples, java.util.Collections.nCopies(samples.size(), null));
    }

    /**
     * As {@link #check(TrainedScorer, ModelBundle, List)}, row {@code i} scored for user {@code users.get(i)} (a raw
     * user id of the bundle, or null for an anonymous session), mapped to an index as serving maps it.
     */
    public static ParityReport check(TrainedScorer model, ModelBundle bundle, List<int[]> samples, List<String> users) {
        if (users.size() != samples.size()) {
            throw new IllegalArgumentException(users.size() + " users for " + samples.size() + " samples");
        }
        int length = bundle.manifest().sequenceLength();
        int k = bundle.manifest().topK();
        List<int[]> windows = new ArrayList<>(samples.size());
        List<SessionQuery> rows = new ArrayList<>(samples.size());
        for (int row = 0; row < samples.size(); row++) {
            int[] sample = samples.get(row);
            if (sample.length < 1) {
                throw new IllegalArgumentException("parity samples need at least one item");
            }
            int[] window = Arrays.copyOfRange(sample, Math.max(0, sample.length - length), sample.length);
            windows.add(window);
            rows.add(new SessionQuery(Arrays.stream(window).mapToObj(index -> bundle.items().get(index - 1)).toList(),
                    users.get(row)));
        }
        List<List<RecommendedItem>> served;
        ItemVocabulary vocabulary;
        int[] userIndices = new int[rows.size()];
        try (OnnxModel onnx = OnnxModel.load(bundle, ScoringOptions.cpu())) {
            served = onnx.recommendQueries(rows);
            vocabulary = onnx.vocabulary();
            for (int row = 0; row < rows.size(); row++) {
                userIndices[row] = onnx.userIndex(rows.get(row).userId());
            }
        } catch (InvalidBundleException e) {
            throw new ParityException("ONNX Runtime refused the exported bundle: " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new ParityException("ONNX Runtime failed on the exported graph: " + e.getMessage(), e);
        }
        double maxDifference = 0;
        int longest = 0;
        for (int row = 0; row < windows.size(); row++) {
            int[] sample = windows.get(row);
            longest = Math.max(longest, sample.length);
            maxDifference = Math.max(maxDifference,
                    compareRow(model.scores(sample, userIndices[row]), served.get(row), vocabulary, k, sample));
        }
        return new ParityReport(samples.size(), longest, maxDifference);
    }

    /** The largest score difference in one row; throws where order or scores disagree beyond tolerance. */
    private static double compareRow(float[] trained, List<RecommendedItem> served, ItemVocabulary vocabulary, int k,
                                     int[] sample) {
        if (served.size() != k) {
            throw new ParityException("ONNX Runtime returned " + served.size() + " items, expected " + k);
        }
        Integer[] expected = topK(trained, k);
        double maxDifference = 0;
        for (int j = 0; j < k; j++) {
            int servedIndex = vocabulary.indexOf(served.get(j).itemId());
            float servedScore = served.get(j).score();
            float trainedScore = trained[expected[j]];
            double difference = Math.abs(servedScore - trainedScore);
            maxDifference = Math.max(maxDifference, difference);
            if (difference > SCORE_TOLERANCE * Math.max(1, Math.abs(trainedScore))) {
                throw new ParityException(String.format("position %d: ONNX Runtime scores %.6f, trained model %.6f"
                        + " (sequence %s)", j + 1, servedScore, trainedScore, Arrays.toString(sample)));
            }
            // Near-equal scores may legitimately come out in either order: the engines sum in different orders.
            if (servedIndex != expected[j] && Math.abs(trained[servedIndex] - trainedScore) > TIE_TOLERANCE) {
                throw new ParityException(String.format("position %d: ONNX Runtime ranks item %d, the trained model"
                        + " item %d (sequence %s)", j + 1, servedIndex, expected[j], Arrays.toString(sample)));
            }
        }
        return maxDifference;
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
