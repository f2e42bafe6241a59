package io.streamrec.bench;

import java.util.List;
import java.util.Locale;

/** The printed tables; plain text in fixed columns, "-" where a figure was not measured. */
final class BenchTables {
    private BenchTables() {
    }

    static String throughput(List<RowReport> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-14s %8s %-8s %10s %9s %18s %13s %10s %10s%n", "row", "items",
                "status", "events/s", "x ceiling", "model limit (batch)", "x min(ceil,lim)", "in-app p50",
                "app batch"));
        for (RowReport r : rows) {
            String limit = r.modelLimit() == null ? "-"
                    : String.format(Locale.ROOT, "%,.0f (%d)", r.modelLimit().bestEventsPerSecond(),
                    r.modelLimit().bestBatch());
            out.append(String.format(Locale.ROOT, "%-14s %,8d %-8s %10s %9s %18s %13s %10s %10s%n", r.row(), r.items(),
                    r.status(), number(r.eventsPerSecond()), ratio(r.ratioToCeiling()), limit,
                    ratio(r.ratioToBound()), r.inAppP50Micros() == null ? "-" : r.inAppP50Micros() + " us",
                    r.meanBatch() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.meanBatch())));
        }
        for (RowReport r : rows) {
            if (r.reason() != null) {
                out.append(String.format(Locale.ROOT, "  %s %s: %s%n", r.row(), r.status(), r.reason()));
            }
        }
        return out.toString();
    }

    static String modelLimits(List<RowReport> rows) {
        StringBuilder out = new StringBuilder();
        for (RowReport r : rows) {
            if (r.modelLimit() == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %-14s %-8s", r.row(), r.modelLimit().graph()));
            for (ModelLimitResult.BatchFigure f : r.modelLimit().batches()) {
                out.append(String.format(Locale.ROOT, " %d:%s", f.batch(), compact(f.eventsPerSecond())));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    static String latency(StreamBenchReport.LatencyReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-16s %9s %10s %11s %8s %8s %9s %17s %-8s%n", "guarantee", "commit ms",
                "offered/s", "achieved/s", "p50 ms", "p99 ms", "p99.9 ms", "answered/events", "status"));
        for (StreamBenchReport.LatencyCell c : report.cells()) {
            out.append(String.format(Locale.ROOT, "%-16s %9d %,10.0f %11s %8s %8s %9s %17s %-8s%n",
                    c.processingGuarantee(), c.commitIntervalMs(), c.offeredEventsPerSecond(),
                    number(c.achievedEventsPerSecond()), whole(c.p50Ms()), whole(c.p99Ms()), whole(c.p999Ms()),
                    String.format(Locale.ROOT, "%,d/%,d", c.answered(), c.events()), c.status()));
        }
        for (StreamBenchReport.LatencyCell c : report.cells()) {
            if (c.reason() != null) {
                out.append(String.format(Locale.ROOT, "  %s commit %d ms %s: %s%n", c.processingGuarantee(),
                        c.commitIntervalMs(), c.status(), c.reason()));
            }
        }
        return out.toString();
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String whole(Long value) {
        return value == null ? "-" : Long.toString(value);
    }

    /** 1234567 as 1.23M, 12345 as 12.3k: the per-batch line stays readable. */
    static String compact(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (value >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
