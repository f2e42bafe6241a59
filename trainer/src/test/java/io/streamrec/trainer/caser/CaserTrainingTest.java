package io.streamrec.trainer.caser;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.eval.holdout.HoldoutEvaluator;
import io.streamrec.trainer.eval.holdout.HoldoutMetrics;
import io.streamrec.trainer.eval.holdout.HoldoutProtocol;
import io.streamrec.trainer.eval.holdout.HoldoutSplit;
import io.streamrec.trainer.pipeline.HoldoutRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaserTrainingTest {
    static final int ITEMS = 30;

    /**
     * Users who walk a cycle of {@link #ITEMS} items (i → i + 1) from a random start, 15 to 25 steps: what a user
     * interacts with next is fully determined by the last items, while every item is about equally popular.
     */
    static SessionDataset cyclingUsers(int users, long seed) {
        Random random = new Random(seed);
        List<Session> sessions = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int length = 15 + random.nextInt(11);
            int start = random.nextInt(ITEMS);
            List<String> items = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                items.add("m" + ((start + i) % ITEMS));
                times.add(1_000L * i);
            }
            sessions.add(new Session("user" + u, items, times));
        }
        return SessionDataset.of(sessions);
    }

    /** Small and quick: d 16, 2 vertical and 4 horizontal filters per height, batch 64, Adam at 0.01. */
    static CaserConfig small(int epochs) {
        return CaserConfig.defaults().with(Map.of("embedding_size", "16", "vertical_filters", "2",
                "horizontal_filters", "4", "dropout", "0.2", "batch_size", "64", "learning_rate", "0.01",
                "epochs", Integer.toString(epochs), "top_k", "10"));
    }

    @Test
    void theLossFallsAndCaserBeatsPopularityUnderThePerUserProtocol() {
        HoldoutSplit split = HoldoutSplit.of(cyclingUsers(80, 7), HoldoutProtocol.paper());
        HoldoutRun.Result result = HoldoutRun.run(new CaserFamily(), small(8).asMap(), split, line -> { }, 0);
        List<EpochStats> epochs = result.epochs();
        assertThat(epochs).hasSize(8);
        assertThat(epochs.get(7).meanLoss()).isLessThan(epochs.get(0).meanLoss() * 0.6);
        assertThat(epochs.get(0).events()).isEqualTo(split.train().stream()
                .mapToInt(t -> Math.max(0, t.length - 5 - 3 + 1)).sum());

        HoldoutMetrics popularity = HoldoutEvaluator.evaluate(split, HoldoutEvaluator.popularity(split));
        HoldoutMetrics caser = result.metrics();
        assertThat(caser.users()).isEqualTo(popularity.users()).isEqualTo(80);
        // the next items of a cycle follow from the last ones: Caser puts them first; popularity cannot
        assertThat(caser.precision(1)).isGreaterThan(0.9);
        assertThat(caser.map()).isGreaterThan(0.8).isGreaterThan(popularity.map() + 0.4);
        assertThat(caser.recall(10)).isGreaterThan(popularity.recall(10));
    }
}
