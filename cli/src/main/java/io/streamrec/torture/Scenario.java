package io.streamrec.torture;

/** One hostile condition, run against a fresh app on topics of its own, measured against its bars. */
public interface Scenario {
    String name();

    ScenarioResult run(ScenarioContext context);
}
