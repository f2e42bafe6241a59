package io.streamrec.trainer.report;

import io.streamrec.trainer.family.EpochStats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A training report's two tables as CSV (RFC 4180, numbers with a dot whatever the locale). */
final class TrainingCsv {
    private TrainingCsv() {
    }

    /**
     * One row per epoch: epoch, loss, seconds, events per second, then the model's metrics on the rows of the epochs
     * after which it was evaluated (the last), empty on the others.
     */
    static void writeEpochs(TrainingReport report, Path file) throws IOException {
        Map<String, Double> own = report.own();
        List<String> header = new ArrayList<>(List.of("epoch", "loss", "seconds", "events_per_second"));
        header.addAll(own.keySet());
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            row(out, header);
            List<EpochStats> epochs = report.epochs();
            for (int i = 0; i < epochs.size(); i++) {
                EpochStats e = epochs.get(i);
                boolean evaluated = i == epochs.size() - 1;
                List<String> cells = new ArrayList<>(List.of(Integer.toString(e.epoch()), decimal(e.meanLoss(), 6),
                        decimal(e.seconds(), 3), decimal(e.eventsPerSecond(), 1)));
                own.values().forEach(v -> cells.add(evaluated ? metric(v) : ""));
                row(out, cells);
            }
        }
    }

    /** One row per source (the model, then each baseline), one column per metric any of them has. */
    static void writeMetrics(TrainingReport report, Path file) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        report.metrics().values().forEach(m -> names.addAll(m.keySet()));
        List<String> header = new ArrayList<>(List.of("model"));
        header.addAll(names);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            row(out, header);
            for (Map.Entry<String, Map<String, Double>> source : report.metrics().entrySet()) {
                List<String> cells = new ArrayList<>(List.of(source.getKey()));
                names.forEach(n -> cells.add(source.getValue().containsKey(n) ? metric(source.getValue().get(n)) : ""));
                row(out, cells);
            }
        }
    }

    /** A metric: counts (predictions) as whole numbers, rates with six places. */
    private static String metric(double value) {
        return value == Math.rint(value) && Math.abs(value) > 1 ? Long.toString((long) value) : decimal(value, 6);
    }

    private static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }

    private static void row(BufferedWriter out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(cells.get(i)));
        }
        out.write('\n');
    }

    /** A cell as RFC 4180 wants it: quoted, inner quotes doubled, when it holds a comma, a quote or a line break. */
    private static String quoted(String cell) {
        return cell.matches("(?s).*[,\"\r\n].*") ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
