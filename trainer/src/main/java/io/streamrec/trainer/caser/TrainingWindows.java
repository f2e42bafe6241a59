package io.streamrec.trainer.caser;

import java.util.List;

/**
 * The (previous L items → next T items) windows Caser trains on, laid out flat for batching. Inputs are
 * right-aligned and padded in front with item 0 ({@link CaserModel#window}); a window with fewer than T targets (only
 * with {@link CaserConfig.Windows#ALL}, or a sequence shorter than L + T) has its real targets first and 0 after,
 * and 0 targets are masked out of the loss.
 *
 * @param inputs   [count·L] item indices
 * @param targets  [count·T] item indices, 0 = no target
 * @param users    [count] user index of each window's sequence (0 = unknown)
 * @param sequence [count] which sequence each window came from (for negative sampling)
 */
record TrainingWindows(int count, int length, int targetCount, long[] inputs, long[] targets, int[] users,
                       int[] sequence) {

    /**
     * @param sequences item indices per sequence, oldest first
     * @param userOf    the user index of each sequence (0 for anonymous sessions)
     */
    static TrainingWindows of(List<int[]> sequences, int[] userOf, CaserConfig config) {
        int l = config.sequenceLength();
        int t = config.targets();
        int count = 0;
        for (int[] s : sequences) {
            count += starts(s.length, config).length;
        }
        long[] inputs = new long[count * l];
        long[] targets = new long[count * t];
        int[] users = new int[count];
        int[] from = new int[count];
        int w = 0;
        for (int q = 0; q < sequences.size(); q++) {
            int[] s = sequences.get(q);
            for (int start : starts(s.length, config)) {
                CaserModel.window(s, start, l, inputs, w * l);
                for (int j = 0; j < t && start + j < s.length; j++) {
                    targets[w * t + j] = s[start + j];
                }
                users[w] = userOf[q];
                from[w] = q;
                w++;
            }
        }
        return new TrainingWindows(count, l, t, inputs, targets, users, from);
    }

    /**
     * The positions of each window's first target in a sequence of {@code n} items. Full windows, as the authors'
     * code: every window of L inputs and T targets; a sequence too short for one gives a single window holding its
     * last (up to T) items as targets. All windows: every position from 1 on.
     */
    static int[] starts(int n, CaserConfig config) {
        if (n < 2) {
            return new int[0];
        }
        int l = config.sequenceLength();
        int t = config.targets();
        if (config.windows() == CaserConfig.Windows.ALL) {
            int[] all = new int[n - 1];
            for (int i = 0; i < all.length; i++) {
                all[i] = i + 1;
            }
            return all;
        }
        if (n < l + t) {
            return new int[] {Math.max(1, n - t)};
        }
        int[] full = new int[n - l - t + 1];
        for (int i = 0; i < full.length; i++) {
            full[i] = l + i;
        }
        return full;
    }
}
