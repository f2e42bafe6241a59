package io.streamrec.trainer;

/**
 * Where a command that prints a report writes: with {@code --json} the report goes to stdout as JSON and the progress
 * lines to stderr, so that stdout can be piped.
 *
 * @param json whether {@code --json} was given
 */
record ReportOutput(boolean json) {
    /** A progress line, {@code [command] line}: on stderr with {@code --json}, else on stdout. */
    void log(String command, String line) {
        (json ? System.err : System.out).println("[" + command + "] " + line);
    }
}
