package io.streamrec.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Click sessions with structure a sequence model can learn and popularity cannot: every item has a few preferred
 * successors (drawn independently of popularity), and a session's next click follows one of them with probability
 * {@code followProbability}, otherwise it is a popularity draw. Item popularity is Zipf-like. Deterministic for a
 * seed, so tests and the demo see the same data every run.
 *
 * <p>A generator instance holds the "world" (popularity and successor tables), so that tests can check the data
 * against the structure it was drawn from; {@link #generate(Config)} is the one-call form.
 *
 * @see Config
 */
public final class SyntheticSessions {
    /**
     * @param items             catalogue size
     * @param sessions          number of sessions
     * @param seed              random seed
     * @param successors        preferred successors per item
     * @param followProbability chance that the next click is a preferred successor of the current item
     * @param meanExtraClicks   mean session length beyond the first two clicks (geometric, capped at
     *                          {@link #MAX_LENGTH} clicks in all)
     * @param days              span of session start times
     */
    public record Config(int items, int sessions, long seed, int successors, double followProbability,
                         double meanExtraClicks, int days) {
        public Config {
            if (items < 2 || sessions < 1 || successors < 1 || days < 1 || meanExtraClicks < 0) {
                throw new IllegalArgumentException("need items >= 2, sessions, successors and days >= 1: " + this);
            }
            if (followProbability < 0 || followProbability > 1) {
                throw new IllegalArgumentException("followProbability must be in [0, 1], got " + followProbability);
            }
        }

        /** Defaults: 3 successors, followed with probability 0.75, mean length 5, spread over 7 days. */
        public Config(int items, int sessions, long seed) {
            this(items, sessions, seed, 3, 0.75, 3.0, 7);
        }

        public static Config defaults() {
            return new Config(1000, 20_000, 42);
        }
    }

    /** Longest generated session. */
    public static final int MAX_LENGTH = 15;
    /** Zipf exponent of item popularity: item i (0-based) is drawn with weight 1 / (i + 1)^0.8. */
    private static final double ZIPF_EXPONENT = 0.8;
    /** The first successor is the strongest habit; for other successor counts they are equally likely. */
    private static final double[] SUCCESSOR_WEIGHTS = {0.6, 0.3, 0.1};
    private static final long START_MS = 1_700_000_000_000L;
    private static final int MIN_GAP_MS = 5_000;
    private static final int MAX_GAP_MS = 120_000;

    private final Config config;
    private final double[] cumulativePopularity;
    private final int[][] successors;

    /** Draws the world (popularity and successor tables) for {@code config}; {@link #sessions()} draws the clicks. */
    public SyntheticSessions(Config config) {
        this.config = config;
        int n = config.items();
        this.cumulativePopularity = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += 1.0 / Math.pow(i + 1, ZIPF_EXPONENT);
            cumulativePopularity[i] = total;
        }
        Random random = new Random(config.seed());
        this.successors = new int[n][config.successors()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < config.successors(); j++) {
                int next;
                do {
                    next = random.nextInt(n);
                } while (next == i);
                successors[i][j] = next;
            }
        }
    }

    public static SessionDataset generate(Config config) {
        return new SyntheticSessions(config).sessions();
    }

    /** The preferred successors of item {@code "i" + item}, as item ids. */
    public List<String> preferredSuccessors(int item) {
        return Arrays.stream(successors[item]).mapToObj(SyntheticSessions::itemId).toList();
    }

    /** Kept for callers of the static form: the same as {@code new SyntheticSessions(config).preferredSuccessors}. */
    public static List<String> preferredSuccessors(Config config, int item) {
        return new SyntheticSessions(config).preferredSuccessors(item);
    }

    /** The sessions; a separate random stream from the world's, so the same seed always gives the same clicks. */
    public SessionDataset sessions() {
        Random random = new Random(config.seed() * 31 + 17);
        long span = config.days() * 24L * 3600 * 1000;
        long[] starts = new long[config.sessions()];
        for (int s = 0; s < starts.length; s++) {
            starts[s] = START_MS + (long) (random.nextDouble() * span);
        }
        Arrays.sort(starts);
        double stop = 1.0 / (1.0 + config.meanExtraClicks());
        List<Session> sessions = new ArrayList<>(config.sessions());
        for (int s = 0; s < config.sessions(); s++) {
            int length = 2;
            while (length < MAX_LENGTH && random.nextDouble() >= stop) {
                length++;
            }
            List<String> items = new ArrayList<>(length);
            List<Long> times = new ArrayList<>(length);
            int current = popular(random);
            long time = starts[s];
            for (int k = 0; k < length; k++) {
                items.add(itemId(current));
                times.add(time);
                time += MIN_GAP_MS + random.nextInt(MAX_GAP_MS - MIN_GAP_MS + 1);
                current = random.nextDouble() < config.followProbability()
                        ? successors[current][successorSlot(random)]
                        : popular(random);
            }
            sessions.add(new Session("s" + s, items, times));
        }
        return SessionDataset.of(sessions);
    }

    private static String itemId(int item) {
        return "i" + item;
    }

    private int successorSlot(Random random) {
        int count = config.successors();
        if (count != SUCCESSOR_WEIGHTS.length) {
            return random.nextInt(count);
        }
        double u = random.nextDouble();
        double acc = 0;
        for (int j = 0; j < count; j++) {
            acc += SUCCESSOR_WEIGHTS[j];
            if (u < acc) {
                return j;
            }
        }
        return count - 1;
    }

    private int popular(Random random) {
        double u = random.nextDouble() * cumulativePopularity[cumulativePopularity.length - 1];
        int index = Arrays.binarySearch(cumulativePopularity, u);
        return index >= 0 ? index : -index - 1;
    }
}
