package io.streamrec.torture;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs the streams app as a child process and keeps it running: an exit nobody asked for (a poison record that
 * stops it, an OutOfMemoryError) is counted as a death, reported with the last ERROR line of its log, and answered
 * with a restart on the same state directory, up to a limit; after that the scenario goes on without an app and
 * its outcomes show what that cost.
 */
public final class AppSupervisor implements AutoCloseable {
    private static final long STOP_SECONDS = 40;
    private static final long WATCH_MILLIS = 250;
    /** A line that starts with an exception's class name and its message, e.g. "o.a.k.c.e.RecordTooLargeException: ...". */
    private static final Pattern EXCEPTION = Pattern.compile("^(Caused by: )?[a-zA-Z_$][\\w.$]*(Exception|Error): ");

    private final ChildProcesses children;
    private final AppSpec spec;
    private final Supplier<String> bootstrap;
    private final int maxRestarts;
    private final Progress progress;
    private final List<String> deaths = new ArrayList<>();
    private final Thread watcher;
    private Process process;
    private long startedNanos;
    private int generation;
    private boolean planned;
    private boolean gaveUp;
    private volatile boolean closed;

    public AppSupervisor(ChildProcesses children, AppSpec spec, Supplier<String> bootstrap, int maxRestarts,
                         Progress progress) {
        this.children = children;
        this.spec = spec;
        this.bootstrap = bootstrap;
        this.maxRestarts = maxRestarts;
        this.progress = progress;
        this.watcher = new Thread(this::watch, "torture-app-watch");
        this.watcher.setDaemon(true);
    }

    /** Starts the app; returns {@link System#nanoTime()} just before the process was started. */
    public synchronized long start() {
        startedNanos = System.nanoTime();
        process = children.start(List.of("-Xmx" + spec.heap()), spec.serveArgs(bootstrap.get()), spec.log());
        generation++;
        if (!watcher.isAlive()) {
            watcher.start();
        }
        return startedNanos;
    }

    /**
     * SIGKILL, then a new process on the same state directory at once, as a supervisor (systemd, Kubernetes) would
     * restart it. Returns the new process's start time (nanoTime).
     */
    public synchronized long killAndRestart() {
        planned = true;
        try {
            ChildProcesses.kill(process);
            return start();
        } finally {
            planned = false;
        }
    }

    private void watch() {
        while (!closed) {
            Sleep.quietly(WATCH_MILLIS);
            synchronized (this) {
                if (closed || planned || gaveUp || process == null || process.isAlive()) {
                    continue;
                }
                if (children.closing()) {
                    return;
                }
                String why = "exit code " + process.exitValue() + ": " + exitReason(spec.log());
                deaths.add(why);
                if (deaths.size() > maxRestarts) {
                    gaveUp = true;
                    progress.line("app died (" + why + "); " + maxRestarts + " restart(s) used up, going on without it");
                } else {
                    progress.line("app died unexpectedly (" + why + "); restarting it");
                    try {
                        start();
                    } catch (IllegalStateException e) {
                        // the harness is shutting down (Ctrl-C): nothing to restart for
                        gaveUp = true;
                        return;
                    }
                }
            }
        }
    }

    /** Exits nobody asked for, each with its reason. */
    public synchronized List<String> deaths() {
        return List.copyOf(deaths);
    }

    public synchronized boolean gaveUp() {
        return gaveUp;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Increases with every start, so a caller can tell that the process it asked was replaced meanwhile. */
    public synchronized int generation() {
        return generation;
    }

    public int httpPort() {
        return spec.httpPort();
    }

    /** The app process's resident set size in KB from /proc, empty when it is not running or /proc is absent. */
    public OptionalLong rssKb() {
        long pid;
        synchronized (this) {
            if (process == null || !process.isAlive()) {
                return OptionalLong.empty();
            }
            pid = process.pid();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile, or no /proc
        }
        return OptionalLong.empty();
    }

    /**
     * Why the app exited, from its log's final 256 KB, after the last start marker: the first exception named with
     * its message (the cause; the lines after it are the consequences), else the last ERROR line.
     */
    static String exitReason(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, file.length() - 256 * 1024);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8);
            int marker = text.lastIndexOf(ChildProcesses.START_MARKER);
            String[] lines = (marker < 0 ? text : text.substring(marker)).split("\n");
            for (String line : lines) {
                if (EXCEPTION.matcher(line).find()) {
                    return clip(line.strip());
                }
            }
            for (int i = lines.length - 1; i >= 0; i--) {
                if (lines[i].contains("ERROR")) {
                    return clip(lines[i].strip());
                }
            }
            return "no ERROR line in " + log.getFileName();
        } catch (IOException e) {
            return "log unreadable: " + e.getMessage();
        }
    }

    private static String clip(String line) {
        return line.length() > 240 ? line.substring(0, 240) + "..." : line;
    }

    @Override
    public void close() {
        Process last;
        synchronized (this) {
            closed = true;
            last = process;
        }
        if (last != null && last.isAlive()) {
            ChildProcesses.stop(last, STOP_SECONDS);
        }
    }
}
