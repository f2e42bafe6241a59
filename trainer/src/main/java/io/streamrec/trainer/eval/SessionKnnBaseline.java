package io.streamrec.trainer.eval;

import io.streamrec.trainer.data.ItemCatalogue;

import java.util.Arrays;
import java.util.List;

/**
 * Session-based kNN (SKNN; Jannach & Ludewig, "When recurrent neural networks meet the neighborhood for session-based
 * recommendation", RecSys 2017). The current session is the set of items clicked so far. Candidate neighbours are the
 * {@code sampleSize} most recent training sessions (by the time of their last click) that share an item with it;
 * similarity is the cosine of binary item vectors, |A ∩ B| / sqrt(|A| |B|); the {@code k} most similar candidates are
 * the neighbours (ties: the more recent first), and the score of item j is the sum of the similarities of the
 * neighbours that contain j. Items of the current session are scored like any other.
 *
 * <p>Memory is one posting list per item (the sessions containing it) and the sessions' distinct items; the
 * candidates of a prediction are found by merging the posting lists of its items from the most recent end, so a
 * prediction costs about {@code sampleSize} list steps however popular its items are.
 */
public final class SessionKnnBaseline implements SessionBaseline {
    public static final int DEFAULT_K = 100;
    public static final int DEFAULT_SAMPLE_SIZE = 1000;

    private final int k;
    private final int sampleSize;
    /** Distinct items of each training session; session index = recency rank (larger = more recent). */
    private final int[][] sessionItems;
    /** For each item, the sessions containing it, ascending. */
    private final int[][] postings;

    // state of the current session
    private final boolean[] inSession;
    private int[] current = new int[16];
    private int currentSize;

    // scratch
    private int[] heap = new int[16];
    private int[] heapPos = new int[16];
    private final int[] candidates;
    private final int[] overlap;
    private final double[] similarity;
    private final double[] sortedSimilarity;
    private final int[] neighbours;
    private final double[] scoreOf;
    private int[] scoredItems;
    private double[] scoredValues;
    private int scoredSize;

    public SessionKnnBaseline(int itemCount, List<int[]> trainByRecency) {
        this(itemCount, trainByRecency, DEFAULT_K, DEFAULT_SAMPLE_SIZE);
    }

