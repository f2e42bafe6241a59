package io.streamrec.torture;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on the console, each with the time and the scenario it belongs to. */
public final class Progress {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintStream out;
    private final String scenario;

    public Progress(PrintStream out) {
        this(out, "torture");
    }

    private Progress(PrintStream out, String scenario) {
        this.out = out;
        this.scenario = scenario;
    }

    public Progress forScenario(String name) {
        return new Progress(out, name);
    }

    public void line(String message) {
        synchronized (out) {
            out.println(LocalTime.now().format(TIME) + " [" + scenario + "] " + message);
            out.flush();
        }
    }
}
