package io.streamrec.trainer.useritem;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.TensorRole;
import io.streamrec.schemas.bundle.TensorSpec;
import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.ParameterFile;
import io.streamrec.trainer.family.ProgressListener;
import io.streamrec.trainer.family.TrainingContext;
import io.streamrec.trainer.mf.MfFamily;
import io.streamrec.trainer.pipeline.TrainingResult;
import io.streamrec.trainer.pipeline.UserItemPipeline;
import io.streamrec.trainer.pipeline.UserItemRequest;
import io.streamrec.trainer.svdpp.SvdppFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The biased factor families (MF, SVD++) on {@link PlantedRatings}: each learns the planted structure, folds an
 * anonymous session in, and exports a graph that ONNX Runtime runs as the trained model.
 */
class FactorFamiliesTest {
    private static final Map<String, String> SMALL = Map.of("factors", "4", "epochs", "40", "learning_rate", "0.02",
            "regularisation", "0.02", "sequence_length", "5", "top_k", "10");

    static Stream<UserItemFamily> families() {
        return Stream.of(new MfFamily(), new SvdppFamily());
    }

    /**
     * Trained on four fifths of the ratings: the training loss falls, the held-out RMSE is well below the bias
     * baseline's (the taste interaction is learnt, not only the offsets), and the fold-in of an anonymous session of
     * one genre's items ranks that genre's items first.
     */
    @ParameterizedTest
    @MethodSource("families")
    void learnsThePlantedTastesAndFoldsAnAnonymousSessionIn(UserItemFamily family) {
        Interactions data = PlantedRatings.generate(7);
        RatingFolds.Fold fold = RatingFolds.of(data, 5, 3).get(0);
        List<EpochStats> epochs = new ArrayList<>();
        try (UserItemModel model = family.fit(fold.train(), family.settings().resolve(SMALL),
                new TrainingContext(line -> { }, ProgressListener.NONE, epochs::add,
                        TrainingContext.EpochHook.NONE))) {
            assertThat(epochs).hasSize(40);
            assertThat(epochs.get(39).meanLoss()).as("training loss falls").isLessThan(epochs.get(0).meanLoss() / 2);

            double rmse = RatingErrors.of(model, fold.test()).rmse();
            double bias = RatingErrors.of(RatingBaselines.biases(fold.train()), fold.test()).rmse();
            assertThat(rmse).as("held-out RMSE against the bias baseline's %.3f", bias).isLessThan(bias * 0.7);

            for (int genre = 0; genre < 2; genre++) {
                int[] session = itemsOf(fold.train(), genre).limit(3).toArray();
                float[] scores = new float[fold.train().itemCount()];
                model.scoreSession(session, scores);
                assertThat(meanScore(fold.train(), scores, genre))
                        .as("a session of genre %d scores that genre first", genre)
                        .isGreaterThan(meanScore(fold.train(), scores, 1 - genre) + 0.5);
            }
        }
    }

    /**
     * Through the pipeline train runs: held out, measured beside both baselines, exported with the training users,
     * and proved against ONNX Runtime for known users and anonymous sessions of every length 1..L.
     */
    @ParameterizedTest
    @MethodSource("families")
    void theExportedGraphServesKnownUsersAndAnonymousSessionsAsTheTrainedModel(UserItemFamily family) {
        Interactions data = PlantedRatings.generate(11);
        List<String> log = new ArrayList<>();

        TrainingResult result = UserItemPipeline.run(family, new UserItemRequest(data, SMALL, "line", 3, 5),
                log::add, ProgressListener.NONE);

        assertThat(result.parity().rows()).isEqualTo(64);
        assertThat(result.parity().longestSequence()).isEqualTo(5);
        assertThat(result.parity().maxAbsDifference()).isLessThan(1e-4);
        assertThat(log).anyMatch(line -> line.contains("known and unknown users"));
        ModelBundle bundle = result.bundle();
        assertThat(bundle.users()).isEqualTo(data.userIds());
        assertThat(bundle.items()).isEqualTo(data.itemIds());
        assertThat(bundle.manifest().kind()).isEqualTo(family.kind());
        assertThat(bundle.manifest().topK()).isEqualTo(10);
        assertThat(bundle.manifest().inputs()).extracting(TensorSpec::role).contains(TensorRole.USER_INDEX,
                TensorRole.ITEM_SEQUENCE, TensorRole.SEQUENCE_LENGTH);
        assertThat(result.metrics()).containsKeys("rmse", "mae", "global-mean.rmse", "bias.rmse");
        assertThat(result.metrics().get("rmse")).isLessThan(result.metrics().get("bias.rmse"));
    }

    /** The MovieLens 100k parameter file kept with the trainer reads under the family's settings, ranges included. */
    @ParameterizedTest
    @MethodSource("families")
    void theMovieLensParameterFileResolves(UserItemFamily family) {
        Map<String, String> file = ParameterFile.load(family.kind(), "ml100k");

        assertThat(family.settings().resolve(file).asStrings()).containsAllEntriesOf(file);
    }

    private static IntStream itemsOf(Interactions data, int genre) {
        return IntStream.range(0, data.itemCount()).filter(i -> PlantedRatings.group(data.itemIds().get(i)) == genre);
    }

    private static double meanScore(Interactions data, float[] scores, int genre) {
        return itemsOf(data, genre).mapToDouble(i -> scores[i]).average().orElseThrow();
    }
}
