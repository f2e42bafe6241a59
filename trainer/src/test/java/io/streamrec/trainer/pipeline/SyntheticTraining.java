package io.streamrec.trainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.family.ModelFamily;
import java.util.Map;

/** A family trained through the whole pipeline on synthetic sessions, as the families' training tests do it. */
public final class SyntheticTraining {
    private SyntheticTraining() {
    }

    /** {@code sessions} synthetic sessions over {@code items} items, the last tenth held out for the test. */
    public static SessionDataset.Split split(int items, int sessions, long seed) {
        return SyntheticSessions.generate(new SyntheticSessions.Config(items, sessions, seed)).split(0.1);
    }

    /** {@code family} trained on {@code split} with {@code settings} as model {@code name} version 1, quietly. */
    public static TrainingResult train(ModelFamily family, SessionDataset.Split split, Map<String, String> settings,
                                       String name) {
        return TrainingPipeline.run(family, new TrainingRequest(split.train(), split.test(), settings, name, 1),
                line -> { });
    }

    /** The model's recall@20 beats popularity's by more than {@code recallMargin}, and its MRR@20 beats it too. */
    public static void assertBeatsPopularity(Map<String, Double> metrics, double recallMargin) {
        assertThat(metrics.get("recall@20")).isGreaterThan(metrics.get("popularity.recall@20") + recallMargin);
        assertThat(metrics.get("mrr@20")).isGreaterThan(metrics.get("popularity.mrr@20"));
    }
}
