package org.descentlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** STAT 453 L12's batch-size schedule; TTIC 31230 and DL1 L4's convergence conditions. */
class BatchSizeAndConditionsTest {

    @Test
    void batchSizeGrowsWhereStepLrWouldDecayThenTheCapPushesTheRestIntoTheRate() {
        BatchSizeSchedule b = BatchSizeSchedule.everySteps(0.1, 128, 10, 2, 1024);
        long[] expectedB = {128, 128, 256, 512, 1024, 1024, 1024};
        double[] expectedLr = {0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.025};
        long[] epochs = {0, 9, 10, 20, 30, 40, 50};
        Schedule stepLr = b.equivalentLrSchedule();
        for (int i = 0; i < epochs.length; i++) {
            long e = epochs[i];
            assertEquals(expectedB[i], b.batchSizeAt(e), "batch size at epoch " + e);
            assertEquals(expectedLr[i], b.lrAt(e), 1e-17, "lr at epoch " + e);
            // the noise scale lr / B follows the step decay it replaces
            assertEquals(stepLr.valueAt(e) / 128, b.lrAt(e) / b.batchSizeAt(e), 1e-19, "lr/B at epoch " + e);
        }
    }

    @Test
    void paperStyleMilestonesWithFactorFive() {
        BatchSizeSchedule b = BatchSizeSchedule.atMilestones(0.1, 128, new long[] {60, 120, 160}, 5, 8192);
        assertEquals(128, b.batchSizeAt(59));
        assertEquals(640, b.batchSizeAt(60));
        assertEquals(3200, b.batchSizeAt(120));
        assertEquals(8192, b.batchSizeAt(160));
        assertEquals(0.1, b.lrAt(120), 1e-17);
        assertEquals(0.1 * 64 / 125, b.lrAt(160), 1e-17);
        assertEquals(3, b.increasesAt(200));
    }

    @Test
    void uncappedKeepsTheRate() {
        BatchSizeSchedule b = BatchSizeSchedule.everySteps(0.05, 32, 5, 2, Long.MAX_VALUE);
        assertEquals(32L << 6, b.batchSizeAt(30));
        assertEquals(0.05, b.lrAt(30), 0);
    }

    @Test
    void dl1TableConstantOneOverTAndExponential() {
        ConvergenceConditions.Report one = ConvergenceConditions.check(Schedule.constant(1), 10_000);
        assertFalse(one.tendsToZero());
        assertTrue(one.sumDiverges());
        assertFalse(one.sumOfSquaresConverges());
        assertEquals(10_000, one.sum(), 0);

        ConvergenceConditions.Report inv = ConvergenceConditions.check(InverseTimeDecay.oneOverT(1), 10_000);
        assertTrue(inv.tendsToZero());
        assertTrue(inv.sumDiverges());
        assertTrue(inv.sumOfSquaresConverges());
        assertTrue(inv.satisfiesTheorem());
        // harmonic number H_10000 and sum 1/n^2 up to 10000 (pi^2/6 minus the tail)
        assertEquals(9.787606036044382, inv.sum(), 1e-11);
        double n = 10_000;
        assertEquals(Math.PI * Math.PI / 6 - 1 / n + 1 / (2 * n * n) - 1 / (6 * n * n * n), inv.sumOfSquares(), 1e-12);
        assertEquals(inv.sum() - inv.halfSum(), Math.log(2), 1e-4);

        ConvergenceConditions.Report exp = ConvergenceConditions.check(ExponentialLR.ofRate(1, 1), 10_000);
        assertTrue(exp.tendsToZero());
        assertFalse(exp.sumDiverges());
        assertTrue(exp.sumOfSquaresConverges());
        assertEquals(1 / (1 - Math.exp(-1)), exp.sum(), 1e-14);
        assertFalse(exp.satisfiesTheorem());
    }

    @Test
    void inverseTimeDecaySatisfiesTheTheoremAndStepDecayDoesNot() {
        assertTrue(ConvergenceConditions.check(new InverseTimeDecay(0.1, 0.1), 100_000).satisfiesTheorem());
        ConvergenceConditions.Report step = ConvergenceConditions.check(new StepLR(0.1, 100, 0.5), 100_000);
        assertTrue(step.tendsToZero());
        assertFalse(step.sumDiverges());
    }
}
