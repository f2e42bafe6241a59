package io.streamrec.cli.options;

import picocli.CommandLine.Option;

/** How many threads ONNX Runtime scores one call with, for the commands that time the model call. */
public final class ScoringThreadsOption {
    @Option(names = "--intra-op-threads", defaultValue = "1", description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE}).")
    int intraOpThreads;

    public int intraOpThreads() {
        return intraOpThreads;
    }
}
