package io.streamrec.trainer.family;

/** Within-epoch progress of a training run, for a progress bar: {@code fraction} of {@code epoch} done, 0..1. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (epoch, fraction) -> { };

    void progress(int epoch, double fraction);

    /**
     * An epoch has ended, with its figures: where a bar may close or print its line. The pipeline calls it for every
     * family (a family's trainer reports its epochs through {@link TrainingContext#epochs()}, not here).
     */
    default void epochDone(EpochStats stats) {
    }
}
