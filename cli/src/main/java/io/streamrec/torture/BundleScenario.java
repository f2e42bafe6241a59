package io.streamrec.torture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forged and broken bundles on the model topic while the app serves a good v1 under load. Bars: every bad bundle is
 * refused, answers keep coming from v1 without a gap and without falling back to popularity, and a later good
 * bundle is still loaded.
 *
 * <p>Good bundles come from the {@link TrustedPublisher}; forgeries edit its bytes ({@link BundleForgery}, which
 * recomputes the SHA-256 wherever content changed), except the bundle for another catalogue, which the rightful
 * publisher could make by mistake: a signature alone does not refuse it.
 */
public final class BundleScenario implements RigScenario.Exercise {
    static final String NAME = "bundles";
    private static final int SESSIONS = 5_000;

    /** One bad bundle to publish and how to name it in the table. */
    record Bad(String label, long version, byte[] bytes) {
    }

    /** What the app did with one bundle. */
    enum Verdict { REFUSED, ACCEPTED, NO_VERDICT, NO_STATS, APP_RESTARTED }

    @Override
    public void exercise(ScenarioContext context, ScenarioRig rig, boolean v1Serving, Findings findings) {
        TortureSettings settings = context.settings();
        Progress progress = rig.progress();
        findings.checked("good v1 serving", v1Serving ? "yes" : "no", "yes", v1Serving);
        byte[] good = context.publisher().publishable(TortureModels.lastItemModel(ScenarioRig.LINE, 1,
                rig.catalogue(), settings.topK(), settings.seed()));
        progress.line("forging bundles");
        List<Bad> bad = forgeries(context, rig, good);
        long nextGood = bad.stream().mapToLong(Bad::version).filter(v -> v != Long.MAX_VALUE).max().orElse(1) + 1;
        AnswerWatch watch = new AnswerWatch();
        rig.collector().addListener(watch::answered);
        Map<String, Object> verdicts = new LinkedHashMap<>();
        boolean nextLoaded;
        try (SteadyLoad load = rig.steadyLoad("m-", SESSIONS, settings.loadRate(), 0, context.random())) {
            // every session's first answer comes before the watch starts
            Sleep.millis(2_000);
            watch.arm();
            for (Bad forged : bad) {
                Verdict verdict = judge(rig, forged, settings.verdictWait());
                progress.line(String.format("%s (v%d, %,d bytes): %s", forged.label(), forged.version(),
                        forged.bytes().length, verdict));
                verdicts.put(forged.label(), verdict.name());
                findings.checked(forged.label(), describe(verdict, forged), "refused", verdict == Verdict.REFUSED);
            }
            progress.line("publishing the next good bundle, v" + nextGood);
            rig.publishGoodModel(nextGood, rig.catalogue(), settings.seed() + 1);
            nextLoaded = rig.awaitServingVersion(nextGood, settings.verdictWait());
            watch.disarm();
            progress.line(String.format("v%d %s; %,d load events sent", nextGood,
                    nextLoaded ? "serving" : "not serving", load.sent()));
        }
        findings.checked("longest gap between answers", String.format("%.2f s", watch.longestGapSeconds()),
                        "<= " + settings.answerGapBar().toSeconds() + " s",
                        watch.longestGapSeconds() <= settings.answerGapBar().toMillis() / 1000.0)
                .checked("answers from popularity after v1", String.format("%,d of %,d", watch.popularity(),
                        watch.answers()), "0", watch.popularity() == 0 && watch.answers() > 0)
                .checked("good v" + nextGood + " loaded after the bad ones", nextLoaded ? "yes" : "no", "yes",
                        nextLoaded)
                .row(rig.deathRow(NAME))
                .figure("verdicts", verdicts)
                .figure("longestGapSeconds", watch.longestGapSeconds())
                .figure("answersWatched", watch.answers())
                .figure("popularityAnswers", watch.popularity())
                .figure("nextGoodVersion", nextGood)
                .figure("nextGoodLoaded", nextLoaded)
                .figure("appExits", rig.app().deaths());
    }

