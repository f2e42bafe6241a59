package io.streamrec.trainer.skipgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SubsamplingTest {

    @Test
    void discardProbabilityIsOneMinusTheRootOfRhoOverFrequency() {
        // f = 1%, ρ = 1e-4: 1 − sqrt(0.01) = 0.9
        assertThat(Subsampling.discardProbability(0.01, 1e-4)).isCloseTo(0.9, offset(1e-12));
        // f = 4ρ: 1 − 1/2
        assertThat(Subsampling.discardProbability(4e-3, 1e-3)).isCloseTo(0.5, offset(1e-12));
        // items rarer than ρ are always kept (the formula would go negative) and ρ = 0 turns it off
        assertThat(Subsampling.discardProbability(1e-5, 1e-3)).isZero();
        assertThat(Subsampling.discardProbability(0.5, 0)).isZero();
    }

    @Test
    void eachItemIsKeptWithItsShareOfClicksAsTheFormulaSays() {
        // 4 items: item 1 has 64% of the clicks, item 2 16%, items 3 and 4 10% each; ρ = 0.04
        float[] counts = {0, 64, 16, 10, 10};
        Subsampling subsampling = new Subsampling(counts, 0.04);
        assertThat(subsampling.keepProbability(1)).isCloseTo(0.25f, offset(1e-6f)); // sqrt(0.04 / 0.64)
        assertThat(subsampling.keepProbability(2)).isCloseTo(0.5f, offset(1e-6f));  // sqrt(0.04 / 0.16)
        assertThat(subsampling.keepProbability(3)).isCloseTo((float) Math.sqrt(0.4), offset(1e-6f));

        SplittableRandom random = new SplittableRandom(3);
        int[] session = {1, 2, 3, 1};
        int[] kept = new int[5];
        int draws = 40_000;
        for (int t = 0; t < draws; t++) {
            for (int item : subsampling.apply(session, random)) {
                kept[item]++;
            }
        }
        assertThat(kept[1] / (2.0 * draws)).isCloseTo(0.25, offset(0.01));
        assertThat(kept[2] / (double) draws).isCloseTo(0.5, offset(0.01));
        assertThat(kept[3] / (double) draws).isCloseTo(Math.sqrt(0.4), offset(0.01));
    }

    @Test
    void negativesAreDrawnInProportionToClicksToThePower() {
        float[] counts = {0, 16, 1, 1};
        NegativeSampler sampler = new NegativeSampler(counts, 0.5); // weights 4, 1, 1
        assertThat(sampler.probability(1)).isCloseTo(4 / 6.0, offset(1e-9));
        SplittableRandom random = new SplittableRandom(5);
        int[] drawn = new int[4];
        for (int t = 0; t < 60_000; t++) {
            drawn[sampler.next(random)]++;
        }
        assertThat(drawn[0]).isZero();
        assertThat(drawn[1] / 60_000.0).isCloseTo(4 / 6.0, offset(0.01));
        assertThat(drawn[3] / 60_000.0).isCloseTo(1 / 6.0, offset(0.01));
    }
}
