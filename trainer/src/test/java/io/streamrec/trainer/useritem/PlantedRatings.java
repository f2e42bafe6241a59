package io.streamrec.trainer.useritem;

import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.data.InteractionsBuilder;
import java.util.SplittableRandom;

/**
 * Generated ratings with a planted structure, for the rating families' tests: two taste groups of users and two
 * genres of items; a user rates items of their own genre high and of the other genre low, plus a per-user and a
 * per-item offset and a little noise, clipped to 1..5. Each user rates mostly (three in four) items of their own
 * genre, so which items a user rated tells their taste too (the implicit feedback SVD++ reads).
 */
public final class PlantedRatings {
    public static final int USERS = 120;
    public static final int ITEMS = 60;
    public static final int PER_USER = 20;

    private PlantedRatings() {
    }

    /** The taste (0 or 1) of user {@code u}, the genre of item {@code i}: by parity of the raw id's number. */
    public static int group(String id) {
        return Integer.parseInt(id.substring(1)) % 2;
    }

    /** The planted ratings as a RecBole {@code .inter} file, the layout the MovieLens 100k copy comes in. */
    public static void write(Interactions data, java.nio.file.Path file) throws java.io.IOException {
        StringBuilder out = new StringBuilder("user_id:token\titem_id:token\trating:float\ttimestamp:float\n");
        for (int r = 0; r < data.size(); r++) {
            out.append(data.userIds().get(data.users()[r])).append('\t').append(data.itemIds().get(data.items()[r]))
                    .append('\t').append(data.values()[r]).append('\t').append(1_000_000 + r).append('\n');
        }
        java.nio.file.Files.writeString(file, out);
    }

    public static Interactions generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] itemOffset = new double[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            itemOffset[i] = random.nextDouble(-0.5, 0.5);
        }
        InteractionsBuilder b = new InteractionsBuilder();
        long time = 0;
        for (int u = 0; u < USERS; u++) {
            double userOffset = random.nextDouble(-0.4, 0.4);
            boolean[] rated = new boolean[ITEMS];
            for (int n = 0; n < PER_USER; n++) {
                int item;
                do {
                    boolean own = random.nextDouble() < 0.75;
                    item = 2 * random.nextInt(ITEMS / 2) + (own ? u % 2 : 1 - u % 2);
                } while (rated[item]);
                rated[item] = true;
                double taste = item % 2 == u % 2 ? 1.2 : -1.2;
                double rating = 3 + userOffset + itemOffset[item] + taste + random.nextDouble(-0.3, 0.3);
                b.add("u" + u, "i" + item, (float) Math.max(1, Math.min(5, rating)), time++);
            }
        }
        return b.build();
    }
}
