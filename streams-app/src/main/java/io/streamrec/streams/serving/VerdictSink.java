package io.streamrec.streams.serving;

import io.streamrec.schemas.verdict.ModelVerdict;

/** Where the model watcher tells what it did with each bundle of its lines. */
public interface VerdictSink extends AutoCloseable {
    /** Tells no one (tests, and tools that judge bundles without serving). */
    VerdictSink NONE = new VerdictSink() {
        @Override
        public void report(ModelVerdict verdict) {
        }

        @Override
        public void close() {
        }
    };

    /** Hands the verdict on; never blocks the caller for long and never throws. */
    void report(ModelVerdict verdict);

    @Override
    void close();
}
