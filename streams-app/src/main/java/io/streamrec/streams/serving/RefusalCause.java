package io.streamrec.streams.serving;

import java.util.Locale;

/**
 * Why a model bundle was refused, in a few classes: the label of the refused-bundles metric. The refusal's own words
 * (logged, and sent to the publisher as its verdict) say exactly what was wrong.
 */
public enum RefusalCause {
    /** The codec refused it: not a readable archive, unsigned or wrongly signed, checksum or manifest wrong. */
    INVALID,
    /** Its manifest names another model than the record key. */
    WRONG_NAME,
    /** Its version is not newer than the one its line serves. */
    STALE_VERSION,
    /** It knows too little of the recently clicked catalogue. */
    CATALOGUE,
    /** ONNX Runtime could not load it or warm it up against its manifest. */
    LOAD,
    /** Its chunks could not be put together. */
    CHUNKS,
    /** Judging it failed in a way no bundle should cause; logged as an error. */
    FAILURE;

    /** The metric label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
