package io.streamrec.streams.topology;

import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store that stores nothing: its only job is to be flushed. Before a task commits (and before it is
 * suspended or closed cleanly, e.g. in a rebalance) Kafka Streams flushes the task's store caches, then the task's
 * producer, then commits the input offsets, inside the transaction under exactly-once. This store's flush runs the
 * click processor's pending batch, so every event processed since the last commit has its answer sent and its state
 * written before its offset is committed: no event waits in memory across a commit, under either guarantee.
 *
 * <p>It is a "cached" store only in the sense Kafka Streams uses to decide what to flush before a commit (the same
 * hook the DSL's record caches use to forward their records at that moment); it has no changelog and holds no data.
 * A task closed dirty (after an error or a lost fencing) discards the batch: its offsets are not committed, so its
 * events are processed again.
 */
final class CommitBarrier implements StateStore, CachedStateStore<Object, Object> {
    private final String name;
    private Runnable beforeCommit = () -> { };
    private Runnable discard = () -> { };
    private boolean open;

    private CommitBarrier(String name) {
        this.name = name;
    }

    /** What to run before every commit of the task ({@code beforeCommit}) and when its work is thrown away. */
    void onCommit(Runnable beforeCommit, Runnable discard) {
        this.beforeCommit = beforeCommit;
        this.discard = discard;
    }

    @Override
    public void flushCache() {
        beforeCommit.run();
    }

    @Override
    public void clearCache() {
        discard.run();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // Registered like any store, so that the task's state manager flushes it; nothing to restore.
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void close() {
        // A clean close commits (and so flushes) first; reaching here with events pending means the task is closed
        // dirty, and its uncommitted events will be processed again wherever it goes next.
        discard.run();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds one barrier per task; never logged, never cached. */
    static StoreBuilder<CommitBarrier> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<CommitBarrier> withCachingEnabled() {
                throw new UnsupportedOperationException("a commit barrier has nothing to cache");
            }

            @Override
            public StoreBuilder<CommitBarrier> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitBarrier> withLoggingEnabled(Map<String, String> config) {
                throw new UnsupportedOperationException("a commit barrier has nothing to log");
            }

            @Override
            public StoreBuilder<CommitBarrier> withLoggingDisabled() {
                return this;
            }

            @Override
            public CommitBarrier build() {
                return new CommitBarrier(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
