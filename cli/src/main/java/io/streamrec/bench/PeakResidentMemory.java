package io.streamrec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's peak resident memory, as Linux keeps it ({@code VmHWM} in {@code /proc/PID/status}): read every time
 * {@link #sample} is called while the process lives, the largest reading kept, since the file goes with the process.
 * The same for any child, a JVM or a Python; null where there is no {@code /proc}.
 */
final class PeakResidentMemory {
    private final Path status;
    private Long peakBytes;

    PeakResidentMemory(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    /** Reads the current high-water mark; returns the largest so far, null while none could be read. */
    synchronized Long sample() {
        Long now = read(status);
        if (now != null && (peakBytes == null || now > peakBytes)) {
            peakBytes = now;
        }
        return peakBytes;
    }

    synchronized Long peakBytes() {
        return peakBytes;
    }

    /** {@code VmHWM} in bytes; null when the process is gone or the system keeps no such file. */
    static Long read(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // the kernel writes kB, meaning KiB
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between two readings, or this is no Linux: nothing to add
        }
        return null;
    }
}
