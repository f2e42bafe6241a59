package io.streamrec.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One throughput row as printed and written to JSON. Figures that were not measured (a failed row, a row without a
 * model) are null, never NaN, so the JSON stays valid.
 *
 * @param status          {@code ok}, {@code cut off} (the row hit its time limit; the rate counts what was answered
 *                        by then) or {@code failed}
 * @param eventsPerSecond answers counted / seconds from the first send to the last answer counted
 * @param ratioToCeiling  this row's events/s over the ceiling row's
 * @param modelLimit      raw ONNX Runtime scoring of this row's graph by batch size; null for rows without a model
 * @param bound           min(ceiling, model limit at its best batch size) over those measured: the best this row
 *                        could do
 * @param ratioToBound    this row's events/s over {@code bound}
 * @param inAppP50Micros  the app's own time per event inside the processor (state + model), p50; null for the ceiling
 * @param modelAnswers    answers the model gave (the rest came from the popularity fallback); null for the ceiling
 * @param meanBatch       events per model call in the app, on average; null for the ceiling
 */
record RowReport(String row, String kind, int items, String status, String reason, long events, long answered,
                 Double seconds, Double eventsPerSecond, Double ratioToCeiling, ModelLimitResult modelLimit,
                 Double bound, Double ratioToBound, Long inAppP50Micros, Long inAppP99Micros, Long modelAnswers,
                 Double meanBatch) {
    static final String OK = "ok";
    static final String CUT_OFF = "cut off";
    static final String FAILED = "failed";

    /** {@code value / base}, or null when either is missing or the base is not positive. */
    static Double ratio(Double value, Double base) {
        if (value == null || base == null || !(base > 0)) {
            return null;
        }
        return value / base;
    }

    /** The smaller of the figures that were measured; null when neither was. */
    static Double bound(Double ceiling, Double modelLimit) {
        if (ceiling == null) {
            return modelLimit;
        }
        return modelLimit == null ? ceiling : Math.min(ceiling, modelLimit);
    }

    /** This row with its ratios to the ceiling's events/s (null when the ceiling was not measured) filled in. */
    RowReport withCeiling(Double ceilingEventsPerSecond) {
        Double limit = modelLimit == null ? null : modelLimit.bestEventsPerSecond();
        Double b = modelLimit == null ? null : bound(ceilingEventsPerSecond, limit);
        return new RowReport(row, kind, items, status, reason, events, answered, seconds, eventsPerSecond,
                ratio(eventsPerSecond, ceilingEventsPerSecond), modelLimit, b, ratio(eventsPerSecond, b),
                inAppP50Micros, inAppP99Micros, modelAnswers, meanBatch);
    }

    /**
     * One row per label with the median of each figure over the rounds (rounds hold the same rows in the same
     * order); status and reason are the first round's that failed, else the first's. A single round is returned as
     * it is.
     */
    static List<RowReport> medians(List<List<RowReport>> rounds) {
        if (rounds.size() == 1) {
            return rounds.get(0);
        }
        List<RowReport> result = new ArrayList<>();
        for (int i = 0; i < rounds.get(0).size(); i++) {
            int row = i;
            List<RowReport> all = rounds.stream().map(r -> r.get(row)).toList();
            RowReport first = all.stream().filter(r -> !OK.equals(r.status())).findFirst().orElse(all.get(0));
            result.add(new RowReport(first.row(), first.kind(), first.items(), first.status(), first.reason(),
                    first.events(), first.answered(), median(all, RowReport::seconds),
                    median(all, RowReport::eventsPerSecond), median(all, RowReport::ratioToCeiling), first.modelLimit(),
                    median(all, RowReport::bound), median(all, RowReport::ratioToBound),
                    longMedian(all, RowReport::inAppP50Micros), longMedian(all, RowReport::inAppP99Micros),
                    first.modelAnswers(), median(all, RowReport::meanBatch)));
        }
        return result;
    }

    private static Double median(List<RowReport> rows, Function<RowReport, Double> figure) {
        List<Double> values = rows.stream().map(figure).filter(Objects::nonNull).sorted().toList();
        if (values.isEmpty()) {
            return null;
        }
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static Long longMedian(List<RowReport> rows, Function<RowReport, Long> figure) {
        Double m = median(rows, r -> figure.apply(r) == null ? null : figure.apply(r).doubleValue());
        return m == null ? null : Math.round(m);
    }
}
