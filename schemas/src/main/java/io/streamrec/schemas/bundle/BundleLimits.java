package io.streamrec.schemas.bundle;

import io.streamrec.schemas.topic.TopicCatalogue;

/**
 * How much a bundle may inflate to, checked while it inflates: a ZIP's declared sizes are the sender's word and are
 * never trusted. A bundle over a limit is refused before anything of that size is kept.
 *
 * @param maxEntries     entries in the archive
 * @param maxEntryBytes  inflated bytes of any one entry
 * @param maxTotalBytes  inflated bytes of all entries together
 */
public record BundleLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
    /**
     * One entry may be as large as the largest bundle a reader assembles ({@link ChunkAssembler#DEFAULT_MAX_TOTAL_BYTES},
     * far above the topic's {@link TopicCatalogue#MAX_BUNDLE_BYTES} per record, since bundles that large come in
     * chunks); all of them together twice that. Model weights barely compress, so an honest bundle inflates to about
     * its own size; the second half leaves room for a step graph beside the sequence graph and for vocabularies,
     * which do compress. Every entry of a bundle has a name of its own, so there are at most that many entries.
     */
    public static final BundleLimits DEFAULT = new BundleLimits(ModelBundleCodec.ENTRY_NAMES.size(),
            ChunkAssembler.DEFAULT_MAX_TOTAL_BYTES, 2 * ChunkAssembler.DEFAULT_MAX_TOTAL_BYTES);

    public BundleLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < maxEntryBytes) {
            throw new IllegalArgumentException("bundle limits must be positive, the total at least one entry's: "
                    + maxEntries + " entries, " + maxEntryBytes + " bytes each, " + maxTotalBytes + " in all");
        }
        // Entries are read into arrays once they are known to fit.
        if (maxEntryBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an entry cannot be read into memory past 2 GiB: " + maxEntryBytes);
        }
    }

    /** "512 MiB", "4 KiB" or "100 bytes", for refusals. */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
