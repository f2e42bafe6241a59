package io.streamrec.bench;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.streams.app.StreamsAppConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Event-to-recommendation latency at a fixed offered load, by processing guarantee and (for exactly-once) commit
 * interval. The load is half the maximum this model row reached under exactly-once in the same run (or
 * {@code --rate}), so every cell is offered the same events per second and a cell that cannot keep up shows it in
 * its achieved rate and its tail.
 */
final class LatencyBench {
    /** The share of the maximum offered. */
    static final double LOAD_SHARE = 0.5;

    private final StreamRunner runner;
    private final PrintStream out;

    LatencyBench(StreamRunner runner, PrintStream out) {
        this.runner = runner;
        this.out = out;
    }

    StreamBenchReport.LatencyReport run(RowSpec row, StreamRunner.Settings base, StreamRunner.Events clicks,
                                        ModelBundle bundle, double rate, List<Long> commitIntervalsMs)
            throws Exception {
        Double measuredMax = null;
        double offered = rate;
        if (offered <= 0) {
            StreamRunner.Settings eos = base.withGuarantee(StreamsAppConfig.EXACTLY_ONCE_V2);
            StreamRunner.Measured max = runner.runApp("lat-max-", eos, clicks, bundle, 0, false);
            if (max.answered() == 0) {
                throw new IllegalStateException("the maximum-throughput run answered nothing");
            }
            measuredMax = max.eventsPerSecond();
            offered = LOAD_SHARE * measuredMax;
            out.printf(Locale.ROOT, "%s maximum under %s: %,.0f events/s%s; offering %,.0f events/s%n", row.label(),
                    StreamsAppConfig.EXACTLY_ONCE_V2, measuredMax, max.cutOff() ? " (cut off)" : "", offered);
        }
        // Paced sending takes events / rate seconds: keep each cell's sending well inside the row timeout.
        long fit = (long) (offered * base.rowTimeout().toSeconds() * 0.8);
        List<ClickEvent> timed = clicks.timed();
        StreamRunner.Events cellClicks = new StreamRunner.Events(clicks.warmUp(),
                timed.subList(0, (int) Math.max(1, Math.min(timed.size(), fit))));

        List<StreamBenchReport.LatencyCell> cells = new ArrayList<>();
        int index = 0;
        for (long interval : commitIntervalsMs) {
            StreamRunner.Settings settings = base.withGuarantee(StreamsAppConfig.EXACTLY_ONCE_V2)
                    .withCommitInterval(Duration.ofMillis(interval));
            cells.add(cell("lat-" + index++ + "-", settings, cellClicks, bundle, offered));
        }
        StreamRunner.Settings alos = base.withGuarantee(StreamsAppConfig.AT_LEAST_ONCE);
        cells.add(cell("lat-" + index + "-", alos, cellClicks, bundle, offered));
        return new StreamBenchReport.LatencyReport(row.label(), measuredMax, offered, clicks.warmUp().size(), cells);
    }

    private StreamBenchReport.LatencyCell cell(String prefix, StreamRunner.Settings settings, StreamRunner.Events clicks,
                                               ModelBundle bundle, double offered) {
        long interval = settings.effectiveCommitIntervalMs();
        StreamBenchReport.LatencyCell cell;
        try {
            StreamRunner.Measured m = runner.runApp(prefix, settings, clicks, bundle, offered, true);
            Percentiles p = Percentiles.of(m.latenciesMillis());
            cell = new StreamBenchReport.LatencyCell(settings.guarantee(), interval, offered,
                    m.answered() == 0 ? null : m.eventsPerSecond(), m.sent(), m.answered(),
                    p == null ? null : p.p50(), p == null ? null : p.p99(), p == null ? null : p.p999(),
                    p == null ? null : p.max(), m.cutOff() ? RowReport.CUT_OFF : RowReport.OK,
                    m.cutOff() ? "hit the row timeout of " + settings.rowTimeout().toSeconds() + " s" : null);
        } catch (Exception e) {
            cell = new StreamBenchReport.LatencyCell(settings.guarantee(), interval, offered, null,
                    clicks.timed().size(), 0,
                    null, null, null, null, RowReport.FAILED, StreamBenchCommand.reason(e));
        }
        out.printf(Locale.ROOT, "  %s commit %d ms: %s, p50 %s ms, p99 %s ms, p99.9 %s ms%n", cell.processingGuarantee(),
                interval, cell.status(), cell.p50Ms(), cell.p99Ms(), cell.p999Ms());
        return cell;
    }
}
