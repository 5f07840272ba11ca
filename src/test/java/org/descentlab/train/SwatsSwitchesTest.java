package org.descentlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.OptimizerState;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/** SWATS's per-tensor switch report, on tiny real-MNIST runs. */
class SwatsSwitchesTest {

    private static TrainingResult swats(double epsSwitch) {
        TrainingConfig config = TrainingConfig.builder("swats-tiny").batchSize(100).epochs(2)
                .subsets(300, 200, 200).trainEvalSize(200).threads(1)
                .optimizer("swats", Map.of("lr", 0.005, "eps_switch", epsSwitch)).build();
        return new Training(config, RealMnist.splits()).run();
    }

    @Test
    void withThePapersToleranceNoTensorSwitchesAndTheGapShowsWhy() {
        TrainingResult r = swats(1e-9);
        List<SwatsSwitches.Row> rows = SwatsSwitches.rows(r.optimizerState());
        // trainable tensors: 3 Linear weights, 2 x (gamma, beta), the last bias
        assertEquals(8, rows.size());
        for (SwatsSwitches.Row row : rows) {
            assertFalse(row.switched(), row.toString());
            assertEquals(6, row.steps(), row.parameter());
            assertTrue(row.lambdaHat() > 0 && row.gamma() > 0, row.toString());
            assertTrue(row.gap() >= 1e-9, row.toString());
        }
        Table t = SwatsSwitches.table(r);
        assertEquals(8, t.rowCount());
        assertTrue(t.name().contains("0 of 8 tensors switched") && t.name().contains("eps_switch 1.0E-9"), t.name());
        assertEquals("not switched", t.stringColumn("switch epoch").get(0));
        assertEquals(1e-9, SwatsSwitches.epsSwitch(r.optimizerState()));
    }

    @Test
    void aLooseToleranceSwitchesEveryTensorAtTheSecondStep() {
        // the test needs k > 1, so with any gap accepted every tensor switches at step 2, in epoch 1
        TrainingResult r = swats(1e9);
        for (SwatsSwitches.Row row : SwatsSwitches.rows(r.optimizerState())) {
            assertTrue(row.switched(), row.toString());
            assertEquals(2, row.switchStep(), row.parameter());
            assertTrue(row.sgdLr() > 0, row.toString());
        }
        Table t = SwatsSwitches.table(r);
        assertTrue(t.name().contains("8 of 8 tensors switched"), t.name());
        assertEquals("1", t.stringColumn("switch epoch").get(0));
        assertEquals("SGD", t.stringColumn("phase").get(7));
    }

    @Test
    void switchEpochFollowsTheCumulativeUpdates() {
        TrainingConfig config = TrainingConfig.builder("e").build();
        List<EpochMetrics> epochs = List.of(
                new EpochMetrics(1, 64, 1, 1, 1, 1, Double.NaN, 0.1, 1, 843),
                new EpochMetrics(2, 256, 1, 1, 1, 1, Double.NaN, 0.1, 1, 843 + 210));
        TrainingResult r = new TrainingResult(config, epochs, 90, 1, "cpu", 1, new byte[0],
                org.descentlab.optim.Swats.of(0.001).state(), List.of());
        assertEquals(1, SwatsSwitches.epochOf(r, 843));
        assertEquals(2, SwatsSwitches.epochOf(r, 844));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SwatsSwitches.epochOf(r, 1054));
        assertTrue(e.getMessage().contains("step = 1054") && e.getMessage().contains("1053 updates"), e.getMessage());
    }

    @Test
    void anotherOptimizersStateIsAClearError() {
        OptimizerState adam = org.descentlab.optim.Adam.builder().lr(0.001).build().state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SwatsSwitches.rows(adam));
        assertTrue(e.getMessage().contains("Adam") && e.getMessage().contains("SWATS"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SwatsSwitches.rows(null));
        assertTrue(e.getMessage().contains("must not be null"), e.getMessage());
    }
}
