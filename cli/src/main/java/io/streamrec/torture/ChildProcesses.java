package io.streamrec.torture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts JVMs running the launcher's own main class on the launcher's own classpath (the broker and the streams app
 * as separate processes, as they run in production) and guarantees that none outlives the harness: {@link #close()}
 * and a shutdown hook (Ctrl-C) stop every process still running, politely first, then with SIGKILL.
 */
public final class ChildProcesses implements AutoCloseable {
    static final String MAIN_CLASS = "io.streamrec.cli.StreamrecCommand";
    /** Starts the line written to a log before each process's output, so a reader can find the latest run's part. */
    static final String START_MARKER = "\n=== ";
    private static final long POLITE_STOP_SECONDS = 20;

    private final String javaBinary;
    private final String classpath;
    private final Path workDir;
    private final List<Process> started = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "torture-children-shutdown");
    private boolean closing;

    /**
     * @param classpath the children's classpath: this JVM's own for the command, the cli jar for tests
     * @param workDir   the children's working directory, so that no {@code streamrec.properties} of the caller's
     *                  directory changes their settings
     */
    public ChildProcesses(String classpath, Path workDir) {
        this.javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.classpath = classpath;
        this.workDir = workDir;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Children of a JVM started the usual way: the same classpath as this one. */
    public static ChildProcesses sameClasspath(Path workDir) {
        return new ChildProcesses(System.getProperty("java.class.path"), workDir);
    }

    /**
     * Starts {@code streamrec <args>} in a new JVM with {@code jvmOptions}, its output appended to {@code log} after a
     * line that says when and what was started.
     */
    public Process start(List<String> jvmOptions, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(MAIN_CLASS);
        command.addAll(args);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, START_MARKER + Instant.now() + " starting: streamrec " + String.join(" ", args) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // Settings of the caller's environment would apply to the children's options otherwise.
            builder.environment().keySet().removeIf(k -> k.startsWith("STREAMREC_"));
            // A child's log is read to find why it exited (AppSupervisor): a failure's stack trace, not just its line.
            builder.environment().put("STREAMREC_VERBOSE", "true");
            synchronized (started) {
                // Checked under the lock stopAll takes: a supervisor restarting an app while Ctrl-C stops everything
                // either is refused here or starts a process that stopAll then sees.
                if (closing) {
                    throw new IllegalStateException("not starting streamrec " + args.get(0) + ": shutting down");
                }
                Process process = builder.start();
                // a run of many kills starts many processes: only the ones still running need stopping at the end
                started.removeIf(p -> !p.isAlive());
                started.add(process);
                return process;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + " for " + args, e);
        }
    }

    /** Whether everything is being stopped (Ctrl-C or the end of the run): no death is news then. */
    public boolean closing() {
        synchronized (started) {
            return closing;
        }
    }

    /** SIGTERM, then SIGKILL after {@code politeSeconds}; returns the exit code, or -1 if it would not die. */
    public static int stop(Process process, long politeSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(politeSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    return -1;
                }
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** SIGKILL and wait for the process to be gone. */
    public static void kill(Process process) {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopAll() {
        List<Process> running;
        synchronized (started) {
            closing = true;
            running = List.copyOf(started);
            started.clear();
        }
        // the app first (started last), then the broker: the app then closes against a live broker
        for (int i = running.size() - 1; i >= 0; i--) {
            if (running.get(i).isAlive()) {
                stop(running.get(i), POLITE_STOP_SECONDS);
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stopAll, which has nothing left to do
        }
    }
}
