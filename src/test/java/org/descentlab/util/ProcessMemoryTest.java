package org.descentlab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void residentMemoryGrowsWhenPagesAreTouchedAndThePeakCoversIt() {
        long before = ProcessMemory.residentBytes();
        assertTrue(before > 10_000_000, "a JVM is resident with more than 10 MB, got " + before);
        byte[] block = new byte[64 << 20];
        for (int i = 0; i < block.length; i += 4096) {
            block[i] = 1; // touch every page so it becomes resident
        }
        long during = ProcessMemory.residentBytes();
        long peak = ProcessMemory.peakResidentBytes();
        assertTrue(block[4096] == 1);
        // the 64 MiB may partly replace freed heap pages, so ask for half of it
        assertTrue(during >= before + (32L << 20) || peak >= before + (32L << 20),
                "resident " + before + " -> " + during + " (peak " + peak + ") after touching 64 MiB");
        assertTrue(peak >= during, "peak " + peak + " >= now " + during);
        assertEquals(peak, ProcessMemory.peakResidentBytes(ProcessHandle.current().pid()), 64L << 20);
    }

    @Test
    void badPidIsRejectedAndMegabytesRound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcessMemory.peakResidentBytes(0));
        assertTrue(e.getMessage().contains("pid = 0"), e.getMessage());
        assertEquals(2, ProcessMemory.megabytes(1_500_000));
        assertEquals(-1, ProcessMemory.megabytes(-1));
    }
}
