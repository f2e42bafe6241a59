package io.streamrec.trainer.useritem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.data.InteractionsBuilder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RatingFoldsTest {

    private static Interactions ratings(int n) {
        InteractionsBuilder b = new InteractionsBuilder();
        for (int r = 0; r < n; r++) {
            // the time encodes the row, so each test row can be traced back to one original row
            b.add("u" + (r % 7), "i" + (r % 11), 1 + r % 5, r);
        }
        return b.build();
    }

    @Test
    void everyRatingIsTestedExactlyOnceAndNeverTrainedOnInItsOwnFold() {
        Interactions data = ratings(103);
        List<RatingFolds.Fold> folds = RatingFolds.of(data, 5, 42);
        Set<Long> tested = new HashSet<>();
        for (RatingFolds.Fold fold : folds) {
            assertThat(fold.test().size()).isBetween(20, 21);
            assertThat(fold.train().size() + fold.test().size()).isEqualTo(103);
            Set<Long> train = new HashSet<>();
            for (long t : fold.train().timesMs()) {
                train.add(t);
            }
            for (long t : fold.test().timesMs()) {
                assertThat(train).doesNotContain(t);
                assertThat(tested.add(t)).as("row %d tested twice", t).isTrue();
            }
            assertThat(fold.train().userIds()).isEqualTo(data.userIds());
        }
        assertThat(tested).hasSize(103);
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndAnotherSeedOthers() {
        Interactions data = ratings(50);
        assertThat(RatingFolds.of(data, 5, 1).get(0).test()).isEqualTo(RatingFolds.of(data, 5, 1).get(0).test());
        assertThat(RatingFolds.of(data, 5, 1).get(0).test()).isNotEqualTo(RatingFolds.of(data, 5, 2).get(0).test());
    }

    @Test
    void refusesFoldCountsThatCannotSplit() {
        assertThatThrownBy(() -> RatingFolds.of(ratings(3), 5, 1)).hasMessageContaining("folds must be");
        assertThatThrownBy(() -> RatingFolds.of(ratings(30), 1, 1)).hasMessageContaining("folds must be");
    }

    @Test
    void errorsAreRootMeanSquareAndMeanAbsolute() {
        Interactions test = new InteractionsBuilder().add("a", "x", 4, 0).add("a", "y", 2, 1).build();
        RatingErrors e = RatingErrors.of((u, i) -> 3f, test);
        assertThat(e.rmse()).isEqualTo(1.0);
        assertThat(e.mae()).isEqualTo(1.0);
        RatingErrors off = RatingErrors.of((u, i) -> i == 0 ? 4f : 5f, test);
        assertThat(off.rmse()).isEqualTo(Math.sqrt(4.5));
        assertThat(off.mae()).isEqualTo(1.5);
    }
}
