package io.streamrec.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticSessionsTest {
    private static final SyntheticSessions.Config CONFIG = new SyntheticSessions.Config(300, 5000, 11);

    @Test
    void theSameSeedGivesTheSameSessionsAndAnotherSeedDifferentOnes() {
        SessionDataset first = SyntheticSessions.generate(CONFIG);
        SessionDataset again = SyntheticSessions.generate(CONFIG);
        SessionDataset other = SyntheticSessions.generate(new SyntheticSessions.Config(300, 5000, 12));

        assertThat(again.sessions()).isEqualTo(first.sessions());
        assertThat(other.sessions()).isNotEqualTo(first.sessions());
    }

    @Test
    void theMostFrequentSuccessorOfAnItemIsOneOfItsPreferredSuccessors() {
        SyntheticSessions generator = new SyntheticSessions(CONFIG);
        Map<String, Map<String, Integer>> transitions = new HashMap<>();
        for (Session s : generator.sessions().sessions()) {
            for (int i = 0; i + 1 < s.length(); i++) {
                transitions.computeIfAbsent(s.items().get(i), k -> new HashMap<>())
                        .merge(s.items().get(i + 1), 1, Integer::sum);
            }
        }
        int judged = 0;
        int preferred = 0;
        for (Map.Entry<String, Map<String, Integer>> e : transitions.entrySet()) {
            int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            if (total < 20) {
                continue;
            }
            String top = e.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            judged++;
            if (generator.preferredSuccessors(Integer.parseInt(e.getKey().substring(1))).contains(top)) {
                preferred++;
            }
        }
        // By chance a given successor would be one of the 3 preferred among 300 items 1% of the time.
        assertThat(judged).isGreaterThan(50);
        assertThat((double) preferred / judged).isGreaterThan(0.95);
    }

    @Test
    void aClickFollowsOneOfItsItemsPreferredSuccessorsAboutThreeTimesInFour() {
        SyntheticSessions generator = new SyntheticSessions(CONFIG);
        long transitions = 0;
        long toPreferred = 0;
        for (Session s : generator.sessions().sessions()) {
            for (int i = 0; i + 1 < s.length(); i++) {
                transitions++;
                int from = Integer.parseInt(s.items().get(i).substring(1));
                if (generator.preferredSuccessors(from).contains(s.items().get(i + 1))) {
                    toPreferred++;
                }
            }
        }
        // followProbability 0.75, plus popularity draws that land on a successor by chance (about 1%)
        assertThat((double) toPreferred / transitions).isBetween(0.73, 0.79);
    }

    @Test
    void sessionsHaveTwoToFifteenClicksAboutFiveOnAverageFiveToHundredTwentySecondsApart() {
        SessionDataset data = SyntheticSessions.generate(CONFIG);

        assertThat(data.sessions()).hasSize(5000)
                .allSatisfy(s -> assertThat(s.length()).isBetween(2, SyntheticSessions.MAX_LENGTH));
        double meanLength = (double) data.eventCount() / data.sessions().size();
        assertThat(meanLength).isBetween(4.5, 5.5);
        for (Session s : data.sessions()) {
            assertThat(s.sessionId()).matches("s\\d+");
            assertThat(s.items()).allSatisfy(item -> assertThat(item).matches("i\\d+"));
            for (int i = 1; i < s.length(); i++) {
                assertThat(s.timestampsMs().get(i) - s.timestampsMs().get(i - 1)).isBetween(5_000L, 120_000L);
            }
        }
        long firstStart = data.sessions().get(0).startTime();
        long lastStart = data.sessions().get(data.sessions().size() - 1).startTime();
        assertThat(lastStart - firstStart).isGreaterThan(6L * 24 * 3600 * 1000);
    }

    @Test
    void popularityIsSkewedTowardsLowItemNumbers() {
        Map<String, Long> counts = SyntheticSessions.generate(CONFIG).itemCounts();

        assertThat(counts.getOrDefault("i0", 0L)).isGreaterThan(5 * counts.getOrDefault("i250", 1L));
    }
}
