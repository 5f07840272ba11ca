package org.descentlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.List;

/** Values worked out by hand from the formulas on the slides (TTIC 31230, STAT 453 L12 and DL1 L4). */
class HandValuesTest {

    private static void assertValues(Schedule s, double tol, double... expected) {
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], s.valueAt(k), tol, s.describe() + " at step " + k);
        }
    }

    @Test
    void exponentialHalvesFrom32() {
        assertValues(new ExponentialLR(32, 0.5), 0, 32, 16, 8, 4, 2);
    }

    @Test
    void exponentialDecayWithRateLn2IsHalving() {
        ExponentialLR d = ExponentialLR.ofRate(32, Math.log(2));
        assertValues(d, 1e-13, 32, 16, 8, 4, 2);
        assertEquals(0.5, d.gamma(), 1e-16);
    }

    @Test
    void stepLrAndStat453Halving() {
        StepLR s = new StepLR(0.1, 10, 0.5);
        for (int k = 0; k < 10; k++) {
            assertEquals(0.1, s.valueAt(k), 0);
        }
        assertEquals(0.05, s.valueAt(10), 0);
        assertEquals(0.05, s.valueAt(19), 0);
        assertEquals(0.025, s.valueAt(20), 0);
        assertValues(StepLR.halving(8, 1), 0, 8, 4, 2, 1, 0.5);
    }

    @Test
    void multiStepAppliesGammaAtEachMilestoneAndTwiceForARepeat() {
        assertValues(new MultiStepLR(1, new long[] {2, 5}, 0.1), 1e-17, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01);
        assertValues(new MultiStepLR(1, new long[] {2, 2}, 0.5), 0, 1, 1, 0.25, 0.25);
    }

    @Test
    void cosineAtZeroHalfAndFullPeriodThenRisesAgain() {
        CosineAnnealingLR c = new CosineAnnealingLR(1, 10, 0);
        assertEquals(1, c.valueAt(0), 0);
        assertEquals(0.5, c.valueAt(5), 1e-16);
        assertEquals(0, c.valueAt(10), 0);
        assertEquals(0.5, c.valueAt(15), 1e-15);
        assertEquals(1, c.valueAt(20), 0);
        CosineAnnealingLR m = new CosineAnnealingLR(1, 10, 0.1);
        assertEquals(0.55, m.valueAt(5), 1e-15);
        assertEquals(0.1, m.valueAt(10), 1e-16);
    }

    @Test
    void cyclicTriangularPeaksAndTroughs() {
        CyclicLR tri = new CyclicLR(0.1, 0.5, 4);
        assertEquals(0.1, tri.valueAt(0), 1e-16);
        assertEquals(0.3, tri.valueAt(2), 1e-16);
        assertEquals(0.5, tri.valueAt(4), 1e-16);
        assertEquals(0.1, tri.valueAt(8), 1e-16);
        assertEquals(0.5, tri.valueAt(12), 1e-16);
        assertEquals(0.1, tri.valueAt(16), 1e-16);
        CyclicLR tri2 = new CyclicLR(0.1, 0.5, 4, 4, CyclicLR.Mode.TRIANGULAR2, 1);
        assertEquals(0.5, tri2.valueAt(4), 1e-16);
        assertEquals(0.3, tri2.valueAt(12), 1e-16);
        assertEquals(0.2, tri2.valueAt(20), 1e-16);
        CyclicLR exp = new CyclicLR(0.1, 0.5, 4, 4, CyclicLR.Mode.EXP_RANGE, 0.5);
        assertEquals(0.1 + 0.4 * Math.pow(0.5, 4), exp.valueAt(4), 1e-16);
        CyclicLR asym = new CyclicLR(0, 1, 1, 3, CyclicLR.Mode.TRIANGULAR, 1);
        assertValues(asym, 1e-15, 0, 1, 2.0 / 3, 1.0 / 3, 0, 1);
    }

    @Test
    void linearWarmUp() {
        assertValues(LinearLR.warmup(1, 0.25, 4), 0, 0.25, 0.4375, 0.625, 0.8125, 1, 1, 1);
        assertValues(new LinearLR(2, 1, 0, 4), 0, 2, 1.5, 1, 0.5, 0, 0);
    }

    @Test
    void constantLrFactorThenBase() {
        assertValues(new ConstantLR(1, 0.5, 3), 0, 0.5, 0.5, 0.5, 1, 1);
        assertValues(Schedule.constant(0.3), 0, 0.3, 0.3, 0.3);
    }

    @Test
    void inverseTimeAndOneOverT() {
        assertValues(new InverseTimeDecay(1, 0.5), 1e-16, 1, 1 / 1.5, 0.5, 0.4);
        assertValues(InverseTimeDecay.oneOverT(1), 1e-16, 1, 0.5, 1.0 / 3, 0.25);
        assertValues(InverseTimeDecay.oneOverT(2, 10), 1e-16, 2, 20.0 / 11, 20.0 / 12);
    }

    @Test
    void polynomialReachesZeroAndStays() {
        PolynomialLR p = new PolynomialLR(1, 4, 2);
        assertValues(p, 1e-16, 1, 0.5625, 0.25, 0.0625, 0, 0);
        assertEquals(0, p.valueAt(100), 0);
    }

    @Test
    void warmRestartsRunLengthsDoubleWithTMult2() {
        CosineAnnealingWarmRestarts w = new CosineAnnealingWarmRestarts(1, 2, 2, 0);
        assertValues(w, 1e-15, 1, 0.5, 1, (1 + Math.cos(Math.PI / 4)) / 2, 0.5, (1 + Math.cos(3 * Math.PI / 4)) / 2, 1);
        CosineAnnealingWarmRestarts same = new CosineAnnealingWarmRestarts(1, 4, 1, 0);
        assertEquals(1, same.valueAt(8), 0);
        assertEquals(0.5, same.valueAt(10), 1e-16);
    }

    @Test
    void oneCycleStartsLowPeaksAndEndsAtTheMinimum() {
        OneCycleLR o = new OneCycleLR(1.0, 10, 0.3, OneCycleLR.Anneal.LINEAR, 25, 1e4, false);
        assertEquals(0.04, o.valueAt(0), 1e-16);
        assertEquals(0.52, o.valueAt(1), 1e-15);
        assertEquals(1.0, o.valueAt(2), 0);
        assertEquals(4e-6, o.valueAt(9), 1e-17); // (min - max) * 1 + max, rounded in torch's order
        assertEquals(4e-6 - (1 - 4e-6) / 7, o.valueAt(10), 1e-15); // torch extrapolates the last step
        assertThrows(IllegalArgumentException.class, () -> o.valueAt(11));
    }

    @Test
    void sequentialStartsTheNextScheduleAtItsOwnStepZero() {
        SequentialLR s = new SequentialLR(List.of(LinearLR.warmup(1, 0.5, 2), new ExponentialLR(1, 0.5)), 3);
        assertValues(s, 0, 0.5, 0.75, 1, 1, 0.5, 0.25);
    }

    @Test
    void chainedIsTheProduct() {
        ChainedSchedule c = new ChainedSchedule(new ConstantLR(1, 0.1, 2), new ExponentialLR(1, 0.5));
        assertValues(c, 1e-17, 0.1, 0.05, 0.25, 0.125);
    }

    @Test
    void lambdaLrStat453Example() {
        LambdaLR l = new LambdaLR(0.1, t -> Math.pow(0.95, t), "0.95^t");
        assertValues(l, 1e-17, 0.1, 0.095, 0.09025);
        assertEquals("LambdaLR(lr=0.1, lambda=0.95^t)", l.describe());
    }

    @Test
    void describeNamesTheParameters() {
        assertEquals("StepLR(lr=0.1, step_size=30, gamma=0.1)", new StepLR(0.1, 30, 0.1).describe());
        assertEquals("ExponentialLR(lr=32.0, gamma=0.5)", new ExponentialLR(32, 0.5).describe());
        assertEquals("CyclicLR(base_lr=0.1, max_lr=0.5, step_size_up=4, step_size_down=4, mode=triangular)",
                new CyclicLR(0.1, 0.5, 4).describe());
    }
}
