package org.descentlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.descentlab.optim.Sgd;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** Scheduler stepping, granularity, the DJL tracker adapter. */
class SchedulerTest {

    @Test
    void constructorSetsValueAtZeroAndStepAdvances() {
        try (Sgd sgd = Sgd.of(1)) {
            Scheduler s = Scheduler.perEpoch(new ExponentialLR(32, 0.5), sgd);
            assertEquals(32, sgd.lr(), 0);
            assertEquals(0, s.stepCount());
            assertEquals(16, s.step(), 0);
            assertEquals(16, sgd.lr(), 0);
            s.stepTo(4);
            assertEquals(2, sgd.lr(), 0);
            s.stepTo(4); // same step: allowed, re-applies
            assertEquals(4, s.stepCount());
        }
    }

    @Test
    void onlyTheMatchingHookAdvances() {
        try (Sgd a = Sgd.of(1); Sgd b = Sgd.of(1)) {
            Scheduler perIteration = Scheduler.perIteration(new StepLR(1, 1, 0.5), a);
            Scheduler perEpoch = Scheduler.perEpoch(new StepLR(1, 1, 0.5), b);
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int batch = 0; batch < 4; batch++) {
                    perIteration.onIteration();
                    perEpoch.onIteration();
                }
                perIteration.onEpoch();
                perEpoch.onEpoch();
            }
            assertEquals(12, perIteration.stepCount());
            assertEquals(3, perEpoch.stepCount());
            assertEquals(Math.pow(0.5, 12), a.lr(), 0);
            assertEquals(0.125, b.lr(), 0);
        }
    }

    @Test
    void trackerMapsDjlsOneBasedUpdateCount() {
        ScheduleTracker t = new StepLR(1, 2, 0.5).asTracker();
        assertEquals(1f, t.getNewValue(1));
        assertEquals(1f, t.getNewValue(2));
        assertEquals(0.5f, t.getNewValue(3));
        assertEquals(0.25f, t.getNewValue(5));
        ScheduleTracker perEpoch = new ExponentialLR(1, 0.5).asTracker(3);
        assertEquals(1f, perEpoch.getNewValue(3));
        assertEquals(0.5f, perEpoch.getNewValue(4));
        assertEquals(0.5f, perEpoch.getNewValue(6));
        assertEquals(0.25f, perEpoch.getNewValue(7));
        assertEquals(2, perEpoch.stepFor(7));
        assertEquals((float) 0.1, Schedule.constant(0.1).asTracker().getNewValue("w", 9));
    }

    @Test
    void trackerDrivesADescentOptimizerFromTheFirstUpdate() {
        try (NDManager m = NDManager.newBaseManager(); Sgd sgd = Sgd.of(123)) {
            sgd.setLrTracker(StepLR.halving(1, 1).asTracker());
            NDArray w = m.create(new double[] {1.0});
            NDArray g = m.create(new double[] {1.0});
            for (int i = 0; i < 3; i++) {
                sgd.step(Map.of("w", w), Map.of("w", g));
            }
            // updates 1, 2, 3 use valueAt(0), valueAt(1), valueAt(2) = 1, 0.5, 0.25
            assertEquals(1 - 1 - 0.5 - 0.25, w.toDoubleArray()[0], 0);
        }
    }
}
