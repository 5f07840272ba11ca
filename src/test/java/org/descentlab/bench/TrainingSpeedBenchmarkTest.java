package org.descentlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingSpeedBenchmarkTest {

    @Test
    void defaultsAndCaps() {
        TrainingSpeedBenchmark.Settings s = TrainingSpeedBenchmark.Settings.parse(new String[0]);
        assertArrayEquals(new int[] {64, 256, 1024}, s.batches());
        assertEquals(1, s.threads());
        assertEquals(11, s.rounds());
        assertEquals(0.005, s.lr());
        assertEquals("cpu", s.device(), "a CPU benchmark on every machine unless asked");
        assertEquals("cpu", s.torchDevice());
        assertEquals("cuda:1", TrainingSpeedBenchmark.Settings.parse(new String[] {"--device", "gpu:1"}).torchDevice());
        assertEquals(200, s.itersFor(64));
        // one epoch of 54000 images at B=1024 has 52 batches: 10 warm-up, 1 to start the clock, 41 timed
        assertEquals(41, s.itersFor(1024));
        TrainingSpeedBenchmark.Settings q = TrainingSpeedBenchmark.Settings.parse(
                new String[] {"--quick", "--optimizer", "sgd", "--batches", "32,128"});
        assertEquals(3, q.rounds());
        assertEquals(0.1, q.lr());
        assertEquals(30, q.itersFor(32));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSpeedBenchmark.Settings.parse(new String[] {"--optimizer", "rmsprop"}));
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSpeedBenchmark.Settings.parse(new String[] {"--threads", "0"}));
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSpeedBenchmark.Settings.parse(new String[] {"--bogus"}));
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSpeedBenchmark.Settings.parse(new String[] {"--rounds"}));
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSpeedBenchmark.Settings.parse(new String[] {"--device", "auto"}));
    }

    @Test
    void medianAndStepTimer() {
        assertEquals(2.0, TrainingSpeedBenchmark.median(new double[] {3, 1, 2}));
        assertEquals(2.5, TrainingSpeedBenchmark.median(new double[] {4, 1, 2, 3}));
        assertTrue(Double.isNaN(TrainingSpeedBenchmark.median(new double[0])));
        TrainingSpeedBenchmark.StepTimer t = new TrainingSpeedBenchmark.StepTimer(2);
        for (int batch = 1; batch <= 6; batch++) {
            t.onStep(1, batch, 6, 0.5);
        }
        // intervals end at batches 2..6; the first 2 are warm-up
        assertEquals(3, t.count());
    }

    @Test
    void pairedRatiosDivideRoundByRound() {
        assertArrayEquals(new double[] {0.5, 2.0, 1.0},
                TrainingSpeedBenchmark.pairedRatios(new double[] {1, 4, 3}, new double[] {2, 2, 3}), 0);
        // a slow phase that hits both runs of round 2 does not move the median of the ratios
        double[] descent = {1.0, 1.4, 1.0};
        double[] torch = {1.1, 1.5, 1.1};
        assertEquals(1.0 / 1.1, TrainingSpeedBenchmark.median(TrainingSpeedBenchmark.pairedRatios(descent, torch)),
                1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSpeedBenchmark.pairedRatios(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
    }

    @Test
    void peakRssOfThisProcess() {
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))) {
            assertTrue(TrainingSpeedBenchmark.peakRssKb(-1) > 0);
        }
    }
}
