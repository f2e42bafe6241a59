package io.streamrec.torture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The app killed with SIGKILL again and again under steady load, each time restarted at once on the same state
 * directory, as a supervisor would. Bars: every restart answers a new event within the restart bar, and nothing
 * is lost or answered twice.
 */
public final class KillScenario implements RigScenario.Exercise {
    static final String NAME = "kill";
    private static final double WRONG_KEY_SHARE = 0.05;

    @Override
    public void exercise(ScenarioContext context, ScenarioRig rig, boolean v1Serving, Findings findings) {
        TortureSettings settings = context.settings();
        Progress progress = rig.progress();
        double stateSeconds = buildState(rig, "k-", settings.sessions());
        List<RestartTiming> timings = new ArrayList<>();
        Random random = context.random();
        try (SteadyLoad load = rig.steadyLoad("k-", settings.sessions(), settings.loadRate(), WRONG_KEY_SHARE, random);
             Prober prober = rig.prober()) {
            progress.line(String.format("steady load %.0f events/s; %d kills follow", settings.loadRate(),
                    settings.kills()));
            prober.awaitFirstAnswerAfter(System.nanoTime(), settings.answerWait());
            for (int kill = 1; kill <= settings.kills() && !rig.app().gaveUp(); kill++) {
                // a second or three of load first, so the kill lands among open batches and transactions
                Sleep.millis(1000 + random.nextInt(2000));
                long killedAt = System.nanoTime();
                RestartTiming timing = prober.recovery(killedAt, rig.app().killAndRestart(), settings.answerWait());
                timings.add(timing);
                progress.line(timing.answered()
                        ? String.format("kill %d/%d: first new answer %.1f s after the restart (%.1f s after "
                                + "the kill)", kill, settings.kills(), timing.fromStartSeconds(),
                                timing.fromKillSeconds())
                        : String.format("kill %d/%d: no new answer within %d s", kill, settings.kills(),
                                settings.answerWait().toSeconds()));
            }
            progress.line(String.format("kills done; %,d load events sent; stopping the load", load.sent()));
        }
        OutcomeTally tally = rig.settle();
        findings.info("state built before the kills", String.format("%,d sessions in %.0f s", settings.sessions(),
                        stateSeconds))
                .rows(restartRows(NAME, "restart to first new answer", "kill to first new answer", timings,
                        settings.kills(), settings.restartBar()))
                .outcomes(rig, tally)
                .figure("restartToAnswerSeconds", timings.stream().map(RestartTiming::fromStartSeconds).toList())
                .figure("killToAnswerSeconds", timings.stream().map(RestartTiming::fromKillSeconds).toList())
                .figure("sessions", settings.sessions())
                .figure("loadRate", settings.loadRate());
    }

    /** Sends one click for each of {@code sessions} sessions and waits for their outcomes; returns seconds taken. */
    static double buildState(ScenarioRig rig, String prefix, int sessions) {
        long start = System.nanoTime();
        for (int s = 0; s < sessions; s++) {
            rig.sender().send(rig.events().click(prefix + s, "u-" + s % 997, rig.catalogue().item(s
                    % rig.catalogue().size())));
        }
        rig.awaitAllOutcomes();
        double seconds = (System.nanoTime() - start) / 1e9;
        rig.progress().line(String.format("state built for %,d sessions in %.0f s", sessions, seconds));
        return seconds;
    }

    /** Rows for a series of disturbances: from start (the bar) and from the disturbance itself. */
    static List<Measure> restartRows(String scenario, String fromStartLabel, String fromDisturbanceLabel,
                                     List<RestartTiming> timings, int planned, Duration bar) {
        List<Double> fromStart = timings.stream().filter(RestartTiming::answered)
                .map(RestartTiming::fromStartSeconds).toList();
        List<Double> fromKill = timings.stream().filter(RestartTiming::answered)
                .map(RestartTiming::fromKillSeconds).toList();
        long unanswered = timings.size() - fromStart.size();
        Stats start = Stats.of(fromStart);
        boolean pass = timings.size() == planned && unanswered == 0 && start.max() <= bar.toMillis() / 1000.0;
        String value = fromStart.isEmpty() ? "no answer" : start.seconds() + " (min/median/max)"
                + (unanswered > 0 ? ", " + unanswered + " never answered" : "")
                + (timings.size() < planned ? ", " + timings.size() + " of " + planned + " done" : "");
        List<Measure> rows = new ArrayList<>();
        rows.add(Measure.checked(scenario, fromStartLabel, value, "<= " + bar.toSeconds() + " s", pass));
        rows.add(Measure.info(scenario, fromDisturbanceLabel,
                fromKill.isEmpty() ? "no answer" : Stats.of(fromKill).seconds()));
        return rows;
    }
}
