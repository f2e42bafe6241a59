package io.streamrec.trainer.data;

import java.util.List;
import java.util.function.Consumer;

/**
 * Training and held-out sequences as indices of the training items' {@link ItemCatalogue}: the one encoding every
 * family trains and is evaluated on, so that all rank the same candidates.
 *
 * @param train       what a family trains on
 * @param test        held-out sessions (may be empty)
 * @param trainingIds the id of every training session as read, kept or not, once each, in order: the user vocabulary
 *                    of a family with user vectors
 * @param perUser     each training sequence is one user's whole history, its id the user's (the per-user hold-out
 *                    protocol): a family with user vectors uses them whatever its settings say
 */
public record EncodedSplit(ItemCatalogue catalogue, Part train, Part test, List<String> trainingIds,
                           boolean perUser) {

    /** Sequences as item indices, oldest first, each with its session's (or user's) id. */
    public record Part(List<int[]> sessions, List<String> ids) {
        public static final Part EMPTY = new Part(List.of(), List.of());

        public Part {
            if (sessions.size() != ids.size()) {
                throw new IllegalArgumentException(ids.size() + " ids for " + sessions.size() + " sessions");
            }
            sessions = List.copyOf(sessions);
            ids = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ids));
        }

        public boolean isEmpty() {
            return sessions.isEmpty();
        }
    }

    /**
     * The session protocol's encoding: both parts with the catalogue of {@code train}, unknown items dropped and
     * sessions left with fewer than two clicks skipped; logs their sizes.
     *
     * @throws IllegalArgumentException when no training session keeps two clicks
     */
    public static EncodedSplit of(SessionDataset train, SessionDataset test, Consumer<String> log) {
        ItemCatalogue catalogue = new ItemCatalogue(train);
        EncodedSplit split = new EncodedSplit(catalogue, catalogue.encodeWithIds(train),
                catalogue.encodeWithIds(test),
                train.sessions().stream().map(Session::sessionId).distinct().toList(), false);
        if (split.train().isEmpty()) {
            throw new IllegalArgumentException("no training session has two clicks on known items");
        }
        log.accept(String.format("%,d items, %,d training sessions, %,d test sessions", catalogue.size(),
                split.train().sessions().size(), split.test().sessions().size()));
        return split;
    }

    /** Per-user histories (user ids beside them) to train on, nothing held out: the hold-out protocol's input. */
    public static EncodedSplit perUser(ItemCatalogue catalogue, List<int[]> histories, List<String> userIds) {
        return new EncodedSplit(catalogue, new Part(histories, userIds), Part.EMPTY, List.copyOf(userIds), true);
    }
}
