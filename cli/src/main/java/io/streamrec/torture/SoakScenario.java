package io.streamrec.torture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Half the app's maximum load for a long while, the app's resident memory sampled from /proc. Bar: after the warm-up
 * (JIT, RocksDB caches and the heap finding their size), RSS stays within 10% of where it was when the warm-up ended.
 *
 * <p>The maximum is measured first unless given: a burst sent as fast as the producer goes, the app's answer rate
 * taken between the 10% and 90% marks of its outcomes (its start-up and its tail left out).
 */
public final class SoakScenario implements RigScenario.Exercise {
    static final String NAME = "soak";
    private static final double RSS_BAND = 0.10;
    private static final int SESSIONS = 20_000;

    /** One RSS sample. */
    record Sample(double seconds, double rssMb) {
    }

    @Override
    public void exercise(ScenarioContext context, ScenarioRig rig, boolean v1Serving, Findings findings) {
        TortureSettings settings = context.settings();
        Progress progress = rig.progress();
        double max = settings.soakRate() == null ? measureMax(rig, settings.burstEvents()) : Double.NaN;
        double rate = settings.soakRate() != null ? settings.soakRate() : Math.max(1, max / 2);
        Duration warmUp = settings.soakWarmUp() != null ? settings.soakWarmUp() : defaultWarmUp(settings.soak());
        progress.line(String.format("soaking at %.0f events/s for %s (warm-up %s), RSS every %s", rate,
                Durations.text(settings.soak()), Durations.text(warmUp), Durations.text(settings.rssEvery())));
        List<Sample> samples = new ArrayList<>();
        long answeredBefore = rig.collector().outcomes();
        long soakStart = System.nanoTime();
        try (SteadyLoad load = rig.steadyLoad("soak-", SESSIONS, rate, 0.02, context.random())) {
            long end = soakStart + settings.soak().toNanos();
            long next = soakStart + settings.rssEvery().toNanos();
            while (System.nanoTime() < end) {
                Sleep.millis(Math.max(1, Math.min(next, end) - System.nanoTime()) / 1_000_000);
                if (System.nanoTime() < next) {
                    continue;
                }
                next += settings.rssEvery().toNanos();
                double elapsed = (System.nanoTime() - soakStart) / 1e9;
                OptionalLong rss = rig.app().rssKb();
                if (rss.isPresent()) {
                    samples.add(new Sample(elapsed, rss.getAsLong() / 1024.0));
                }
                progress.line(String.format("%.0f s: RSS %s, %,d sent, %,d outcomes", elapsed,
                        rss.isPresent() ? String.format("%.0f MB", rss.getAsLong() / 1024.0) : "n/a (no app)",
                        load.sent(), rig.collector().outcomes() - answeredBefore));
            }
        }
        double soakSeconds = (System.nanoTime() - soakStart) / 1e9;
        long answeredDuring = rig.collector().outcomes() - answeredBefore;
        OutcomeTally tally = rig.settle();

        findings.info("maximum load (burst)", Double.isNaN(max) ? "not measured (--soak-rate)"
                        : String.format("%,.0f events/s", max))
                .info("soak load offered / answered", String.format("%,.0f / %,.0f events/s for %s", rate,
                        answeredDuring / soakSeconds, Durations.text(settings.soak())))
                .row(rssRow(samples, warmUp.toMillis() / 1000.0))
                .outcomes(rig, tally)
                .figure("maxEventsPerSecond", max)
                .figure("soakEventsPerSecond", rate)
                .figure("soakSeconds", soakSeconds)
                .figure("warmUpSeconds", warmUp.toSeconds())
                .figure("rssSamples", samples.stream().map(s -> List.of(s.seconds(), s.rssMb())).toList());
    }

    /** A sixth of the soak, at most five minutes: 5 minutes of 30, 20 s of 2 minutes. */
    static Duration defaultWarmUp(Duration soak) {
        Duration sixth = soak.dividedBy(6);
        return sixth.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : sixth;
    }

    /** The RSS bar: every sample after the warm-up within 10% of the first one after it. */
    static Measure rssRow(List<Sample> samples, double warmUpSeconds) {
        List<Sample> after = samples.stream().filter(s -> s.seconds() >= warmUpSeconds).toList();
        String bar = "within ±10% after the first " + Math.round(warmUpSeconds) + " s";
        if (after.size() < 2) {
            return Measure.checked(NAME, "app RSS", "too few samples after the warm-up (" + after.size() + ")",
                    bar, false);
        }
        double reference = after.get(0).rssMb();
        double worst = 0;
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Sample s : after) {
            worst = Math.max(worst, Math.abs(s.rssMb() / reference - 1));
            low = Math.min(low, s.rssMb());
            high = Math.max(high, s.rssMb());
        }
        return Measure.checked(NAME, "app RSS", String.format("%.0f MB at warm-up end, %.0f-%.0f MB after, "
                + "%.1f%% off at worst", reference, low, high, worst * 100), bar, worst <= RSS_BAND);
    }

    /** The app's answer rate on a backlog of {@code events}, between its 10% and 90% marks. */
    static double measureMax(ScenarioRig rig, int events) {
        Progress progress = rig.progress();
        progress.line(String.format("measuring the maximum load: a burst of %,d events", events));
        long base = rig.collector().outcomes();
        for (int i = 0; i < events; i++) {
            int session = i % SESSIONS;
            rig.sender().send(rig.events().click("burst-" + session, "u-" + session % 997,
                    rig.catalogue().item(i % rig.catalogue().size())));
        }
        rig.sender().flush();
        long low = base + events / 10;
        long high = base + events * 9L / 10;
        long lowAt = 0;
        long deadline = System.nanoTime() + rig.awaitWindow(events).toNanos();
        while (System.nanoTime() < deadline) {
            long count = rig.collector().outcomes();
            if (lowAt == 0 && count >= low) {
                lowAt = System.nanoTime();
            }
            if (count >= high) {
                // at least one polling interval, so a burst too small to time cannot divide by zero
                double rate = (high - low) / Math.max(0.02, (System.nanoTime() - lowAt) / 1e9);
                progress.line(String.format("maximum ≈ %,.0f events/s", rate));
                rig.awaitAllOutcomes();
                return rate;
            }
            Sleep.millis(20);
        }
        throw new IllegalStateException("the burst of " + events + " events was not answered in time");
    }
}
