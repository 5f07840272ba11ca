package org.descentlab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How many worker processes {@code reproduce} and {@link Runs} start when the caller does not say: one
 * per core, but no more than the free memory holds. A worker (a JVM with the PyTorch engine, MNIST and
 * one training) peaks at up to about {@value #WORKER_MB} MB (the lecture table: 1566 MB for two
 * workers, each holding its training images as float32); on a machine or container with little memory to spare (a Binder session has 1 to 2 GB,
 * the kernel included) too many workers would get the kernel or a worker killed.
 */
public final class WorkerCount {

    /** Peak resident memory of one worker, rounded up (megabytes). */
    public static final long WORKER_MB = 800;
    /** Memory left free beside the workers (megabytes). */
    static final long RESERVE_MB = 256;

    private WorkerCount() {}

    /** The default number of workers on this machine now: {@link #of} its cores and free memory. */
    public static int byDefault() {
        return of(Runtime.getRuntime().availableProcessors(), freeBytes());
    }

    /**
     * One worker per core, at most as many as {@code freeBytes} holds at {@value #WORKER_MB} MB each
     * beside {@value #RESERVE_MB} MB kept free, and at least 1 (then the runs train in the calling
     * process). {@code freeBytes} &lt; 0 means unknown: cores alone decide.
     */
    static int of(int cores, long freeBytes) {
        int byCores = Math.max(1, cores);
        if (freeBytes < 0) {
            return byCores;
        }
        long byMemory = (freeBytes / (1L << 20) - RESERVE_MB) / WORKER_MB;
        return (int) Math.max(1, Math.min(byCores, byMemory));
    }

    /**
     * The memory this process's group may still use: the smaller of the system's available memory
     * ({@code MemAvailable}) and the container's limit minus its usage (cgroup v2 or v1); -1 if
     * neither can be read.
     */
    static long freeBytes() {
        long free = meminfoAvailable().orElse(-1);
        OptionalLong container = cgroupHeadroom(Path.of("/sys/fs/cgroup/memory.max"), Path.of("/sys/fs/cgroup/memory.current"));
        if (container.isEmpty()) {
            container = cgroupHeadroom(Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
                    Path.of("/sys/fs/cgroup/memory/memory.usage_in_bytes"));
        }
        if (container.isPresent()) {
            free = free < 0 ? container.getAsLong() : Math.min(free, container.getAsLong());
        }
        return free;
    }

    private static OptionalLong meminfoAvailable() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: unknown
        }
        return OptionalLong.empty();
    }

    /** Limit minus usage of a cgroup, if it has a numeric limit (v2 writes "max", v1 a huge number, when none). */
    static OptionalLong cgroupHeadroom(Path limitFile, Path usageFile) {
        try {
            String limit = Files.readString(limitFile).trim();
            if (!limit.matches("[0-9]+") || limit.length() > 18) { // "max", or v1's "no limit" (about 2^63)
                return OptionalLong.empty();
            }
            long usage = Long.parseLong(Files.readString(usageFile).trim());
            return OptionalLong.of(Math.max(0, Long.parseLong(limit) - usage));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
