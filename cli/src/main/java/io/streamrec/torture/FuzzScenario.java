package io.streamrec.torture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile input: a stream of events a share of which is spoilt in every way a producer can spoil one (see
 * {@link Mutation}), then a few huge ids. The bar: exactly one outcome per acknowledged input, a recommendation or
 * a dead letter naming it, under read_committed.
 *
 * <p>Huge ids go last: one the app cannot answer (an answer over its producer's request limit) stops the app on every
 * restart, and then only what stands behind it in its partition is lost, not the whole run.
 */
public final class FuzzScenario implements RigScenario.Exercise {
    static final String NAME = "fuzz";
    private static final int MIN_HUGE_BYTES = 60 * 1024;

    @Override
    public void exercise(ScenarioContext context, ScenarioRig rig, boolean v1Serving, Findings findings) {
        TortureSettings settings = context.settings();
        int huge = Math.min(settings.hugeIds(), settings.fuzzEvents());
        List<Integer> hugeSizes = send(rig, context.random(), settings, huge);
        EventSender sender = rig.sender();
        rig.progress().line(String.format("sent %,d events (%,d acknowledged, %,d refused by the broker); waiting for "
                + "their outcomes", settings.fuzzEvents(), sender.acknowledgedCount(), sender.refused()));
        OutcomeTally tally = rig.settle();

        long mutated = sender.acknowledged().stream().filter(r -> r.mutation() != null).count();
        findings.info("mutated share sent", String.format("%.1f%%", 100.0 * mutated / Math.max(1, tally.in())));
        if (sender.refused() > 0) {
            findings.info("refused by the broker (not inputs)", sender.refused() + ": " + sender.firstRefusal());
        }
        Map<String, long[]> byKind = OutcomesByKind.of(sender.acknowledged(), rig.collector().deadLetters(),
                rig.topics().events());
        long[] overlong = byKind.getOrDefault(OutcomesByKind.kind(Mutation.OVERLONG_UTF8), new long[2]);
        // RFC 3629: a decoder must refuse overlong forms; one that decodes 0xC0 0xAF as '/' lets a producer
        // smuggle characters past any check made on the bytes
        findings.checked("overlong UTF-8 events answered as valid", String.format("%,d of %,d",
                overlong[0] - overlong[1], overlong[0]), "0", overlong[0] == overlong[1]);
        Map<String, Map<String, Long>> kinds = new LinkedHashMap<>();
        byKind.forEach((kind, counts) -> kinds.put(kind, Map.of("sent", counts[0], "deadLettered", counts[1])));
        findings.outcomes(rig, tally)
                .figure("outcomesByKind", kinds)
                .figure("hugeIdBytes", hugeSizes)
                .figure("firstRefusal", String.valueOf(sender.firstRefusal()));
    }

    /** Sends the regular events, then the huge ones; returns the huge ids' sizes. */
    private static List<Integer> send(ScenarioRig rig, Random random, TortureSettings settings, int huge) {
        Mutator mutator = new Mutator(random);
        EventFactory events = rig.events();
        Catalogue catalogue = rig.catalogue();
        int regular = settings.fuzzEvents() - huge;
        // About eight events per session: sessions have history, and the state store many keys.
        int sessions = Math.max(1, regular / 8);
        long reportEvery = Math.max(1, regular / 10);
        for (int i = 0; i < regular; i++) {
            int session = random.nextInt(sessions);
            String sessionId = "f-" + session;
            String user = "u-" + session % 997;
            String item = catalogue.random(random);
            FuzzRecord record = random.nextDouble() < settings.mutatedFraction()
                    ? mutator.mutate(sessionId, user, item, events.nextTime(), mutator.pick())
                    : events.click(sessionId, user, item);
            rig.sender().send(record);
            if ((i + 1) % reportEvery == 0) {
                rig.progress().line(String.format("sent %,d of %,d events", i + 1, settings.fuzzEvents()));
            }
        }
        List<Integer> sizes = new ArrayList<>();
        int maxBytes = Math.max(MIN_HUGE_BYTES, settings.hugeIdMaxKb() * 1024);
        for (int h = 0; h < huge; h++) {
            // spread geometrically from 60 KB to the largest, the largest last
            double share = huge == 1 ? 1 : (double) h / (huge - 1);
            int bytes = (int) (MIN_HUGE_BYTES * Math.pow((double) maxBytes / MIN_HUGE_BYTES, share));
            sizes.add(bytes);
            rig.sender().send(mutator.huge("f-huge-" + h, "u-huge", catalogue.random(random), events.nextTime(),
                    bytes, h % 2 == 0));
        }
        return sizes;
    }
}
