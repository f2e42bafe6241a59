package io.streamrec.streams.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void nearestRankPercentilesOfTheLatestSamples() {
        LatencyRecorder recorder = new LatencyRecorder(100);
        assertThat(recorder.percentile(50)).isZero();
        for (int v = 1; v <= 100; v++) {
            recorder.record(v);
        }
        assertThat(recorder.percentile(50)).isEqualTo(50);
        assertThat(recorder.percentile(99)).isEqualTo(99);
        assertThat(recorder.percentile(100)).isEqualTo(100);
        // A second lap replaces the first: only the latest hundred samples count.
        for (int v = 1; v <= 100; v++) {
            recorder.record(1_000 + v);
        }
        assertThat(recorder.percentile(1)).isEqualTo(1_001);
        assertThat(recorder.percentile(50)).as("older samples have rolled out").isEqualTo(1_050);
        assertThatThrownBy(() -> new LatencyRecorder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadsRecordingAtOnceFillTheRingWithoutLosingSlots() throws Exception {
        LatencyRecorder recorder = new LatencyRecorder(40_000);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long value = t + 1;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    recorder.record(value);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // Exactly 10,000 samples of each of 1..4: the quartiles fall on the values' boundaries.
        assertThat(recorder.percentile(25)).isEqualTo(1);
        assertThat(recorder.percentile(25.01)).isEqualTo(2);
        assertThat(recorder.percentile(75)).isEqualTo(3);
        assertThat(recorder.percentile(75.01)).isEqualTo(4);
    }
}
