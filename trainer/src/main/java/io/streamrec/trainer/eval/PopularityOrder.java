package io.streamrec.trainer.eval;

import java.util.Arrays;

/**
 * Items ordered by training clicks, with, for each item, how many items are more popular and how many equally so:
 * what ranking the items a sparse baseline leaves unscored by popularity needs, in O(1) per prediction.
 */
public final class PopularityOrder {
    private final float[] counts;
    private final int[] moreClicked;
    private final int[] equallyClicked;

    /** @param counts training clicks per item index; index 0 (padding) is ignored */
    public PopularityOrder(float[] counts) {
        this.counts = counts.clone();
        int n = counts.length - 1;
        float[] sorted = Arrays.copyOfRange(counts, 1, counts.length);
        Arrays.sort(sorted);
        moreClicked = new int[counts.length];
        equallyClicked = new int[counts.length];
        for (int i = 1; i <= n; i++) {
            int firstAbove = upperBound(sorted, counts[i]);
            int firstAtOrAbove = lowerBound(sorted, counts[i]);
            moreClicked[i] = n - firstAbove;
            equallyClicked[i] = firstAbove - firstAtOrAbove - 1;
        }
    }

    public float clicks(int item) {
        return counts[item];
    }

    /** Items with more training clicks than {@code item}. */
    public int moreClicked(int item) {
        return moreClicked[item];
    }

    /** Other items with exactly as many training clicks as {@code item}. */
    public int equallyClicked(int item) {
        return equallyClicked[item];
    }

    private static int upperBound(float[] a, float v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int lowerBound(float[] a, float v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
