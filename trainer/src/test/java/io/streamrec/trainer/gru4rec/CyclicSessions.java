package io.streamrec.trainer.gru4rec;

import io.streamrec.trainer.eval.Ranks;
import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.family.EpochStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sessions over a fixed cycle of the items (i → i+1, the last back to the first), so the next item is fully
 * predictable from the current one: what a model that learns anything learns, which the tests of this package train
 * on and measure.
 */
final class CyclicSessions {
    private CyclicSessions() {
    }

    /** What a training run on cyclic sessions gave: each epoch's statistics, and the model's ranks on fresh ones. */
    record Run(List<EpochStats> epochs, RankMetrics metrics) {
        double firstLoss() {
            return epochs.get(0).meanLoss();
        }

        double lastLoss() {
            return epochs.get(epochs.size() - 1).meanLoss();
        }
    }

    /** {@code count} sessions of 2 to 7 items from random starts over items 1 to {@code items}. */
    static List<int[]> of(int items, int count, long seed) {
        Random random = new Random(seed);
        List<int[]> sessions = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int[] session = new int[2 + random.nextInt(6)];
            int start = 1 + random.nextInt(items);
            for (int i = 0; i < session.length; i++) {
                session[i] = (start - 1 + i) % items + 1;
            }
            sessions.add(session);
        }
        return sessions;
    }

    /** The vocabulary of ids "item-1" to "item-{@code items}". */
    static List<String> vocabulary(int items) {
        List<String> vocabulary = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            vocabulary.add("item-" + i);
        }
        return vocabulary;
    }

    /**
     * Trains {@code config} on {@code train} with the given item counts, then ranks the next items of {@code test}
     * (in batches of 32, ties counted against the model).
     */
    static Run trainAndEvaluate(Gru4RecConfig config, int items, float[] itemCounts, List<int[]> train,
                                List<int[]> test) {
        List<EpochStats> epochs = new ArrayList<>();
        try (Gru4RecModel model = new Gru4RecTrainer(config, line -> { }).train(train, items, itemCounts,
                epochs::add)) {
            return new Run(epochs, new Gru4RecEvaluator(32, Ranks.TieMode.CONSERVATIVE).evaluate(model, test));
        }
    }
}
