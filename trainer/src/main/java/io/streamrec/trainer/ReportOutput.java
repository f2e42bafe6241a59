package io.streamrec.trainer;

import io.streamrec.trainer.report.TrainingProgress;
import java.io.Console;
import java.io.PrintStream;
import java.util.OptionalInt;

/**
 * Where a command that prints a report writes: with {@code --json} the report goes to stdout as JSON and the progress
 * lines to stderr, so that stdout can be piped.
 *
 * @param json whether {@code --json} was given
 */
record ReportOutput(boolean json) {
    /** A progress line, {@code [command] line}: on stderr with {@code --json}, else on stdout. */
    void log(String command, String line) {
        lines().println("[" + command + "] " + line);
    }

    /**
     * The training progress bar of {@code command}, on the progress lines' stream: redrawn in place when a person
     * watches a terminal, else one line per epoch, so that a log file or CI output holds no carriage returns. (Not
     * stderr always: the launcher filters stderr line by line, which would hold a bar that never ends its line.)
     *
     * @param epochs the run's epochs, where the family's settings say
     */
    TrainingProgress trainingProgress(String command, OptionalInt epochs) {
        String task = "[" + command + "]";
        return interactive() ? TrainingProgress.onTerminal(task, epochs, lines())
                : TrainingProgress.byEpoch(task, epochs, lines()::println);
    }

    private PrintStream lines() {
        return json ? System.err : System.out;
    }

    /**
     * Whether the output is an interactive terminal. Up to Java 21 a console exists only then; from Java 22 one
     * exists even when the output is redirected, and its {@code isTerminal()} (not in Java 17's API) tells.
     */
    private static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException before22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
