package io.streamrec.trainer.gru4rec;

import java.util.Arrays;
import java.util.List;

/**
 * GRU4Rec's session-parallel mini-batches. Sessions (item indices, in the dataset's start-time order) are laid
 * side by side in {@code batchSize} slots; each {@link #next()} moves every slot one click on, yielding the current
 * item as input and the following one as target. When a slot's session has no target left, the next unused session
 * takes the slot and the slot is flagged in {@link #resets()} so its hidden state is zeroed.
 *
 * <p>Training stops at the first step where a slot cannot be refilled (the tail of the data is shorter than a
 * batch, as in the paper). Evaluation ({@code finishAll}) keeps going with idle slots, flagged in
 * {@link #active()}, until every session is done, so that every test event is predicted.
 */
public final class SessionParallelBatches {
    private final List<int[]> sessions;
    private final boolean finishAll;
    private final int[] session;
    private final int[] position;
    private final long[] inputs;
    private final long[] targets;
    private final boolean[] resets;
    private final boolean[] active;
    private int nextSession;
    private boolean started;

    public SessionParallelBatches(List<int[]> sessions, int batchSize, boolean finishAll) {
        for (int[] s : sessions) {
            if (s.length < 2) {
                throw new IllegalArgumentException("every session needs at least two clicks");
            }
        }
        this.sessions = sessions;
        this.finishAll = finishAll;
        this.session = new int[batchSize];
        this.position = new int[batchSize];
        this.inputs = new long[batchSize];
        this.targets = new long[batchSize];
        this.resets = new boolean[batchSize];
        this.active = new boolean[batchSize];
    }

    /** Advances every slot by one click; false when the iteration is over. */
    public boolean next() {
        Arrays.fill(resets, false);
        if (!started) {
            started = true;
            for (int b = 0; b < session.length; b++) {
                if (!assign(b)) {
                    if (!finishAll) {
                        return false;
                    }
                }
            }
        } else {
            for (int b = 0; b < session.length; b++) {
                if (!active[b]) {
                    continue;
                }
                position[b]++;
                if (position[b] + 1 >= sessions.get(session[b]).length && !assign(b) && !finishAll) {
                    return false;
                }
            }
        }
        boolean any = false;
        for (int b = 0; b < session.length; b++) {
            if (active[b]) {
                int[] s = sessions.get(session[b]);
                inputs[b] = s[position[b]];
                targets[b] = s[position[b] + 1];
                any = true;
            } else {
                inputs[b] = 0;
                targets[b] = 0;
            }
        }
        return any;
    }

    private boolean assign(int slot) {
        if (nextSession >= sessions.size()) {
            active[slot] = false;
            return false;
        }
        session[slot] = nextSession++;
        position[slot] = 0;
        resets[slot] = true;
        active[slot] = true;
        return true;
    }

    /** Current item per slot (0 for idle slots). */
    public long[] inputs() {
        return inputs;
    }

    /** Next item per slot (0 for idle slots). */
    public long[] targets() {
        return targets;
    }

    /** Slots whose session started this step: their hidden state must start from zero. */
    public boolean[] resets() {
        return resets;
    }

    /** Slots holding a session this step. */
    public boolean[] active() {
        return active;
    }

    /** The index (in the input list) of the session a slot holds. */
    public int sessionOf(int slot) {
        return session[slot];
    }
}
