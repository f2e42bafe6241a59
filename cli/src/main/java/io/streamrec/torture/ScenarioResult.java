package io.streamrec.torture;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured: its table rows and, for the JSON report, the figures behind them.
 *
 * @param seconds how long the scenario ran
 */
public record ScenarioResult(String scenario, List<Measure> measures, Map<String, Object> figures, double seconds) {

    public ScenarioResult {
        measures = List.copyOf(measures);
        // kept in the order the scenario put them, for a readable JSON report
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    public boolean passed() {
        return measures.stream().noneMatch(Measure::failed);
    }
}
