package io.streamrec.streams.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InputProgressTest {
    private static final TopicPartition EVENTS_0 = new TopicPartition("streamrec-events", 0);
    private static final Duration STALL = Duration.ofSeconds(60);
    private final InputProgress progress = new InputProgress();

    @Test
    void aPartitionWhoseCommittedOffsetMovesNeverStalls() {
        for (int second = 0; second <= 300; second += 5) {
            assertThat(progress.update(Map.of(EVENTS_0, new InputProgress.Offsets(second * 10L, second * 10L + 500,
                    second * 10L + 500)), second * 1000L, STALL)).isEmpty();
        }
    }

    @Test
    void aPartitionWithNothingToReadNeverStallsHoweverLongItIsQuiet() {
        for (int second = 0; second <= 300; second += 5) {
            assertThat(progress.update(Map.of(EVENTS_0, new InputProgress.Offsets(42, 42, 42)), second * 1000L, STALL))
                    .isEmpty();
        }
    }

    @Test
    void recordsWaitingBehindAnUnmovingOffsetStallOnceTheLimitHasPassed() {
        InputProgress.Offsets stuck = new InputProgress.Offsets(100, 150, 150);
        assertThat(progress.update(Map.of(EVENTS_0, stuck), 0, STALL)).isEmpty();
        assertThat(progress.update(Map.of(EVENTS_0, stuck), 59_000, STALL)).isEmpty();
        assertThat(progress.update(Map.of(EVENTS_0, stuck), 60_000, STALL)).singleElement()
                .satisfies(s -> assertThat(s.describe()).isEqualTo(
                        "input streamrec-events-0: 50 records waiting, committed offset 100 unchanged for 60 s"));
        // it moves again: the clock starts over
        assertThat(progress.update(Map.of(EVENTS_0, new InputProgress.Offsets(101, 150, 150)), 61_000, STALL))
                .isEmpty();
    }

    @Test
    void aStallBehindAnOpenTransactionSaysSo() {
        // read-committed: the app has read up to the last stable offset; the open transaction holds the rest
        InputProgress.Offsets held = new InputProgress.Offsets(120, 122, 120);
        progress.update(Map.of(EVENTS_0, held), 0, STALL);
        assertThat(progress.update(Map.of(EVENTS_0, held), 306_000, STALL)).singleElement()
                .satisfies(s -> assertThat(s.describe()).contains("unchanged for 306 s")
                        .endsWith("(behind a transaction left open at offset 120)"));
    }

    @Test
    void aPartitionThisInstanceNoLongerOwnsIsForgottenAndStartsAfreshWhenItReturns() {
        InputProgress.Offsets stuck = new InputProgress.Offsets(100, 150, 150);
        progress.update(Map.of(EVENTS_0, stuck), 0, STALL);
        progress.update(Map.of(), 30_000, STALL);
        assertThat(progress.update(Map.of(EVENTS_0, stuck), 70_000, STALL)).isEmpty();
    }
}
