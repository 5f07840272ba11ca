package org.descentlab.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process as Linux reports it in {@code /proc/PID/status}: {@code VmRSS} (now)
 * and {@code VmHWM} (the peak). Native memory (PyTorch's tensors) counts here, which the JVM's heap
 * figures miss. Where {@code /proc} is missing (not Linux) every value is -1.
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Resident bytes of this process now (VmRSS), or -1 where unknown. */
    public static long residentBytes() {
        return bytes("self", "VmRSS:");
    }

    /** Peak resident bytes of this process (VmHWM), or -1 where unknown. */
    public static long peakResidentBytes() {
        return bytes("self", "VmHWM:");
    }

    /** Peak resident bytes of process {@code pid} (VmHWM), or -1 where unknown (or it has ended). */
    public static long peakResidentBytes(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid = " + pid + " is invalid: must be a process id >= 1");
        }
        return bytes(Long.toString(pid), "VmHWM:");
    }

    /** Megabytes (10^6 bytes) of {@code bytes}, rounded, as the reports print them; -1 stays -1. */
    public static long megabytes(long bytes) {
        return bytes < 0 ? -1 : Math.round(bytes / 1e6);
    }

    private static long bytes(String pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith(key)) {
                    // "VmRSS:    123456 kB"
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
