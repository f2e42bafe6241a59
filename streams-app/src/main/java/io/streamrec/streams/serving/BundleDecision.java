package io.streamrec.streams.serving;

import io.streamrec.model.OnnxModel;

/** What the watcher does with one record of the model topic. */
public sealed interface BundleDecision {

    /** A checked, warmed-up model to swap in. */
    record Accept(OnnxModel model) implements BundleDecision {
    }

    /** A bundle for this app that must not serve, and why; the current model stays. */
    record Refuse(String reason) implements BundleDecision {
    }

    /** A record that is not for this app (another model line, a tombstone). */
    record Ignore(String reason) implements BundleDecision {
    }
}
