package io.streamrec.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Click sessions with structure a sequence model can learn and popularity cannot: every item has a few preferred
 * successors (drawn independently of popularity), and a session's next click follows one of them with probability
 * {@code followProbability}, otherwise it is a popularity draw. Item popularity is Zipf-like. Deterministic for a
 * seed, so tests and the demo see the same data every run.
 *
 * @see Config
 */
public final class SyntheticSessions {
    private SyntheticSessions() {
    }

    /**
     * @param items             catalogue size
     * @param sessions          number of sessions
     * @param seed              random seed
     * @param successors        preferred successors per item
     * @param followProbability chance that the next click is a preferred successor of the current item
     * @param meanExtraClicks   mean session length beyond the first two clicks (geometric)
     * @param days              span of session start times
     */
    public record Config(int items, int sessions, long seed, int successors, double followProbability,
                         double meanExtraClicks, int days) {
        public Config(int items, int sessions, long seed) {
            this(items, sessions, seed, 3, 0.75, 3.0, 7);
        }
    }

    private static final double[] SUCCESSOR_WEIGHTS = {0.6, 0.3, 0.1};
    private static final long START = 1_700_000_000_000L;

    public static SessionDataset generate(Config config) {
        Random random = new Random(config.seed());
        int n = config.items();
        double[] cumulative = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += 1.0 / Math.pow(i + 1, 0.8);
            cumulative[i] = total;
        }
        int[][] successors = new int[n][config.successors()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < config.successors(); j++) {
                int next;
                do {
                    next = random.nextInt(n);
                } while (next == i);
                successors[i][j] = next;
            }
        }
        long span = config.days() * 24L * 3600 * 1000;
        long[] starts = new long[config.sessions()];
        for (int s = 0; s < starts.length; s++) {
            starts[s] = START + (long) (random.nextDouble() * span);
        }
        java.util.Arrays.sort(starts);
        double stop = 1.0 / (1.0 + config.meanExtraClicks());
        List<Session> sessions = new ArrayList<>(config.sessions());
        for (int s = 0; s < config.sessions(); s++) {
            int length = 2;
            while (length < 30 && random.nextDouble() >= stop) {
                length++;
            }
            List<String> items = new ArrayList<>(length);
            List<Long> times = new ArrayList<>(length);
            int current = popular(cumulative, total, random);
            long time = starts[s];
            for (int k = 0; k < length; k++) {
                items.add("i" + current);
                times.add(time);
                time += 5_000 + random.nextInt(115_000);
                current = random.nextDouble() < config.followProbability()
                        ? successors[current][weighted(random, config.successors())]
                        : popular(cumulative, total, random);
            }
            sessions.add(new Session("s" + s, items, times));
        }
        return SessionDataset.of(sessions);
    }

    /** The preferred successors of item {@code i}, as the generator with {@code config} draws them. */
    public static List<String> preferredSuccessors(Config config, int item) {
        Random random = new Random(config.seed());
        List<String> result = new ArrayList<>();
        for (int i = 0; i <= item; i++) {
            for (int j = 0; j < config.successors(); j++) {
                int next;
                do {
                    next = random.nextInt(config.items());
                } while (next == i);
                if (i == item) {
                    result.add("i" + next);
                }
            }
        }
        return result;
    }

    private static int weighted(Random random, int count) {
        if (count == SUCCESSOR_WEIGHTS.length) {
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
        return random.nextInt(count);
    }

    private static int popular(double[] cumulative, double total, Random random) {
        double u = random.nextDouble() * total;
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
