package io.streamrec.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The item ids events click on, {@code i-1 .. i-N}, and the ids of a catalogue that shares none of them. */
public record Catalogue(String prefix, int size) {

    public static Catalogue items(int size) {
        return new Catalogue("i-", size);
    }

    /** Same size, no item in common: what a bundle trained for another shop holds. */
    public Catalogue foreign() {
        return new Catalogue("other-", size);
    }

    public String item(int index) {
        return prefix + (index + 1);
    }

    public String random(Random random) {
        return item(random.nextInt(size));
    }

    public List<String> all() {
        List<String> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(item(i));
        }
        return items;
    }
}
