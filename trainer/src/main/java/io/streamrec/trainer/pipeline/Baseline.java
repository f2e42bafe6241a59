package io.streamrec.trainer.pipeline;

import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.eval.PopularityBaseline;
import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.eval.Ranks;

/**
 * A model without training that the pipeline evaluates beside every trained one, on the same held-out sessions and
 * by the same protocol; its metrics are reported under {@code NAME.}.
 */
public interface Baseline {
    /** Every next item ranked by its training clicks: the floor any sequence model must clear. */
    Baseline POPULARITY = new Baseline() {
        @Override
        public String name() {
            return "popularity";
        }

        @Override
        public RankMetrics evaluate(EncodedSplit data, Ranks.TieMode ties) {
            return PopularityBaseline.evaluate(data.catalogue().counts(), data.test().sessions(), ties);
        }
    };

    String name();

    RankMetrics evaluate(EncodedSplit data, Ranks.TieMode ties);
}
