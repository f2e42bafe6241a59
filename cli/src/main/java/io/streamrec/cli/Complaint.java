package io.streamrec.cli;

/**
 * A failure as the person running a command needs it: what is wrong, what to do about it, and whether it was the
 * command line itself that was wrong (exit code 2) or the run that failed (exit code 1).
 *
 * @param hint  what to do; null when the problem says it all
 * @param usage whether the command line itself was wrong: an unknown option, a value that does not fit
 */
record Complaint(String problem, String hint, boolean usage) {

    /** One line, whatever line breaks the message brought: {@code problem (hint)}. */
    String line() {
        String text = hint == null || hint.isBlank() ? problem : problem + " (" + hint + ")";
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
