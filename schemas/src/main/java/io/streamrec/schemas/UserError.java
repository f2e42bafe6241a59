package io.streamrec.schemas;

/**
 * A mistake of the person running streamrec (a file that is not there, a value that does not fit, a broker that does
 * not answer), as opposed to a fault of streamrec itself. The launcher prints it as one line, what is wrong and then
 * what to do, without a stack trace: the message says what is wrong, the hint what to do about it.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * @param problem what is wrong, e.g. {@code no such file: data/x.tsv}
     * @param hint    what to do, e.g. {@code give --data a readable file}; null when the problem says it all
     */
    public UserError(String problem, String hint) {
        this(problem, hint, null);
    }

    public UserError(String problem, String hint, Throwable cause) {
        super(problem, cause);
        this.hint = hint;
    }

    /** What to do about it; null when the problem says it all. */
    public String hint() {
        return hint;
    }
}
