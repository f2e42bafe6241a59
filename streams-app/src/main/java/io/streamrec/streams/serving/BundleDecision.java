package io.streamrec.streams.serving;

import io.streamrec.model.OnnxModel;

/** What the watcher does with one record of the model topic. */
public sealed interface BundleDecision {

    /** A checked, warmed-up model to swap in. */
    record Accept(OnnxModel model) implements BundleDecision {
    }

    /**
     * A bundle for this app that must not serve, and why; the current model stays.
     *
     * @param cause   the class of the reason, for the metrics
     * @param reason  what was wrong, in words
     * @param version the bundle's version, 0 when it was refused before its manifest could be read
     */
    record Refuse(RefusalCause cause, String reason, long version) implements BundleDecision {
        /** A refusal of a bundle whose version is not known. */
        public Refuse(RefusalCause cause, String reason) {
            this(cause, reason, 0);
        }
    }

    /** A record that is not for this app (another model line, a tombstone). */
    record Ignore(String reason) implements BundleDecision {
    }
}
