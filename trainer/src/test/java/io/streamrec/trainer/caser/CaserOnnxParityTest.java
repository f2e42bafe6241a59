package io.streamrec.trainer.caser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.SessionQuery;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.TensorRole;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.trainer.eval.holdout.HoldoutProtocol;
import io.streamrec.trainer.eval.holdout.HoldoutSplit;
import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CaserOnnxParityTest {
    private static HoldoutSplit split;
    private static CaserModel model;
    private static ModelBundle bundle;

    @BeforeAll
    static void train() {
        split = HoldoutSplit.of(CaserTrainingTest.cyclingUsers(60, 11), HoldoutProtocol.paper());
        int[] users = new int[split.userCount()];
        Arrays.setAll(users, u -> u + 1);
        // tanh on the convolutions and sigmoid on the fully connected layer, to exercise the other operators too
        CaserConfig config = CaserTrainingTest.small(3).with(Map.of("conv_activation", "tanh",
                "fc_activation", "sigmoid", "unknown_user_rate", "0.3"));
        model = new CaserTrainer(config, line -> { })
                .train(split.train(), users, split.itemCount(), split.userCount(), e -> { });
        bundle = CaserOnnxExporter.export(model, split.itemIds(), split.userIds(), "caser", 1, Map.of());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void onnxRuntimeReproducesTheTrainedScoresForEveryWindowLengthAndForKnownAndUnknownUsers() {
        List<int[]> samples = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (int row = 0; row < 40; row++) {
            int[] history = split.train().get(row % split.userCount());
            // lengths 1..7: shorter than L (padded), exactly L, and longer (cut to the last L)
            int length = 1 + row % 7;
            samples.add(Arrays.copyOfRange(history, history.length - length, history.length));
            users.add(row % 3 == 0 ? null : row % 3 == 1 ? split.userIds().get(row % split.userCount()) : "stranger");
        }
        ParityReport report = OnnxParityCheck.check(model::scores, bundle, samples, users);
        assertThat(report.rows()).isEqualTo(40);
        assertThat(report.longestSequence()).isEqualTo(5);
        assertThat(report.maxAbsDifference()).isLessThan(1e-4);
    }

    @Test
    void theBundleDeclaresTheUserInputAndCarriesTheUserVocabulary() {
        assertThat(bundle.manifest().kind()).isEqualTo("caser");
        assertThat(bundle.manifest().sequenceLength()).isEqualTo(5);
        assertThat(bundle.manifest().input(TensorRole.USER_INDEX)).isPresent();
        assertThat(bundle.manifest().inputs()).extracting(t -> t.name())
                .containsExactly("item_ids", "lengths", "user_ids");
        assertThat(bundle.users()).isEqualTo(split.userIds());
        assertThat(bundle.manifest().training()).containsEntry("conv_activation", "tanh")
                .containsEntry("sequence_length", "5");
    }

    @Test
    void aKnownUserGetsOtherRecommendationsThanTheUnknownUserForTheSameItems() throws Exception {
        int[] history = split.train().get(0);
        int[] window = Arrays.copyOfRange(history, history.length - 2, history.length);
        float[] known = model.scores(window, 1);
        float[] unknown = model.scores(window, 0);
        assertThat(known).isNotEqualTo(unknown);
        List<String> items = Arrays.stream(window).mapToObj(i -> split.itemIds().get(i - 1)).toList();
        try (OnnxModel onnx = OnnxModel.load(bundle, ScoringOptions.cpu())) {
            assertThat(onnx.usesUser()).isTrue();
            List<List<RecommendedItem>> served = onnx.recommendQueries(List.of(
                    new SessionQuery(items, split.userIds().get(0)), new SessionQuery(items, null)));
            assertThat(served.get(0).get(0).score()).isCloseTo(max(known), org.assertj.core.data.Offset.offset(1e-4f));
            assertThat(served.get(1).get(0).score()).isCloseTo(max(unknown),
                    org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void aShortWindowIsPaddedInFrontExactlyAsTheTrainerLaysItOut() {
        long[] laidOut = new long[5];
        CaserModel.window(new int[] {7, 8, 9}, 2, 5, laidOut, 0);
        assertThat(laidOut).containsExactly(0, 0, 0, 7, 8);
        CaserModel.window(new int[] {1, 2, 3, 4, 5, 6, 7}, 7, 5, laidOut, 0);
        assertThat(laidOut).containsExactly(3, 4, 5, 6, 7);
    }

    @Test
    void theCheckRefusesAnExportWhoseUserVectorDiffersFromTheTrainedOne() {
        // Skew user 1's vector in the exported graph only (through a detached view: the parameter requires grad).
        float[] original = CaserModel.values(model.users);
        try (ai.djl.ndarray.NDArray detached = model.users.stopGradient();
             ai.djl.ndarray.NDArray userRow = detached.get(1).duplicate()) {
            ai.djl.ndarray.index.NDIndex row = new ai.djl.ndarray.index.NDIndex(1);
            detached.set(row, userRow.add(3f));
            ModelBundle skewed = CaserOnnxExporter.export(model, split.itemIds(), split.userIds(), "caser", 1,
                    Map.of());
            detached.set(row, userRow);
            List<int[]> samples = List.of(split.train().get(0), split.train().get(0));
            // the unknown user's row is untouched: that row still agrees
            assertThat(OnnxParityCheck.check(model::scores, skewed, samples.subList(0, 1),
                    java.util.Collections.singletonList(null)).maxAbsDifference()).isLessThan(1e-4);
            assertThatThrownBy(() -> OnnxParityCheck.check(model::scores, skewed, samples,
                    List.of(split.userIds().get(0), split.userIds().get(0))))
                    .isInstanceOf(OnnxParityCheck.ParityException.class);
        }
        assertThat(CaserModel.values(model.users)).containsExactly(original);
    }

    private static float max(float[] scores) {
        float best = Float.NEGATIVE_INFINITY;
        for (int i = 1; i < scores.length; i++) {
            best = Math.max(best, scores[i]);
        }
        return best;
    }
}
