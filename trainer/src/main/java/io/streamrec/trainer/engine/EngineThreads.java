package io.streamrec.trainer.engine;

/**
 * How many threads libtorch gets for training. DJL reads the setting once, when the engine starts, so every entry
 * point that trains calls {@link #defaultToOne()} first. The trainer's matrices are small, so libtorch's OpenMP
 * threads mostly spin-wait: measured here on 2 cores, 1 thread trained GRU4Rec as fast as 2 with half the CPU, and
 * far faster when other work shared the cores.
 */
public final class EngineThreads {
    static final String PROPERTY = "ai.djl.pytorch.num_threads";

    private EngineThreads() {
    }

    /** One libtorch thread, unless the user set {@value #PROPERTY} already. */
    public static void defaultToOne() {
        System.getProperties().putIfAbsent(PROPERTY, "1");
    }
}
