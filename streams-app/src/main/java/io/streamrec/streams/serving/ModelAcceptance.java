package io.streamrec.streams.serving;

import io.streamrec.schemas.bundle.BundleTrust;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a well-formed bundle must also satisfy to serve, beyond the checks of its format and of ONNX Runtime.
 *
 * <p><b>Signer.</b> {@code trust} says whose bundles are believed (see {@link BundleTrust}).
 *
 * <p><b>Version.</b> A line's versions only increase, and a bundle's version must lie in 1..{@link #MAX_VERSION}.
 * Once a line serves a model, a new version may be at most {@code maxVersionJump} above it. A version that passes is
 * what every later one must exceed, so one absurd version (a typo, {@code Long.MAX_VALUE}) would otherwise block the
 * line for good; with the jump bounded, whoever holds the signing key can always roll forward by publishing a version
 * within the jump, and an operator who means a larger jump raises the setting for it. The default is sized for the
 * trainer's default versions, the UTC time as {@code yyyyMMddHHmmss}, which grow by 10^6 a day and 10^10 a year: 10^11
 * lets a line go ten years between models, where the suggested-looking 10^6 would refuse a model two days newer.
 * Before a line's first model there is nothing to measure a jump from, and only the range applies.
 *
 * <p><b>Catalogue.</b> {@code minCatalogueOverlap} is the share of this instance's recent clicks (the last
 * {@link io.streamrec.streams.popularity.PopularityRanking#DEFAULT_RECENT_CLICKS}) whose item the bundle's vocabulary
 * holds: roughly the share of answers the model could give rather than popularity. It weighs items by clicks on
 * purpose: a bundle that lacks the long tail of items clicked once loses little, one that lacks what users click
 * most loses much. It is judged only once those clicks span at least {@code minOverlapItems} distinct items, so that a
 * fresh deployment (or a quiet one) still loads its first model; 0 turns the check off.
 *
 * <p>Both the jump and the overlap are measured against what a running instance knows. An instance that starts
 * while the topic's newest bundle is one that running instances refused for either reason has no serving version
 * and no clicks to judge it by, and loads it if it passes everything else; the publisher was told of the refusal
 * (see {@code train --publish}) and is expected to publish a corrected bundle, which then supersedes it.
 *
 * @param trust               whose bundles are believed
 * @param maxVersionJump      how far above the serving version a new version may be
 * @param minCatalogueOverlap least share (0..1) of recent clicks on items the bundle knows
 * @param minOverlapItems     distinct recently clicked items needed before the overlap is judged
 */
public record ModelAcceptance(BundleTrust trust, long maxVersionJump, double minCatalogueOverlap,
                              int minOverlapItems) {
    /**
     * The highest version accepted: 15 digits, above every version the trainer's clock makes (14 digits) and far
     * enough below {@code Long.MAX_VALUE} that no version arithmetic overflows.
     */
    public static final long MAX_VERSION = 999_999_999_999_999L;
    public static final long DEFAULT_MAX_VERSION_JUMP = 100_000_000_000L;
    public static final double DEFAULT_MIN_CATALOGUE_OVERLAP = 0.5;
    public static final int DEFAULT_MIN_OVERLAP_ITEMS = 100;

    public ModelAcceptance {
        Objects.requireNonNull(trust, "trust");
        if (maxVersionJump < 1 || maxVersionJump > MAX_VERSION) {
            throw new IllegalArgumentException("maxVersionJump must be between 1 and " + MAX_VERSION + ", not "
                    + maxVersionJump);
        }
        if (!(minCatalogueOverlap >= 0 && minCatalogueOverlap <= 1)) {
            throw new IllegalArgumentException("minCatalogueOverlap must be between 0 and 1, not "
                    + minCatalogueOverlap);
        }
        if (minOverlapItems < 1) {
            throw new IllegalArgumentException("minOverlapItems must be at least 1");
        }
    }

    /** The default checks, believing bundles as {@code trust} says. */
    public static ModelAcceptance of(BundleTrust trust) {
        return new ModelAcceptance(trust, DEFAULT_MAX_VERSION_JUMP, DEFAULT_MIN_CATALOGUE_OVERLAP,
                DEFAULT_MIN_OVERLAP_ITEMS);
    }

    public ModelAcceptance withTrust(BundleTrust believed) {
        return new ModelAcceptance(believed, maxVersionJump, minCatalogueOverlap, minOverlapItems);
    }

    public ModelAcceptance withMaxVersionJump(long jump) {
        return new ModelAcceptance(trust, jump, minCatalogueOverlap, minOverlapItems);
    }

    public ModelAcceptance withMinCatalogueOverlap(double share) {
        return new ModelAcceptance(trust, maxVersionJump, share, minOverlapItems);
    }

    /** Why {@code version} may not follow {@code serving} (empty before the line's first model), if it may not. */
    Optional<String> versionProblem(long version, OptionalLong serving) {
        if (version < 1) {
            return Optional.of("version " + version + " is not positive");
        }
        if (version > MAX_VERSION) {
            return Optional.of("version " + version + " is above the highest version accepted, " + MAX_VERSION);
        }
        if (serving.isEmpty()) {
            return Optional.empty();
        }
        long current = serving.getAsLong();
        if (version <= current) {
            return Optional.of("version " + version + " is not newer than the serving version " + current);
        }
        if (version - current > maxVersionJump) {
            return Optional.of("version " + version + " is " + (version - current) + " past the serving version "
                    + current + ", more than the allowed jump of " + maxVersionJump
                    + " (publish a version within it, or raise --max-version-jump)");
        }
        return Optional.empty();
    }

    /** Why a bundle knowing {@code vocabulary} does not fit what was clicked recently, if it does not. */
    Optional<String> catalogueProblem(Collection<String> vocabulary, List<String> recentClicks) {
        if (minCatalogueOverlap == 0) {
            return Optional.empty();
        }
        Set<String> known = new HashSet<>(vocabulary);
        Set<String> distinct = new HashSet<>();
        int hits = 0;
        for (String item : recentClicks) {
            distinct.add(item);
            if (known.contains(item)) {
                hits++;
            }
        }
        if (distinct.size() < minOverlapItems) {
            return Optional.empty();
        }
        double share = hits / (double) recentClicks.size();
        if (share >= minCatalogueOverlap) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "catalogue overlap too small: the bundle knows the items of"
                        + " %.1f%% of this instance's last %,d clicks (%,d distinct items), at least %.1f%% required"
                        + " (--min-catalogue-overlap %s)", 100 * share, recentClicks.size(), distinct.size(),
                100 * minCatalogueOverlap, minCatalogueOverlap));
    }
}
