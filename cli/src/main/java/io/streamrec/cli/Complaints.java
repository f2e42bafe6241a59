package io.streamrec.cli;

import io.streamrec.schemas.UserError;
import io.streamrec.schemas.bundle.InvalidBundleException;
import java.io.File;
import java.io.FileNotFoundException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What a failure means to the person who ran the command. A {@link UserError} says so itself; the common ways a
 * person's mistake surfaces from the JDK and Kafka (a missing file, a refused value, a port in use, a broker that does
 * not answer) are recognised anywhere in the chain of causes; anything else is streamrec's fault, reported by its
 * message with the hint that {@code --verbose} shows where it happened.
 */
final class Complaints {
    static final String VERBOSE_HINT = "run with --verbose for the stack trace";

    private Complaints() {
    }

    /** A failure of the command line itself: an unknown command or option, a value that does not convert. */
    static Complaint ofUsage(ParameterException e, CommandSpec command) {
        String help = helpHint(command);
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            // the closest only: picocli lists every name that shares a few letters
            List<String> suggestions = unmatched.getSuggestions();
            String didYouMean = suggestions.isEmpty() ? "" : "did you mean " + suggestions.get(0) + "? ";
            if (!command.subcommands().isEmpty() && !argument.startsWith("-")) {
                return new Complaint("unknown command '" + argument + "'", didYouMean + help, true);
            }
            if (unmatched.isUnknownOption()) {
                return new Complaint("unknown option '" + argument + "'", didYouMean + help, true);
            }
        }
        if (e.getCause() != null && e.getCause().getMessage() != null && e.getArgSpec() instanceof OptionSpec option) {
            // a converter's refusal, which picocli wraps in "cannot convert 'x' to Type (java.lang.Some...: reason)"
            String reason = e.getCause().getMessage();
            String value = reason.contains("'" + e.getValue() + "'") ? "" : " '" + e.getValue() + "'";
            return new Complaint("invalid value" + value + " for " + option.longestName() + ": " + reason, help, true);
        }
        return new Complaint(e.getMessage(), help, true);
    }

    /** A failure of a running command. */
    static Complaint of(Throwable failure, CommandSpec command) {
        String context = context(failure);
        for (Throwable cause : chain(failure)) {
            Optional<Complaint> known = known(cause, command, cause == failure ? null : context);
            if (known.isPresent()) {
                return known.get();
            }
        }
        return new Complaint(describe(failure), VERBOSE_HINT, false);
    }

    private static Optional<Complaint> known(Throwable t, CommandSpec command, String context) {
        if (t instanceof UserError e) {
            return Optional.of(new Complaint(e.getMessage(), e.hint(), false));
        }
        if (t instanceof ParameterException e) {
            return Optional.of(ofUsage(e, command));
        }
        if (t instanceof InvalidBundleException e) {
            return failure(joined(context, "not a usable model bundle: " + e.getMessage()),
                    "give a bundle file written by `streamrec train --output`");
        }
        if (t instanceof NoSuchFileException e) {
            return failure(fileProblem(context, "no such file or directory", e.getFile()),
                    pathHint(command, e.getFile(), "give %s an existing file or directory"));
        }
        if (t instanceof AccessDeniedException e) {
            return failure(fileProblem(context, "permission denied", e.getFile()),
                    pathHint(command, e.getFile(), "check the permissions of what %s names"));
        }
        if (t instanceof FileSystemException e) {
            return failure(fileProblem(context, e.getReason() == null ? "cannot use it" : e.getReason(), e.getFile()),
                    pathHint(command, e.getFile(), "check what %s names"));
        }
        if (t instanceof FileNotFoundException e) {
            return failure(joined(context, "cannot open " + e.getMessage()), "check the path");
        }
        if (t instanceof BindException e) {
            return failure(joined(context, e.getMessage()),
                    "another process holds that port: stop it or choose another port");
        }
        if (t instanceof org.apache.kafka.common.errors.TimeoutException e) {
            return failure(joined(context, "Kafka did not answer in time: " + e.getMessage()),
                    "check that the broker runs at --bootstrap with streamrec's topics; `streamrec broker` makes both");
        }
        if (t instanceof IllegalArgumentException e && e.getMessage() != null) {
            // a value the command refused once it looked at it: the command line was wrong
            return Optional.of(new Complaint(joined(context, e.getMessage()), helpHint(command), true));
        }
        return Optional.empty();
    }

    /** A run that failed for a reason the person can act on. */
    private static Optional<Complaint> failure(String problem, String hint) {
        return Optional.of(new Complaint(problem, hint, false));
    }

    private static String helpHint(CommandSpec command) {
        return "see `" + commandName(command) + " --help`";
    }

    /** {@code context: what: file}, without naming the file twice when the context already does. */
    private static String fileProblem(String context, String what, String file) {
        if (context == null) {
            return file == null ? what : what + ": " + file;
        }
        return file == null || context.contains(file) ? context + ": " + what : context + ": " + what + ": " + file;
    }

    /**
     * The hint for a path the command could not use: naming the option that gave it (the path itself or a folder
     * above it), else the general advice.
     */
    static String pathHint(CommandSpec command, String file, String template) {
        if (file == null) {
            return "check the path";
        }
        Path failed = absolute(file);
        OptionSpec best = null;
        int bestDepth = -1;
        for (CommandSpec c = command; c != null; c = c.parent()) {
            for (OptionSpec option : c.options()) {
                for (Path given : paths(option.getValue())) {
                    // the closest: an option naming the file itself wins over one naming a folder above it
                    if (failed.startsWith(given) && given.getNameCount() > bestDepth) {
                        best = option;
                        bestDepth = given.getNameCount();
                    }
                }
            }
        }
        return best == null ? "check the path" : String.format(template, best.longestName());
    }

    private static List<Path> paths(Object value) {
        List<Path> paths = new ArrayList<>();
        if (value instanceof Collection<?> values) {
            values.forEach(v -> paths.addAll(paths(v)));
        } else if (value instanceof Path path) {
            paths.add(absolute(path.toString()));
        } else if (value instanceof File file) {
            paths.add(absolute(file.getPath()));
        } else if (value instanceof String text && !text.isBlank()) {
            try {
                paths.add(absolute(text));
            } catch (RuntimeException notAPath) {
                // a value that cannot be a path names no file
            }
        }
        return paths;
    }

    private static Path absolute(String file) {
        return Path.of(file).toAbsolutePath().normalize();
    }

    /**
     * What the outermost exception adds to its cause, e.g. {@code cannot bind HTTP on 127.0.0.1:8080} around
     * {@code Address already in use}; null when it only wraps the cause.
     */
    private static String context(Throwable failure) {
        String message = failure.getMessage();
        Throwable cause = failure.getCause();
        if (message == null || message.isBlank() || cause == null || message.equals(cause.toString())) {
            return null;
        }
        return message;
    }

    private static String joined(String context, String problem) {
        return context == null ? problem : context + ": " + problem;
    }

    /** The failure and its causes, outermost first, each once. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /**
     * How a command is called, {@code streamrec train}, also for a command line made apart from the launcher's
     * (a command that reports a refused option through a command line of its own).
     */
    static String commandName(CommandSpec command) {
        String name = command.qualifiedName();
        String launcher = StreamrecCommand.NAME;
        return name.equals(launcher) || name.startsWith(launcher + " ") ? name : launcher + " " + name;
    }

    /** An unrecognised failure's first message on the way to its causes, else its type. */
    private static String describe(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t == failure ? t.getMessage() : t.getMessage() + " (" + t.getClass().getSimpleName() + ")";
            }
        }
        return failure.getClass().getName();
    }
}