    /**
     * @param itemCount      indices run from 1 to this
     * @param trainByRecency training sessions as item indices, ordered by the time of their last click, least recent
     *                       first ({@link ItemCatalogue#encodeByRecency})
     * @param k              neighbours
     * @param sampleSize     most recent candidate sessions considered; 0 or less = all that share an item
     */
    public SessionKnnBaseline(int itemCount, List<int[]> trainByRecency, int k, int sampleSize) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
        this.sampleSize = sampleSize <= 0 ? Integer.MAX_VALUE : sampleSize;
        int n = trainByRecency.size();
        this.sessionItems = new int[n][];
        int[] postingCounts = new int[itemCount + 1];
        boolean[] seen = new boolean[itemCount + 1];
        for (int s = 0; s < n; s++) {
            int[] session = trainByRecency.get(s);
            int[] distinct = new int[session.length];
            int size = 0;
            for (int item : session) {
                if (item < 1 || item > itemCount) {
                    throw new IllegalArgumentException("item index " + item + " outside 1.." + itemCount);
                }
                if (!seen[item]) {
                    seen[item] = true;
                    distinct[size++] = item;
                    postingCounts[item]++;
                }
            }
            for (int i = 0; i < size; i++) {
                seen[distinct[i]] = false;
            }
            sessionItems[s] = Arrays.copyOf(distinct, size);
        }
        this.postings = new int[itemCount + 1][];
        for (int item = 0; item <= itemCount; item++) {
            postings[item] = new int[postingCounts[item]];
        }
        int[] fill = new int[itemCount + 1];
        for (int s = 0; s < n; s++) {
            for (int item : sessionItems[s]) {
                postings[item][fill[item]++] = s;
            }
        }
        this.inSession = new boolean[itemCount + 1];
        int maxCandidates = (int) Math.min(n, this.sampleSize);
        this.candidates = new int[maxCandidates];
        this.overlap = new int[maxCandidates];
        this.similarity = new double[maxCandidates];
        this.sortedSimilarity = new double[maxCandidates];
        this.neighbours = new int[Math.min(k, maxCandidates)];
        this.scoreOf = new double[itemCount + 1];
        this.scoredItems = new int[16];
        this.scoredValues = new double[16];
    }

    @Override
    public String name() {
        return "sknn";
    }

    @Override
    public void reset() {
        for (int i = 0; i < currentSize; i++) {
            inSession[current[i]] = false;
        }
        currentSize = 0;
    }

    @Override
    public SparseScores next(int item) {
        if (item >= 1 && item < inSession.length && !inSession[item]) {
            inSession[item] = true;
            if (currentSize == current.length) {
                current = Arrays.copyOf(current, currentSize * 2);
            }
            current[currentSize++] = item;
        }
        int found = collectCandidates();
        int chosen = chooseNeighbours(found);
        return score(chosen);
    }

    /** Merges the posting lists of the session's items from their most recent ends; counts shared items. */
    private int collectCandidates() {
        if (heap.length < currentSize) {
            heap = new int[current.length];
            heapPos = new int[current.length];
        }
        int size = 0;
        for (int i = 0; i < currentSize; i++) {
            int item = current[i];
            if (postings[item].length > 0) {
                heap[size] = item;
                heapPos[size] = postings[item].length - 1;
                siftUp(size++);
            }
        }
        int found = 0;
        int last = -1;
        while (size > 0) {
            int s = postings[heap[0]][heapPos[0]];
            if (s != last) {
                if (found == candidates.length) {
                    break;
                }
                candidates[found] = s;
                overlap[found] = 0;
                found++;
                last = s;
            }
            overlap[found - 1]++;
            if (--heapPos[0] < 0) {
                size--;
                heap[0] = heap[size];
                heapPos[0] = heapPos[size];
            }
            siftDown(0, size);
        }
        return found;
    }

    /** The k most similar candidates into {@link #neighbours}; equal similarities go to the more recent. */
    private int chooseNeighbours(int found) {
        double norm = Math.sqrt(currentSize);
        for (int i = 0; i < found; i++) {
            similarity[i] = overlap[i] / (norm * Math.sqrt(sessionItems[candidates[i]].length));
        }
        if (found <= k) {
            for (int i = 0; i < found; i++) {
                neighbours[i] = i;
            }
            return found;
        }
        System.arraycopy(similarity, 0, sortedSimilarity, 0, found);
        Arrays.sort(sortedSimilarity, 0, found);
        double threshold = sortedSimilarity[found - k];
        int chosen = 0;
        // candidates are in descending recency, so taking ties in this order prefers the more recent
        for (int i = 0; i < found; i++) {
            if (similarity[i] > threshold) {
                neighbours[chosen++] = i;
            }
        }
        for (int i = 0; i < found && chosen < k; i++) {
            if (similarity[i] == threshold) {
                neighbours[chosen++] = i;
            }
        }
        return chosen;
    }

    private SparseScores score(int chosen) {
        for (int i = 0; i < scoredSize; i++) {
            scoreOf[scoredItems[i]] = 0;
        }
        scoredSize = 0;
        for (int n = 0; n < chosen; n++) {
            int c = neighbours[n];
            double sim = similarity[c];
            for (int item : sessionItems[candidates[c]]) {
                if (scoreOf[item] == 0) {
                    if (scoredSize == scoredItems.length) {
                        scoredItems = Arrays.copyOf(scoredItems, scoredSize * 2);
                    }
                    scoredItems[scoredSize++] = item;
                }
                scoreOf[item] += sim;
            }
        }
        if (scoredValues.length < scoredSize) {
            scoredValues = new double[scoredItems.length];
        }
        for (int i = 0; i < scoredSize; i++) {
            scoredValues[i] = scoreOf[scoredItems[i]];
        }
        return new SparseScores(scoredItems, scoredValues, 0, scoredSize);
    }

    // a max-heap of posting lists keyed by the session at their current position

    private int key(int slot) {
        return postings[heap[slot]][heapPos[slot]];
    }

    private void siftUp(int slot) {
        while (slot > 0) {
            int parent = (slot - 1) / 2;
            if (key(parent) >= key(slot)) {
                return;
            }
            swap(slot, parent);
            slot = parent;
        }
    }

    private void siftDown(int slot, int size) {
        while (true) {
            int left = 2 * slot + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int larger = right < size && key(right) > key(left) ? right : left;
            if (key(slot) >= key(larger)) {
                return;
            }
            swap(slot, larger);
            slot = larger;
        }
    }

    private void swap(int a, int b) {
        int h = heap[a];
        heap[a] = heap[b];
        heap[b] = h;
        int p = heapPos[a];
        heapPos[a] = heapPos[b];
        heapPos[b] = p;
    }
}
