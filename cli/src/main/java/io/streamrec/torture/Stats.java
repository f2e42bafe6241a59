package io.streamrec.torture;

import java.util.List;

/** Min, median and max of a few figures, for the table. */
record Stats(double min, double median, double max) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(sorted[0], median, sorted[n - 1]);
    }

    String seconds() {
        return String.format("%.1f / %.1f / %.1f s", min, median, max);
    }
}
