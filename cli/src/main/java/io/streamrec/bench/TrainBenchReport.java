package io.streamrec.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Everything one {@code bench-train} run measured, as written to JSON, and its table. */
record TrainBenchReport(String startedAt, Setup setup, List<Row> rows) {
    /** streamrec's training events/s over the reference's, at least. */
    static final double SPEED_BAR = 1.5;
    /** streamrec's peak resident memory over the reference's, at most. */
    static final double MEMORY_BAR = 2.0;
    private static final double MIB = 1024.0 * 1024.0;

    /**
     * @param trainingEvents      training events per epoch in the generated file
     * @param availableProcessors the cores this JVM sees; both sides run on the same ones
     * @param reference           the reference's directory; null when it was not run
     * @param python              the Python that ran it; null when it was not run
     */
    record Setup(int items, int sessions, long clicks, long trainingEvents, int epochs, long seed,
                 int availableProcessors, String reference, String python, double speedBar, double memoryBar) {
    }

    /**
     * One parameter set, both sides.
     *
     * @param referenceParameters the reference's parameter string for this row
     * @param reference           null when the reference was not run
     * @param speedRatio          streamrec's events/s over the reference's; null unless both measured one
     * @param memoryRatio         streamrec's peak memory over the reference's; null unless both measured one
     */
    record Row(String row, int hidden, int batchSize, String loss, String referenceParameters, SideFigures streamrec,
               SideFigures reference, Double speedRatio, Boolean speedMet, Double memoryRatio, Boolean memoryMet) {

        static Row of(TrainRow row, SideFigures streamrec, SideFigures reference) {
            Double speed = reference == null || !streamrec.ok() || !reference.ok() ? null
                    : streamrec.eventsPerSecond() / reference.eventsPerSecond();
            Double memory = reference == null || streamrec.peakBytes() == null || reference.peakBytes() == null
                    || !streamrec.ok() || !reference.ok() ? null
                    : streamrec.peakBytes() / (double) reference.peakBytes();
            return new Row(row.name(), row.hidden(), row.batch(), row.loss(), ReferenceParameters.of(row), streamrec,
                    reference, speed, speed == null ? null : speed >= SPEED_BAR, memory,
                    memory == null ? null : memory <= MEMORY_BAR);
        }

        boolean failed() {
            return !streamrec.ok() || (reference != null && !reference.ok());
        }
    }

    boolean anyFailed() {
        return rows.stream().anyMatch(Row::failed);
    }

    /** The table: one line a row, "-" where a figure was not measured, each ratio marked against its bar. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-13s %6s %5s %-13s | %-9s %12s %9s | %-9s %12s %9s | %-16s %s%n",
                "row", "hidden", "batch", "loss", "streamrec", "events/s", "peak MiB", "reference", "events/s",
                "peak MiB", "speed (>= " + SPEED_BAR + ")", "memory (<= " + MEMORY_BAR + ")"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-13s %6d %5d %-13s | %-9s %12s %9s | %-9s %12s %9s | %-16s %s%n",
                    r.row(), r.hidden(), r.batchSize(), r.loss(), r.streamrec().status(),
                    rate(r.streamrec()), mib(r.streamrec()), r.reference() == null ? "-" : r.reference().status(),
                    rate(r.reference()), mib(r.reference()), marked(r.speedRatio(), r.speedMet()),
                    marked(r.memoryRatio(), r.memoryMet())));
        }
        for (Row r : rows) {
            for (SideFigures side : new SideFigures[] {r.streamrec(), r.reference()}) {
                if (side != null && side.reason() != null) {
                    out.append(String.format(Locale.ROOT, "  %s %s %s: %s%n", r.row(),
                            side == r.streamrec() ? "streamrec" : "reference", side.status(), side.reason()));
                }
            }
        }
        return out.toString();
    }

    private static String rate(SideFigures side) {
        return side == null || side.eventsPerSecond() == null ? "-"
                : String.format(Locale.ROOT, "%,.0f", side.eventsPerSecond());
    }

    private static String mib(SideFigures side) {
        return side == null || side.peakBytes() == null ? "-"
                : String.format(Locale.ROOT, "%,.0f", side.peakBytes() / MIB);
    }

    /** {@code 1.62 ok} or {@code 0.79 MISSED}. */
    private static String marked(Double ratio, Boolean met) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.2f %s", ratio, met ? "ok" : "MISSED");
    }

    void write(Path path) throws IOException {
        BenchJson.write(this, path);
    }
}
