package io.streamrec.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every command reports a failure: one line on stderr, {@code streamrec COMMAND: what is wrong (what to do)},
 * and the stack trace only when asked for with {@code --verbose} or {@code STREAMREC_VERBOSE}. Exit code 2 when the
 * command line itself was wrong, 1 when the run failed; a command's own exit codes (train's 3 and 4) are returned,
 * not thrown, and pass untouched.
 */
final class ErrorReport implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final String VERBOSE_ENV = "STREAMREC_VERBOSE";

    private final CommandLine root;
    private final BooleanSupplier verboseOption;
    private final boolean verboseEnvironment;

    /**
     * @param root          the launcher's command line, whose stderr every report goes to (a command may report a
     *                      refused option through a command line of its own, which writes elsewhere)
     * @param verboseOption whether {@code --verbose} was given, once the command line is parsed
     */
    ErrorReport(CommandLine root, BooleanSupplier verboseOption, Map<String, String> environment) {
        this.root = root;
        this.verboseOption = verboseOption;
        this.verboseEnvironment = truthy(environment.get(VERBOSE_ENV));
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandSpec command = e.getCommandLine().getCommandSpec();
        // parsing may have stopped before it reached --verbose
        report(Complaints.ofUsage(e, command), command, e, List.of(args).contains("--verbose"));
        return command.exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        CommandSpec command = commandLine.getCommandSpec();
        Complaint complaint = Complaints.of(e, command);
        report(complaint, command, e, false);
        return complaint.usage() ? command.exitCodeOnInvalidInput() : command.exitCodeOnExecutionException();
    }

    private void report(Complaint complaint, CommandSpec command, Exception e, boolean verboseArgument) {
        PrintWriter err = root.getErr();
        err.println(Complaints.commandName(command) + ": " + complaint.line());
        if (verboseArgument || verboseEnvironment || verboseOption.getAsBoolean()) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** Set and not a "no": 1, true, yes, on, anything else. */
    static boolean truthy(String value) {
        return value != null && !value.isBlank()
                && !List.of("0", "false", "no", "off").contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
