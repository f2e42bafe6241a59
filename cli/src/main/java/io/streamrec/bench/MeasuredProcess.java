package io.streamrec.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One child process run to its end while its peak resident memory is watched: polled every {@link #POLL}, and read
 * once more at the first output line that marks the end of training, so that what the process does after training
 * (streamrec's evaluation, export and parity check) can be told apart from training itself.
 */
final class MeasuredProcess {
    static final Duration POLL = Duration.ofMillis(100);

    /**
     * @param exitCode         the child's exit status; -1 when it was stopped at the timeout
     * @param timedOut         whether it ran past the timeout and was stopped
     * @param out              its stdout, by line
     * @param err              its stderr, by line
     * @param peakBytes        peak resident memory over the whole run; null where it cannot be read
     * @param trainedPeakBytes peak resident memory when the end-of-training line appeared; null if none did
     * @param seconds          wall time from start to exit
     */
    record Result(int exitCode, boolean timedOut, List<String> out, List<String> err, Long peakBytes,
                  Long trainedPeakBytes, double seconds) {
        /** The last non-blank line the child wrote, stderr first: usually why it failed. */
        String lastLine() {
            for (List<String> lines : List.of(err, out)) {
                for (int i = lines.size() - 1; i >= 0; i--) {
                    if (!lines.get(i).isBlank()) {
                        return lines.get(i).strip();
                    }
                }
            }
            return "no output";
        }
    }

    private MeasuredProcess() {
    }

    /**
     * Runs {@code command} in {@code directory} with exactly {@code environment}.
     *
     * @param trained true for the line (on either stream) that says training has ended
     * @throws IOException when the program cannot be started at all
     */
    static Result run(List<String> command, Path directory, Map<String, String> environment,
                      Predicate<String> trained, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        PeakResidentMemory memory = new PeakResidentMemory(process.pid());
        Long[] trainedPeak = new Long[1];
        Consumer<String> onLine = line -> {
            if (trained.test(line)) {
                synchronized (trainedPeak) {
                    if (trainedPeak[0] == null) {
                        trainedPeak[0] = memory.sample();
                    }
                }
            }
        };
        process.getOutputStream().close();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        Thread outReader = reader(process.getInputStream(), out, onLine);
        Thread errReader = reader(process.getErrorStream(), err, onLine);
        boolean timedOut = false;
        try {
            while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                memory.sample();
                if (System.nanoTime() - started > timeout.toNanos()) {
                    timedOut = true;
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                }
            }
        } finally {
            if (process.isAlive()) { // interrupted: never leave a training running behind the bench
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        outReader.join();
        errReader.join();
        synchronized (trainedPeak) {
            return new Result(timedOut ? -1 : process.exitValue(), timedOut, List.copyOf(out), List.copyOf(err),
                    memory.peakBytes(), trainedPeak[0], seconds);
        }
    }

    /** Drains {@code stream} into {@code lines}: a child blocks once a pipe nobody reads is full. */
    private static Thread reader(InputStream stream, List<String> lines, Consumer<String> onLine) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    onLine.accept(line);
                }
            } catch (IOException closed) {
                // the child was stopped at its timeout: what it wrote until then is kept
            }
        }, "bench-train-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
