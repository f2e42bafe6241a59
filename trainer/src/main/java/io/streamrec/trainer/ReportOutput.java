package io.streamrec.trainer;

import picocli.CommandLine.Option;

/**
 * {@code --json}, declared once for the commands that print a report: with it the report goes to stdout as JSON and
 * the progress lines to stderr, so that stdout can be piped.
 */
public final class ReportOutput {
    @Option(names = "--json", description = "Print the report as JSON on stdout (progress goes to stderr).")
    boolean json;

    boolean json() {
        return json;
    }

    /** A progress line, {@code [command] line}: on stderr with {@code --json}, else on stdout. */
    void log(String command, String line) {
        (json ? System.err : System.out).println("[" + command + "] " + line);
    }
}
