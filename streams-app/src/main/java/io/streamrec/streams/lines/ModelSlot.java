package io.streamrec.streams.lines;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model currently serving, swappable while stream threads use it.
 *
 * <p>Each use takes a {@link Lease}; {@link #install} swaps atomically, and the replaced model is closed only when
 * its last lease is released. This ordering matters: ONNX Runtime crashes the JVM when a session is closed while
 * another thread is inside {@code run()}. A lease taken before a swap keeps the old model for that whole use, so one
 * event is never scored by half of one model and half of another.
 */
public final class ModelSlot<M extends AutoCloseable> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelSlot.class);

    private final AtomicReference<Counted<M>> current = new AtomicReference<>();

    /** A lease on the current model, or empty when none has been installed. */
    public Optional<Lease<M>> lease() {
        while (true) {
            Counted<M> counted = current.get();
            if (counted == null) {
                return Optional.empty();
            }
            if (counted.tryRetain()) {
                return Optional.of(new Lease<>(counted));
            }
            // Lost a race with a swap that released the last reference: the slot already holds the newer model.
        }
    }

    /** Makes {@code model} current; the previous one closes when its last lease ends. */
    public void install(M model) {
        Counted<M> previous = current.getAndSet(new Counted<>(model));
        if (previous != null) {
            previous.release();
        }
    }

    /** The current model, for reading its description only: use {@link #lease()} to run it. */
    public Optional<M> peek() {
        Counted<M> counted = current.get();
        return counted == null ? Optional.empty() : Optional.of(counted.model);
    }

    @Override
    public void close() {
        Counted<M> previous = current.getAndSet(null);
        if (previous != null) {
            previous.release();
        }
    }

    /** One use of a model; closing it releases the model. */
    public static final class Lease<M extends AutoCloseable> implements AutoCloseable {
        private final Counted<M> counted;
        private boolean released;

        private Lease(Counted<M> counted) {
            this.counted = counted;
        }

        public M model() {
            return counted.model;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                counted.release();
            }
        }
    }

    private static final class Counted<M extends AutoCloseable> {
        private final M model;
        // The slot's own reference is the initial 1; it is released by the swap that replaces this model.
        private final AtomicInteger references = new AtomicInteger(1);

        private Counted(M model) {
            this.model = model;
        }

        boolean tryRetain() {
            while (true) {
                int refs = references.get();
                if (refs == 0) {
                    return false;
                }
                if (references.compareAndSet(refs, refs + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (references.decrementAndGet() == 0) {
                try {
                    model.close();
                } catch (Exception e) {
                    log.warn("closing a retired model failed", e);
                }
            }
        }
    }
}
