package io.streamrec.torture;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The result table: scenario, measure, value, bar, pass/fail, in columns as wide as their widest cell. */
public final class ResultTable {
    private static final String[] HEADER = {"scenario", "measure", "value", "bar", "result"};
    private static final int MAX_VALUE_WIDTH = 70;

    private ResultTable() {
    }

    public static void print(List<ScenarioResult> results, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ScenarioResult result : results) {
            for (Measure m : result.measures()) {
                rows.add(new String[] {m.scenario(), m.measure(), clip(m.value()), m.bar(), m.verdict()});
            }
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < HEADER.length; c++) {
                line.append(String.format("%-" + widths[c] + "s", rows.get(r)[c]));
                if (c < HEADER.length - 1) {
                    line.append(" | ");
                }
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                out.println("-".repeat(line.length()));
            }
        }
    }

    private static String clip(String value) {
        return value.length() <= MAX_VALUE_WIDTH ? value : value.substring(0, MAX_VALUE_WIDTH - 3) + "...";
    }
}
