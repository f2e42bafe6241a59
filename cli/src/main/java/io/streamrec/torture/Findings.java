package io.streamrec.torture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured, gathered as it goes: table rows, each named for the scenario, and the figures behind
 * them for the JSON report, both in the order the scenario records them.
 */
final class Findings {
    private final String scenario;
    private final List<Measure> rows = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    Findings(String scenario) {
        this.scenario = scenario;
    }

    /** A row reported for information, with no bar. */
    Findings info(String measure, String value) {
        rows.add(Measure.info(scenario, measure, value));
        return this;
    }

    /** A row held to a bar. */
    Findings checked(String measure, String value, String bar, boolean pass) {
        rows.add(Measure.checked(scenario, measure, value, bar, pass));
        return this;
    }

    Findings row(Measure measure) {
        rows.add(measure);
        return this;
    }

    Findings rows(List<Measure> measures) {
        rows.addAll(measures);
        return this;
    }

    Findings figure(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /**
     * The rows and figures every scenario with inputs ends on: exactly one outcome per input, and the app's unplanned
     * exits.
     */
    Findings outcomes(ScenarioRig rig, OutcomeTally tally) {
        rows.addAll(rig.outcomeRows(scenario, tally));
        figures.putAll(rig.outcomeFigures(tally));
        return this;
    }

    ScenarioResult result(double seconds) {
        return new ScenarioResult(scenario, rows, figures, seconds);
    }
}
