package io.streamrec.trainer.ai2v;

import io.streamrec.trainer.skipgram.Item2VecModel;
import java.util.PriorityQueue;

/**
 * The cheap first stage of two-stage serving: an Item2Vec model's mean cosine similarity to the session's items
 * (O(N·d) per event) proposes the {@code count} best items, and only those are scored by AI2V (O(M·L·d) instead of
 * O(N·L·d)). The exported two-stage graph holds the same normalised table and computes the same proposals.
 *
 * @param normalised the Item2Vec model's unit input vectors [N+1, dim], row 0 zero
 * @param count      M, proposals per event (at most itemCount)
 */
public record CandidateStage(float[] normalised, int itemCount, int dim, int count) {
    public CandidateStage {
        if (count < 1 || count > itemCount) {
            throw new IllegalArgumentException("candidates must be in 1.." + itemCount + ", got " + count);
        }
    }

    public static CandidateStage of(Item2VecModel model, int count) {
        return new CandidateStage(model.normalisedTable(), model.itemCount(), model.dim(),
                Math.min(count, model.itemCount()));
    }

    /** The M item indices (1..N) with the highest first-stage scores after {@code window}, best first. */
    public int[] propose(int[] window) {
        float[] scores = Item2VecModel.meanCosine(normalised, itemCount, dim, window);
        // a min-heap of the best M so far: O(N log M); ties keep the lower index, as ONNX Runtime's TopK does
        PriorityQueue<Integer> best = new PriorityQueue<>(count + 1, (a, b) -> scores[a] != scores[b]
                ? Float.compare(scores[a], scores[b]) : Integer.compare(b, a));
        for (int j = 1; j <= itemCount; j++) {
            best.add(j);
            if (best.size() > count) {
                best.poll();
            }
        }
        int[] out = new int[best.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = best.poll();
        }
        return out;
    }
}
