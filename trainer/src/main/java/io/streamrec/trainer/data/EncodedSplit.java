package io.streamrec.trainer.data;

import java.util.List;
import java.util.function.Consumer;

/**
 * Training and held-out sessions as indices of the training items' {@link ItemCatalogue}: what every session-based
 * family trains and is evaluated on.
 */
public record EncodedSplit(ItemCatalogue catalogue, List<int[]> train, List<int[]> test) {

    /**
     * Encodes both parts with the catalogue of {@code train} and logs their sizes.
     *
     * @throws IllegalArgumentException when no training session keeps two clicks
     */
    public static EncodedSplit of(SessionDataset train, SessionDataset test, Consumer<String> log) {
        ItemCatalogue catalogue = new ItemCatalogue(train);
        EncodedSplit split = new EncodedSplit(catalogue, catalogue.encode(train), catalogue.encode(test));
        if (split.train().isEmpty()) {
            throw new IllegalArgumentException("no training session has two clicks on known items");
        }
        log.accept(String.format("%,d items, %,d training sessions, %,d test sessions", catalogue.size(),
                split.train().size(), split.test().size()));
        return split;
    }
}
