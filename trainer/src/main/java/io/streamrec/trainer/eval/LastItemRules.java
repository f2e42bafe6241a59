package io.streamrec.trainer.eval;

/**
 * A baseline that scores the items following the session's last click by rules mined from training sessions
 * ({@link ItemRules}); earlier clicks do not matter, so there is nothing to reset between sessions.
 */
abstract class LastItemRules implements SessionBaseline {
    private final String name;
    private final ItemRules rules;

    LastItemRules(String name, ItemRules rules) {
        this.name = name;
        this.rules = rules;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SparseScores next(int item) {
        return rules.successors(item);
    }

    /** Distinct rules seen in training. */
    final int ruleCount() {
        return rules.size();
    }
}
