package io.streamrec.streams.lines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrafficSplitTest {

    private static Map<String, Integer> route(TrafficSplit split, int sessions) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < sessions; i++) {
            counts.merge(split.lineFor("session-" + i), 1, Integer::sum);
        }
        return counts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru4rec=50,caser=50", "a=20,b=30,c=50"})
    void tenThousandSessionsFollowTheWeightsToWithinThreePercent(String plan) {
        List<LineShare> shares = ServingPlan.parse(plan, null).split();
        int total = shares.stream().mapToInt(LineShare::weight).sum();
        Map<String, Integer> counts = route(new TrafficSplit(shares), 10_000);
        assertThat(counts).hasSize(shares.size());
        for (LineShare share : shares) {
            int expected = 10_000 * share.weight() / total;
            assertThat(counts.get(share.line())).as(share.line()).isBetween(expected - 300, expected + 300);
        }
    }

    @Test
    void theSameSessionGoesToTheSameLineInEverySplitBuiltFromTheSamePlan() {
        // Two instances, or one before and after a restart, build their own split from the same plan.
        TrafficSplit one = new TrafficSplit(List.of(new LineShare("gru4rec", 1), new LineShare("caser", 1)));
        TrafficSplit other = new TrafficSplit(ServingPlan.parse("gru4rec=50,caser=50", null).split());
        for (int i = 0; i < 1_000; i++) {
            assertThat(other.lineFor("s" + i)).isEqualTo(one.lineFor("s" + i));
        }
    }

    @Test
    void routesArePinnedSoThatAnUpgradeKeepsRunningExperimentsIntact() {
        TrafficSplit split = new TrafficSplit(ServingPlan.parse("gru4rec=50,caser=50", null).split());
        assertThat(List.of("s-1", "s-2", "s-3", "s-4", "user:u-9").stream().map(split::lineFor).toList())
                .isEqualTo(PINNED);
    }

    private static final List<String> PINNED = List.of("gru4rec", "caser", "caser", "caser", "caser");

    @Test
    void movingTheWeightsMovesOnlyTheSessionsBetweenTheOldAndTheNewBoundary() {
        TrafficSplit before = new TrafficSplit(ServingPlan.parse("a=50,b=50", null).split());
        TrafficSplit after = new TrafficSplit(ServingPlan.parse("a=60,b=40", null).split());
        int moved = 0;
        for (int i = 0; i < 10_000; i++) {
            String was = before.lineFor("session-" + i);
            String is = after.lineFor("session-" + i);
            if (!was.equals(is)) {
                assertThat(was + "->" + is).isEqualTo("b->a");
                moved++;
            }
        }
        assertThat(moved).isBetween(700, 1_300);
    }

    @Test
    void aLineWithWeightZeroGetsNoSessionAndASingleLineGetsThemAll() {
        assertThat(route(new TrafficSplit(ServingPlan.parse("a=0,b=1", null).split()), 1_000))
                .isEqualTo(Map.of("b", 1_000));
        assertThat(route(new TrafficSplit(ServingPlan.single("gru4rec").split()), 100))
                .isEqualTo(Map.of("gru4rec", 100));
    }

    @Test
    void plansParseFromTheCommandLineFormAndRefuseWhatCannotServe() {
        ServingPlan plan = ServingPlan.parse(" gru4rec=60 , caser=40 ", "sasrec");
        assertThat(plan.split()).containsExactly(new LineShare("gru4rec", 60), new LineShare("caser", 40));
        assertThat(plan.lines()).containsExactly("gru4rec", "caser", "sasrec");
        assertThat(plan.primaryLine()).isEqualTo("gru4rec");
        assertThat(plan.splitSpec()).isEqualTo("gru4rec=60,caser=40");
        assertThat(ServingPlan.parse("gru4rec", "").shadowLine()).isEmpty();
        assertThat(ServingPlan.parse("a,b", null).split()).containsExactly(new LineShare("a", 1), new LineShare("b", 1));

        assertThatThrownBy(() -> ServingPlan.parse("a=1,a=2", null)).hasMessageContaining("twice");
        assertThatThrownBy(() -> ServingPlan.parse("a=1,b=1", "b")).hasMessageContaining("both in the split and");
        assertThatThrownBy(() -> ServingPlan.parse("a=half", null)).hasMessageContaining("not a whole-number weight");
        assertThatThrownBy(() -> ServingPlan.parse("a=0", null)).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> ServingPlan.parse("a=-1,b=2", null)).hasMessageContaining("negative");
        assertThatThrownBy(() -> ServingPlan.parse(" , ", null)).hasMessageContaining("at least one");
    }
}
