package io.streamrec.torture;

import java.time.Duration;

/**
 * A scenario on a {@link ScenarioRig} of its own, begun with a good model v1 published and the app started on it:
 * the opening, the clock and the result every scenario shares, so that each {@link Exercise} is only what it does to
 * the app and what it measures.
 */
final class RigScenario implements Scenario {
    /** How long the app may take to serve v1; a scenario goes on without it, and its bars say what that cost. */
    static final Duration MODEL_WAIT = Duration.ofSeconds(120);

    /** What one scenario does to the app on its rig, and what it records. */
    interface Exercise {
        /**
         * Puts the app through this scenario's condition and records what was measured.
         *
         * @param v1Serving whether the app served v1 within {@link #MODEL_WAIT}
         */
        void exercise(ScenarioContext context, ScenarioRig rig, boolean v1Serving, Findings findings);
    }

    private final String name;
    private final Exercise exercise;

    RigScenario(String name, Exercise exercise) {
        this.name = name;
        this.exercise = exercise;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        long started = System.nanoTime();
        try (ScenarioRig rig = ScenarioRig.open(context, name)) {
            Findings findings = new Findings(name);
            boolean v1Serving = rig.startAppWithModel(MODEL_WAIT);
            exercise.exercise(context, rig, v1Serving, findings);
            return findings.result((System.nanoTime() - started) / 1e9);
        }
    }
}
