package io.streamrec.trainer.eval.holdout;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldoutSplitTest {
    /** Users from pairs (id, "space-separated items in time order"); timestamps 1, 2, 3, ... */
    static SessionDataset users(String... pairs) {
        List<Session> sessions = new ArrayList<>();
        for (int p = 0; p < pairs.length; p += 2) {
            List<String> items = Arrays.asList(pairs[p + 1].split(" "));
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                times.add(1000L * (i + 1));
            }
            sessions.add(new Session(pairs[p], items, times));
        }
        return SessionDataset.of(sessions);
    }

    static HoldoutSplit split(SessionDataset data, int k, double fraction) {
        return HoldoutSplit.of(data, new HoldoutProtocol(k, fraction, false));
    }

    private static List<String> ids(HoldoutSplit split, int[] indices) {
        return Arrays.stream(indices).mapToObj(i -> split.itemIds().get(i - 1)).toList();
    }

    @Test
    void theCoreFilterRemovesUsersAndItemsUntilEveryOneHasKInteractions() {
        SessionDataset data = users(
                "u1", "a b c",
                "u2", "a b c",
                "u3", "a b d",
                "u4", "a c x");
        SessionDataset core = CoreFilter.apply(data, 3);
        // round 1: d and x (one interaction each) go, so u3 and u4 drop to two items and go;
        // round 2: a, b and c are left with two interactions each and go, and with them u1 and u2
        assertThat(core.sessions()).isEmpty();

        SessionDataset stable = users("u1", "a b c", "u2", "a b c", "u3", "a b c d", "u4", "a b c");
        // d goes (1 interaction); everyone keeps at least 3, every item has 4: a fixed point after one round
        assertThat(CoreFilter.apply(stable, 3).sessions()).hasSize(4)
                .allSatisfy(s -> assertThat(s.items()).containsExactly("a", "b", "c"));
    }

    @Test
    void eachUserTrainsOnTheFirstEightyPercentInTimeOrderAndIsTestedOnTheRest() {
        SessionDataset data = users(
                "u1", "a b c d e f g h i j",
                "u2", "j i h g f e d c b a");
        HoldoutSplit split = split(data, 1, 0.8);
        assertThat(split.userIds()).containsExactly("u1", "u2");
        assertThat(ids(split, split.train().get(0))).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
        // i and j appear in u2's training part, so they have indices and stay in u1's test part
        assertThat(ids(split, split.test().get(0))).containsExactly("i", "j");
        assertThat(ids(split, split.test().get(1))).containsExactly("b", "a");
        assertThat(split.trainInteractions()).isEqualTo(16);
        assertThat(split.testInteractions()).isEqualTo(4);
    }

    @Test
    void testItemsNoTrainingSequenceContainsAreDroppedAndSoAreRepeatsOfTheUsersOwnItems() {
        SessionDataset data = users(
                "u1", "a b c d e",
                "u2", "d e b d z");   // d repeats u2's own training item; z appears in no training part
        HoldoutSplit split = split(data, 1, 0.6);
        // d and e are u2's training items, so they have indices; u1 never had them
        assertThat(ids(split, split.test().get(0))).containsExactly("d", "e");
        assertThat(split.test().get(1)).isEmpty();
        assertThat(split.itemIds()).containsExactly("b", "a", "c", "d", "e"); // most trained-on first, ties by id
        assertThat(split.itemCounts()).containsExactly(0f, 2f, 1f, 1f, 1f, 1f);
    }

    @Test
    void theValidationSplitHoldsOutTheLastEighthOfTheTrainingPartAndNeverReadsTheTestPart() {
        // 20 interactions: 16 train, 4 test; validation: the 16 split 14 / 2
        String sequence = "i01 i02 i03 i04 i05 i06 i07 i08 i09 i10 i11 i12 i13 i14 i15 i16 i17 i18 i19 i20";
        SessionDataset data = users("u1", sequence, "u2", sequence);
        HoldoutSplit validation = HoldoutSplit.of(data, new HoldoutProtocol(1, 0.8, true));
        assertThat(ids(validation, validation.train().get(0))).hasSize(14).endsWith("i14");
        assertThat(ids(validation, validation.test().get(0))).isEmpty(); // u2 trains on the same 14 only
        assertThat(validation.itemIds()).doesNotContain("i15", "i16", "i17", "i20");

        HoldoutSplit other = HoldoutSplit.of(users("u1", sequence, "u2", "i15 i16 i01 i02 i03 i04 i05 i06"),
                new HoldoutProtocol(1, 0.8, true));
        assertThat(ids(other, other.test().get(0))).containsExactly("i15", "i16");
    }

    @Test
    void trainCountsAreTheFloorOfTheShareAndNeverZero() {
        assertThat(HoldoutProtocol.trainCount(5, 0.8)).isEqualTo(4);
        assertThat(HoldoutProtocol.trainCount(20, 0.8)).isEqualTo(16);
        assertThat(HoldoutProtocol.trainCount(24, 0.8)).isEqualTo(19);
        assertThat(HoldoutProtocol.trainCount(1, 0.8)).isEqualTo(1);
        assertThat(HoldoutProtocol.trainCount(16, 1 - HoldoutProtocol.VALIDATION_SHARE)).isEqualTo(14);
    }
}
