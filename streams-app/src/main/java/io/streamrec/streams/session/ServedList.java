package io.streamrec.streams.session;

import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The list a session was last given, kept so that its next click can be scored against it (online hit rate and
 * MRR): the model that made it and its items' 32-bit fingerprints, best first. Fingerprints rather than ids keep it
 * at 4 bytes an item on a store written on every event; a click on an item outside the list matches one of K
 * fingerprints by chance with probability about K / 2^32, which no metric here can see.
 */
public record ServedList(String modelName, long modelVersion, int[] fingerprints) {

    public ServedList {
        fingerprints = fingerprints.clone();
    }

    public static ServedList of(Recommendation recommendation) {
        List<RecommendedItem> items = recommendation.items();
        int[] fingerprints = new int[items.size()];
        for (int i = 0; i < fingerprints.length; i++) {
            fingerprints[i] = StableHash.fingerprint(items.get(i).itemId());
        }
        return new ServedList(recommendation.modelName(), recommendation.modelVersion(), fingerprints);
    }

    /** The item's 1-based rank in the list, or 0 when it is not in it. */
    public int rankOf(String itemId) {
        int fingerprint = StableHash.fingerprint(itemId);
        for (int i = 0; i < fingerprints.length; i++) {
            if (fingerprints[i] == fingerprint) {
                return i + 1;
            }
        }
        return 0;
    }

    /** How many items the list has, without the copy {@link #fingerprints()} makes. */
    public int size() {
        return fingerprints.length;
    }

    /** Puts the fingerprints into {@code out}, without the copy {@link #fingerprints()} makes. */
    void copyFingerprints(IntBuffer out) {
        out.put(fingerprints);
    }

    @Override
    public int[] fingerprints() {
        return fingerprints.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServedList s && s.modelName.equals(modelName) && s.modelVersion == modelVersion
                && Arrays.equals(s.fingerprints, fingerprints);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * modelName.hashCode() + Long.hashCode(modelVersion)) + Arrays.hashCode(fingerprints);
    }

    @Override
    public String toString() {
        return "ServedList[" + modelName + " v" + modelVersion + ", " + fingerprints.length + " items]";
    }
}
