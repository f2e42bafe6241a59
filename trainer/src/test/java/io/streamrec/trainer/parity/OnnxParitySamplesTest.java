package io.streamrec.trainer.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxParitySamplesTest {

    @Test
    void samplesCycleThroughEveryLengthUpToLCutFromTheSessionsEndToEnd() {
        List<int[]> sessions = List.of(new int[] {1, 2, 3}, new int[] {4, 5});

        List<int[]> samples = OnnxParityCheck.samples(sessions, 5, 4);

        assertThat(samples).containsExactly(
                new int[] {1}, new int[] {2, 3}, new int[] {4, 5, 1}, new int[] {2, 3, 4, 5}, new int[] {1});
    }

    @Test
    void withEnoughRowsOneSampleHasTheFullServingLength() {
        int[] session = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        List<int[]> sessions = List.of(session, session);

        List<int[]> samples = OnnxParityCheck.samples(sessions, 64, 20);

        assertThat(samples).hasSize(64);
        assertThat(samples).extracting(s -> s.length).contains(1, 20).allSatisfy(n -> assertThat(n).isBetween(1, 20));
    }
}
