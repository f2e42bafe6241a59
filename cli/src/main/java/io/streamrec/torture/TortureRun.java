package io.streamrec.torture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** Runs the chosen scenarios one after another against one broker; a scenario that throws fails, the rest run. */
public final class TortureRun {
    /** Every scenario by name, in the order a full run takes them. */
    public static final Map<String, Supplier<Scenario>> SCENARIOS = scenarios();

    private TortureRun() {
    }

    private static Map<String, Supplier<Scenario>> scenarios() {
        Map<String, Supplier<Scenario>> all = new LinkedHashMap<>();
        add(all, FuzzScenario.NAME, FuzzScenario::new);
        add(all, KillScenario.NAME, KillScenario::new);
        add(all, BrokerRestartScenario.NAME, BrokerRestartScenario::new);
        add(all, BundleScenario.NAME, BundleScenario::new);
        add(all, SoakScenario.NAME, SoakScenario::new);
        return all;
    }

    private static void add(Map<String, Supplier<Scenario>> all, String name,
                            Supplier<RigScenario.Exercise> exercise) {
        all.put(name, () -> new RigScenario(name, exercise.get()));
    }

    public static List<ScenarioResult> run(TortureSettings settings, BrokerControl broker, ChildProcesses children,
                                           TrustedPublisher publisher, Progress progress) {
        ScenarioContext context = new ScenarioContext(settings, broker, children, progress,
                new Random(settings.seed()), new EventClock(), publisher);
        List<ScenarioResult> results = new ArrayList<>();
        for (String name : settings.scenarios()) {
            Supplier<Scenario> scenario = SCENARIOS.get(name);
            if (scenario == null) {
                throw new IllegalArgumentException("no scenario '" + name + "'; there are " + SCENARIOS.keySet());
            }
            progress.forScenario(name).line("starting");
            long started = System.nanoTime();
            ScenarioResult result;
            try {
                result = scenario.get().run(context);
            } catch (RuntimeException e) {
                progress.forScenario(name).line("failed: " + e);
                result = new ScenarioResult(name, List.of(Measure.checked(name, "ran to the end", "no: " + e,
                        "yes", false)), Map.of("error", String.valueOf(e)), (System.nanoTime() - started) / 1e9);
            }
            progress.forScenario(name).line(String.format("done in %.0f s: %s", result.seconds(),
                    result.passed() ? "every bar passed" : "some bars FAILED"));
            results.add(result);
        }
        return results;
    }
}
