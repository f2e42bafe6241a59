package io.streamrec.trainer.family;

/** Within-epoch progress of a training run, for a progress bar: {@code fraction} of {@code epoch} done, 0..1. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (epoch, fraction) -> { };

    void progress(int epoch, double fraction);
}
