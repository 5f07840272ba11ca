package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** The default number of workers: one per core, as many as the free memory holds. */
class WorkerCountTest {

    private static final long MB = 1L << 20;

    @Test
    void coresDecideWhenMemoryIsPlentyOrUnknown() {
        assertEquals(2, WorkerCount.of(2, 24_000 * MB));
        assertEquals(16, WorkerCount.of(16, -1));
        assertEquals(1, WorkerCount.of(0, -1));
    }

    @Test
    void memoryCapsTheWorkers() {
        // a Binder-sized session: 2 GB, of which the kernel uses 600 MB: one worker would leave too little
        assertEquals(1, WorkerCount.of(8, 1448 * MB - 1));
        assertEquals(1, WorkerCount.of(8, (256 + 2 * 800) * MB - 1));
        assertEquals(2, WorkerCount.of(8, (256 + 2 * 800) * MB));
        assertEquals(2, WorkerCount.of(8, (256 + 3 * 800) * MB - 1));
        assertEquals(1, WorkerCount.of(8, 0));
    }

    @Test
    void aContainersLimitIsReadAsLimitMinusUsage(@TempDir Path dir) throws Exception {
        Path limit = dir.resolve("limit");
        Path usage = dir.resolve("usage");
        Files.writeString(limit, "2147483648\n");
        Files.writeString(usage, "629145600\n");
        assertEquals(2147483648L - 629145600L, WorkerCount.cgroupHeadroom(limit, usage).getAsLong());
        Files.writeString(limit, "max\n"); // cgroup v2 without a limit
        assertTrue(WorkerCount.cgroupHeadroom(limit, usage).isEmpty());
        Files.writeString(limit, "9223372036854771712\n"); // cgroup v1 without a limit
        assertTrue(WorkerCount.cgroupHeadroom(limit, usage).isEmpty());
        assertTrue(WorkerCount.cgroupHeadroom(dir.resolve("missing"), usage).isEmpty());
        assertTrue(WorkerCount.byDefault() >= 1);
    }
}
