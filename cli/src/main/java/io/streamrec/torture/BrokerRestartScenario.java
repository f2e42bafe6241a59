package io.streamrec.torture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The broker stopped under load (SIGTERM, a controlled shutdown) and started again on the same port and log
 * directory. Bars: the app answers new events soon after the broker is back, nothing is lost or answered twice, and
 * no partition the app writes stays stuck behind a transaction left open by the outage.
 */
public final class BrokerRestartScenario implements Scenario {
    static final String NAME = "broker-restart";
    private static final Duration MODEL_WAIT = Duration.ofSeconds(120);
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(60);
    private static final double WRONG_KEY_SHARE = 0.05;
    private static final long LOAD_BEFORE_MILLIS = 5_000;
    private static final long LOAD_AFTER_MILLIS = 10_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        TortureSettings settings = context.settings();
        long started = System.nanoTime();
        try (ScenarioRig rig = ScenarioRig.open(context, NAME)) {
            Progress progress = rig.progress();
            rig.startAppWithModel(MODEL_WAIT);
            int sessions = Math.max(100, Math.min(settings.sessions(), 10_000));
            KillScenario.buildState(rig, "b-", sessions);
            RestartTiming timing;
            double stopSeconds;
            double downSeconds;
            try (SteadyLoad load = new SteadyLoad(rig.sender(), rig.events(), rig.catalogue(), "b-", sessions,
                    settings.loadRate(), WRONG_KEY_SHARE, context.random()).start();
                 Prober prober = new Prober(rig.sender(), rig.events(), "probe-", rig.catalogue().item(0))
                         .start(rig.collector())) {
                prober.awaitFirstAnswerAfter(System.nanoTime(), settings.answerWait());
                Sleep.millis(LOAD_BEFORE_MILLIS);
                progress.line("stopping the broker (controlled shutdown) under load");
                long stopAt = System.nanoTime();
                context.broker().stop();
                stopSeconds = (System.nanoTime() - stopAt) / 1e9;
                progress.line(String.format("broker stopped in %.1f s; down for %d s", stopSeconds,
                        settings.brokerDown().toSeconds()));
                Sleep.millis(settings.brokerDown().toMillis());
                context.broker().start();
                long backAt = System.nanoTime();
                downSeconds = (backAt - stopAt) / 1e9;
                progress.line(String.format("broker back on %s after %.1f s", context.broker().bootstrapServers(),
                        downSeconds));
                OptionalLong answer = prober.awaitFirstAnswerAfter(backAt, settings.answerWait());
                timing = answer.isPresent()
                        ? new RestartTiming((answer.getAsLong() - backAt) / 1e9, (answer.getAsLong() - stopAt) / 1e9)
                        : new RestartTiming(Double.NaN, Double.NaN);
                progress.line(timing.answered()
                        ? String.format("first new answer %.1f s after the broker was back", timing.fromStartSeconds())
                        : "no new answer within " + settings.answerWait().toSeconds() + " s of the broker being back");
                Sleep.millis(LOAD_AFTER_MILLIS);
                progress.line(String.format("%,d load events sent; stopping the load", load.sent()));
            }
            rig.awaitAllOutcomes();
            OutcomeTally tally = rig.tally();
            progress.line(tally.summary());
            progress.line("checking that no partition the app writes stays behind an open transaction");
            String bootstrap = context.broker().bootstrapServers();
            Map<String, Long> rekeyed = TransactionCheck.unsettled(bootstrap, List.of(rig.topics().rekeyedEvents()),
                    SETTLE_WAIT);
            Map<String, Long> outputs = TransactionCheck.unsettled(bootstrap,
                    List.of(rig.topics().recommendations(), rig.topics().deadLetters()), SETTLE_WAIT);

            List<Measure> rows = new ArrayList<>();
            rows.add(Measure.info(NAME, "broker stop / down", String.format("%.1f s / %.1f s", stopSeconds,
                    downSeconds)));
            rows.addAll(KillScenario.restartRows(NAME, "broker back to first new answer",
                    "broker stop to first new answer", List.of(timing), 1, settings.restartBar()));
            rows.add(Measure.checked(NAME, "rekeyed partitions stuck in a transaction", stuck(rekeyed),
                    "0 after " + SETTLE_WAIT.toSeconds() + " s", rekeyed.isEmpty()));
            rows.add(Measure.checked(NAME, "output partitions stuck in a transaction", stuck(outputs),
                    "0 after " + SETTLE_WAIT.toSeconds() + " s", outputs.isEmpty()));
            rows.addAll(rig.outcomeRows(NAME, tally));
            Map<String, Object> figures = new LinkedHashMap<>(rig.outcomeFigures(tally));
            figures.put("brokerStopSeconds", stopSeconds);
            figures.put("brokerDownSeconds", downSeconds);
            figures.put("brokerBackToAnswerSeconds", timing.fromStartSeconds());
            figures.put("brokerStopToAnswerSeconds", timing.fromKillSeconds());
            figures.put("stuckRekeyedPartitions", rekeyed);
            figures.put("stuckOutputPartitions", outputs);
            return new ScenarioResult(NAME, rows, figures, (System.nanoTime() - started) / 1e9);
        }
    }

    private static String stuck(Map<String, Long> lagging) {
        return lagging.isEmpty() ? "0" : lagging.size() + " " + lagging;
    }
}
