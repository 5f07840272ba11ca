package org.descentlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.descentlab.experiment.Experiments;
import org.junit.jupiter.api.Test;

import java.util.List;

class TrainingResultTest {

    private static TrainingResult result() {
        TrainingConfig config = Experiments.get("adam").configs(true, 2).get(0);
        List<EpochMetrics> epochs = List.of(
                new EpochMetrics(1, 256, 0.9, 0.8, 80, 81, Double.NaN, 0.005, 1.5, 19),
                new EpochMetrics(2, 256, 0.4, 0.3, 90, 91, Double.NaN, 0.005, 1.4, 38));
        return new TrainingResult(config, epochs, 91.25, 3.0, "cpu", 1, new byte[0],
                org.descentlab.optim.Sgd.builder().lr(0.1).build().state(), List.of(10, 10));
    }

    @Test
    void columnReadsOneMetricPerEpoch() {
        assertArrayEquals(new double[] {0.9, 0.4}, result().column(EpochMetrics::trainLoss));
        assertArrayEquals(new double[] {19, 38}, result().column(m -> m.updates()));
    }

    @Test
    void summaryNamesTheRunItsUpdatesAndTestAccuracy() {
        TrainingResult r = result();
        assertEquals(String.format(java.util.Locale.ROOT, "%-36s %3d epochs, %6d updates, test %.2f %%, %.1f s, cpu, 1 thread",
                r.config().name(), 2, 38, 91.25, 3.0), r.summary());
    }

    @Test
    void theTableEndsWithTheDeviceOfEveryEpoch() {
        var t = result().table();
        assertEquals("device", t.columnNames().get(t.columnCount() - 1));
        assertEquals(List.of("cpu", "cpu"), t.stringColumn("device").asList());
        TrainingResult gpu = new TrainingResult(result().config(), result().epochs(), 91.25, 3.0, "gpu:1", 0,
                new byte[0], result().optimizerState(), List.of(10, 10));
        assertEquals("gpu:1", gpu.where(), "no thread count on a GPU");
    }
}
