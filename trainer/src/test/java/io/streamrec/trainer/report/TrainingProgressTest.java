package io.streamrec.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.trainer.family.EpochStats;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {
    private final List<String> lines = new ArrayList<>();

    @Test
    void printsOneLinePerEpochWhenItEndsWithTheRunsShareAndTheEpochsRate() {
        try (TrainingProgress progress = TrainingProgress.byEpoch("[train]", OptionalInt.of(4), lines::add)) {
            for (int epoch = 1; epoch <= 4; epoch++) {
                for (int step = 1; step <= 100; step++) {
                    progress.progress(epoch, step / 100.0);
                }
                assertThat(lines).as("nothing during epoch %d", epoch).hasSize(epoch - 1);
                progress.epochDone(new EpochStats(epoch, 1.0 / epoch, 12_000, 2.0));
            }
        }

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("[train]  25% [").contains("1/4 epochs").endsWith(", 6,000 events/s");
        assertThat(lines.get(1)).contains(" 50% ").contains("2/4 epochs");
        assertThat(lines.get(3)).contains("100%").contains("4/4 epochs");
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\r").doesNotContain("\u001b"));
    }

    @Test
    void aRunStoppedMidEpochLeavesWhereItStood() {
        try (TrainingProgress progress = TrainingProgress.byEpoch("[train]", OptionalInt.of(2), lines::add)) {
            progress.progress(1, 0.5);
        }

        assertThat(lines).singleElement().asString().contains(" 25% ").contains("0/2 epochs");
    }

    @Test
    void withoutAnEpochCountTheBarHasNoTotal() {
        try (TrainingProgress progress = TrainingProgress.byEpoch("[train]", OptionalInt.empty(), lines::add)) {
            progress.progress(1, 1.0);
            progress.epochDone(new EpochStats(1, 0.5, 100, 1.0));
        }

        assertThat(lines).singleElement().asString().contains("1/? epochs");
    }
}
