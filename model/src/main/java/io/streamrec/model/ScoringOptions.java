package io.streamrec.model;

/**
 * How ONNX Runtime runs a model.
 *
 * <p>Thread counts are explicit because ONNX Runtime's defaults size their pools from the host's cores and ignore
 * container limits; with several stream threads each scoring one event at a time, one intra-op thread per session
 * is usually fastest.
 */
public record ScoringOptions(ExecutionDevice device, int intraOpThreads, int interOpThreads) {
    public ScoringOptions {
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1");
        }
    }

    public static ScoringOptions cpu() {
        return new ScoringOptions(ExecutionDevice.CPU, 1, 1);
    }
}