    /** The bad bundles, in the order they are published; versions climb so that none is refused as merely old. */
    static List<Bad> forgeries(ScenarioContext context, ScenarioRig rig, byte[] good) {
        TortureSettings settings = context.settings();
        List<Bad> bad = new ArrayList<>();
        long version = 2;
        bad.add(new Bad("forged: manifest metrics edited", version, BundleForgery.metricsEdited(good, version++)));
        bad.add(new Bad("forged: items.txt reordered", version,
                BundleForgery.itemsRewritten(good, version++)));
        for (BundleForgery.Flip flip : BundleForgery.flips(good, settings.flipVariants())) {
            bad.add(new Bad(String.format("forged: graph byte %d flipped (%s)", flip.position(), flip.what()),
                    version, BundleForgery.graphFlipped(good, version++, flip)));
        }
        bad.add(new Bad("trusted publisher: another catalogue, no item in common", version,
                context.publisher().publishable(TortureModels.lastItemModel(ScenarioRig.LINE, version++,
                        rig.catalogue().foreign(), settings.topK(), settings.seed() + 7))));
        // the bomb late: an app it breaks can judge nothing after it
        long start = System.nanoTime();
        byte[] bomb = BundleForgery.zipBomb(good, version, settings.zipBombMb() * 1024 * 1024);
        rig.progress().line(String.format("zip bomb: %,d bytes inflating to %,d MB (built in %.1f s)", bomb.length,
                settings.zipBombMb(), (System.nanoTime() - start) / 1e9));
        bad.add(new Bad(String.format("zip bomb: %.1f MB inflating to %,d MB", bomb.length / 1048576.0,
                settings.zipBombMb()), version++, bomb));
        // last: accepted, it would lock out every later bundle
        bad.add(new Bad("forged: version Long.MAX_VALUE", Long.MAX_VALUE, BundleForgery.versionMax(good)));
        return bad;
    }

    /**
     * Publishes one bundle and waits for the app's verdict on /stats: one more refused bundle, or one more model
     * loaded. A restart of the app meanwhile resets those counters, so it is a verdict of its own.
     */
    private static Verdict judge(ScenarioRig rig, Bad forged, Duration wait) {
        int generation = rig.app().generation();
        Optional<Map<String, Object>> before = awaitStats(rig, wait);
        // published either way: what it does to an app that cannot report is still worth seeing in the outcomes
        rig.models().write(ScenarioRig.LINE, forged.bytes());
        if (before.isEmpty()) {
            return Verdict.NO_STATS;
        }
        long refused = AppStats.number(before.get(), "refusedBundles");
        long loads = AppStats.number(before.get(), "modelLoads");
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (rig.app().generation() != generation) {
                return Verdict.APP_RESTARTED;
            }
            Optional<Map<String, Object>> now = rig.stats().fetch();
            if (now.isPresent()) {
                if (AppStats.number(now.get(), "refusedBundles") > refused) {
                    return Verdict.REFUSED;
                }
                if (AppStats.number(now.get(), "modelLoads") > loads) {
                    return Verdict.ACCEPTED;
                }
            }
            Sleep.millis(200);
        }
        return rig.app().generation() != generation ? Verdict.APP_RESTARTED : Verdict.NO_VERDICT;
    }

    private static Optional<Map<String, Object>> awaitStats(ScenarioRig rig, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Map<String, Object>> stats = rig.stats().fetch();
            if (stats.isPresent()) {
                return stats;
            }
            Sleep.millis(200);
        }
        return Optional.empty();
    }

    private static String describe(Verdict verdict, Bad forged) {
        return switch (verdict) {
            case REFUSED -> "refused";
            case ACCEPTED -> "ACCEPTED (now serving v" + forged.version() + ")";
            case NO_VERDICT -> "no verdict (neither refused nor loaded in time)";
            case NO_STATS -> "no verdict (the app's /stats does not answer)";
            case APP_RESTARTED -> "the app exited while judging it";
        };
    }
}
