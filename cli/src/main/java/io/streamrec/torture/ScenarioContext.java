package io.streamrec.torture;

import java.util.Random;

/** What every scenario of a run shares: the settings, the broker, the process launcher and the clocks. */
public record ScenarioContext(TortureSettings settings, BrokerControl broker, ChildProcesses children,
                              Progress progress, Random random, EventClock clock, TrustedPublisher publisher) {
}
