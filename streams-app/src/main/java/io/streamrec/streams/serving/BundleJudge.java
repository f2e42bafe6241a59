package io.streamrec.streams.serving;

import java.util.OptionalLong;

/**
 * Decides on one record of the model topic; {@link BundleGate} is the one that serves. The model watcher depends on
 * this rather than on the gate so that a test can hand it a judge that fails in ways a real bundle cannot make it.
 */
@FunctionalInterface
public interface BundleJudge {
    /**
     * @param servingVersion the version the record's line serves now, empty before its first model
     * @return {@link BundleDecision.Accept} with a loaded model the caller now owns (and must install or close)
     */
    BundleDecision consider(String key, byte[] value, OptionalLong servingVersion);
}
