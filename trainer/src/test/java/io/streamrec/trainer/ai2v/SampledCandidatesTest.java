package io.streamrec.trainer.ai2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampledCandidatesTest {
    // item 0 is padding; clicks 1, 4, 9, 16 with power 0.5 give Q = 1/10, 2/10, 3/10, 4/10
    private static final float[] COUNTS = {0, 1, 4, 9, 16};

    @Test
    void theLogQCorrectionSubtractsLogqTimesTheLogOfEachCandidatesSamplingProbability() {
        SampledCandidates sampled = new SampledCandidates(COUNTS, 0.5, 50, 0.5);
        long[] candidates = new long[2 * sampled.columns()];
        float[] offsets = new float[candidates.length];

        sampled.fill(2, new SplittableRandom(1), candidates, offsets, 1);

        int at = sampled.columns();
        assertThat(candidates[at]).isEqualTo(2);
        assertThat((double) offsets[at]).isCloseTo(-0.5 * Math.log(0.2), within(1e-6));
        int masked = 0;
        for (int c = at + 1; c < candidates.length; c++) {
            int item = (int) candidates[c];
            assertThat(item).isBetween(1, 4);
            if (item == 2) {
                assertThat(offsets[c]).isEqualTo(Ai2vModel.MASKED);
                masked++;
            } else {
                assertThat((double) offsets[c]).isCloseTo(-0.5 * Math.log(item / 10.0), within(1e-6));
            }
        }
        assertThat(masked).isPositive(); // with Q(2) = 0.2, 50 draws all missing item 2 has probability 1.4e-5
        assertThat(candidates[0]).isZero(); // row 0 untouched
    }

    @Test
    void withoutTheCorrectionOnlyTheTargetDrawnAsANegativeIsOffset() {
        SampledCandidates sampled = new SampledCandidates(COUNTS, 0.5, 50, 0);
        long[] candidates = new long[sampled.columns()];
        float[] offsets = new float[candidates.length];

        sampled.fill(4, new SplittableRandom(2), candidates, offsets, 0);

        for (int c = 0; c < candidates.length; c++) {
            boolean targetAsNegative = c > 0 && candidates[c] == 4;
            assertThat(offsets[c]).isEqualTo(targetAsNegative ? Ai2vModel.MASKED : 0f);
        }
    }
}
