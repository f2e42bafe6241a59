package io.streamrec.torture;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The broker stopped under load (SIGTERM, a controlled shutdown) and started again on the same port and log
 * directory. Bars: the app answers new events soon after the broker is back, nothing is lost or answered twice, and
 * no partition the app writes stays stuck behind a transaction left open by the outage.
 */
public final class BrokerRestartScenario implements RigScenario.Exercise {
    static final String NAME = "broker-restart";
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(60);
    private static final double WRONG_KEY_SHARE = 0.05;
    private static final long LOAD_BEFORE_MILLIS = 5_000;
    private static final long LOAD_AFTER_MILLIS = 10_000;

    @Override
    public void exercise(ScenarioContext context, ScenarioRig rig, boolean v1Serving, Findings findings) {
        TortureSettings settings = context.settings();
        Progress progress = rig.progress();
        BrokerControl broker = context.broker();
        int sessions = Math.max(100, Math.min(settings.sessions(), 10_000));
        KillScenario.buildState(rig, "b-", sessions);
        RestartTiming timing;
        double stopSeconds;
        double downSeconds;
        try (SteadyLoad load = rig.steadyLoad("b-", sessions, settings.loadRate(), WRONG_KEY_SHARE,
                context.random());
             Prober prober = rig.prober()) {
            prober.awaitFirstAnswerAfter(System.nanoTime(), settings.answerWait());
            Sleep.millis(LOAD_BEFORE_MILLIS);
            progress.line("stopping the broker (controlled shutdown) under load");
            long stopAt = System.nanoTime();
            broker.stop();
            stopSeconds = (System.nanoTime() - stopAt) / 1e9;
            progress.line(String.format("broker stopped in %.1f s; down for %d s", stopSeconds,
                    settings.brokerDown().toSeconds()));
            Sleep.millis(settings.brokerDown().toMillis());
            broker.start();
            long backAt = System.nanoTime();
            downSeconds = (backAt - stopAt) / 1e9;
            progress.line(String.format("broker back on %s after %.1f s", broker.bootstrapServers(), downSeconds));
            timing = prober.recovery(stopAt, backAt, settings.answerWait());
            progress.line(timing.answered()
                    ? String.format("first new answer %.1f s after the broker was back", timing.fromStartSeconds())
                    : "no new answer within " + settings.answerWait().toSeconds() + " s of the broker being back");
            Sleep.millis(LOAD_AFTER_MILLIS);
            progress.line(String.format("%,d load events sent; stopping the load", load.sent()));
        }
        OutcomeTally tally = rig.settle();
        progress.line("checking that no partition the app writes stays behind an open transaction");
        Map<String, Long> rekeyed = TransactionCheck.unsettled(broker.bootstrapServers(),
                List.of(rig.topics().rekeyedEvents()), SETTLE_WAIT);
        Map<String, Long> outputs = TransactionCheck.unsettled(broker.bootstrapServers(),
                List.of(rig.topics().recommendations(), rig.topics().deadLetters()), SETTLE_WAIT);

        String settled = "0 after " + SETTLE_WAIT.toSeconds() + " s";
        findings.info("broker stop / down", String.format("%.1f s / %.1f s", stopSeconds, downSeconds))
                .rows(KillScenario.restartRows(NAME, "broker back to first new answer",
                        "broker stop to first new answer", List.of(timing), 1, settings.restartBar()))
                .checked("rekeyed partitions stuck in a transaction", stuck(rekeyed), settled, rekeyed.isEmpty())
                .checked("output partitions stuck in a transaction", stuck(outputs), settled, outputs.isEmpty())
                .outcomes(rig, tally)
                .figure("brokerStopSeconds", stopSeconds)
                .figure("brokerDownSeconds", downSeconds)
                .figure("brokerBackToAnswerSeconds", timing.fromStartSeconds())
                .figure("brokerStopToAnswerSeconds", timing.fromKillSeconds())
                .figure("stuckRekeyedPartitions", rekeyed)
                .figure("stuckOutputPartitions", outputs);
    }

    private static String stuck(Map<String, Long> lagging) {
        return lagging.isEmpty() ? "0" : lagging.size() + " " + lagging;
    }
}
