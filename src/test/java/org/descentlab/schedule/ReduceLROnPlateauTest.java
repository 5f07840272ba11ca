package org.descentlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.Sgd;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Scripted metric sequences with patience 2 and cooldown 1; epochs worked out by hand. */
class ReduceLROnPlateauTest {

    private static ReduceLROnPlateau feed(ReduceLROnPlateau p, double... metrics) {
        for (double m : metrics) {
            p.step(m);
        }
        return p;
    }

    @Test
    void minRelFiresEveryThreeBadEpochsWithCooldownOne() {
        // 10% relative threshold: 9 is not better than 10 * 0.9. Bad epochs 2,3,4 -> reduce at 4;
        // epoch 5 is in cooldown (not counted); 6,7,8 -> reduce at 8; 5 improves at 9; 10,11,12 -> 12.
        ReduceLROnPlateau p = ReduceLROnPlateau.builder().patience(2).cooldown(1).threshold(0.1).build(1.0);
        feed(p, 10, 9, 9, 9, 9, 9, 9, 9, 5, 5, 5, 5);
        assertEquals(List.of(4L, 8L, 12L), p.events());
        assertEquals(0.001, p.lr(), 1e-18);
        assertEquals(5, p.best(), 0);
        assertEquals(12, p.epoch());
    }

    @Test
    void minAbsImprovementMustExceedTheMarginStrictly() {
        // abs 0.5: 9.2 improves on 10 (< 9.5); 8.9, 8.8 and 8.7 (= 9.2 - 0.5, not below) are bad -> 6.
        ReduceLROnPlateau p = ReduceLROnPlateau.builder().patience(2).cooldown(1).threshold(0.5)
                .thresholdMode(ReduceLROnPlateau.ThresholdMode.ABS).factor(0.5).build(0.1);
        feed(p, 10, 9.6, 9.2, 8.9, 8.8, 8.7, 8.6, 8.5);
        assertEquals(List.of(6L), p.events());
        assertEquals(0.05, p.lr(), 0);
        assertEquals(8.6, p.best(), 0);
    }

    @Test
    void maxRelOnAccuracy() {
        ReduceLROnPlateau p = ReduceLROnPlateau.builder().mode(ReduceLROnPlateau.Mode.MAX).patience(2).cooldown(1)
                .threshold(0.01).build(0.1);
        feed(p, 0.5, 0.6, 0.601, 0.602, 0.603, 0.604, 0.7, 0.7, 0.7, 0.7, 0.7);
        assertEquals(List.of(5L, 10L), p.events());
        assertEquals(0.001, p.lr(), 1e-18);
    }

    @Test
    void maxAbsAgainstMaxRelOnTheSameMetrics() {
        double[] acc = {0.5, 0.56, 0.6, 0.62, 0.64, 0.66, 0.668};
        ReduceLROnPlateau abs = ReduceLROnPlateau.builder().mode(ReduceLROnPlateau.Mode.MAX).patience(2).cooldown(1)
                .threshold(0.05).thresholdMode(ReduceLROnPlateau.ThresholdMode.ABS).build(0.1);
        assertEquals(List.of(7L), feed(abs, acc).events());
        ReduceLROnPlateau rel = ReduceLROnPlateau.builder().mode(ReduceLROnPlateau.Mode.MAX).patience(2).cooldown(1)
                .threshold(0.01).build(0.1);
        assertEquals(List.of(), feed(rel, acc).events());
        assertEquals(0.1, rel.lr(), 0);
    }

    @Test
    void reductionsSmallerThanEpsAreIgnoredAndMinLrIsAFloor() {
        ReduceLROnPlateau p = ReduceLROnPlateau.builder().patience(0).build(1e-7);
        assertFalse(p.step(1));
        assertTrue(p.step(1)); // 1e-7 -> 1e-8: a change of 9e-8 > eps
        assertFalse(p.step(1)); // 1e-8 -> 1e-9 would change it by 9e-9 <= eps = 1e-8
        assertEquals(1e-8, p.lr(), 1e-24);
        assertEquals(List.of(2L), p.events());
        ReduceLROnPlateau floor = ReduceLROnPlateau.builder().patience(0).factor(0.5).minLr(0.3).build(1);
        feed(floor, 1, 1, 1, 1);
        assertEquals(0.3, floor.lr(), 0);
        assertEquals(List.of(2L, 3L), floor.events());
    }

    @Test
    void drivesTheOptimizerAndReadsItsRate() {
        try (Sgd sgd = Sgd.of(0.2)) {
            ReduceLROnPlateau p = ReduceLROnPlateau.builder().patience(0).factor(0.5).build(sgd);
            p.step(1);
            sgd.setLr(0.8); // someone else changes the rate: torch reduces what is in the optimizer
            p.step(1);
            assertEquals(0.4, sgd.lr(), 0);
            assertEquals(0.4, p.lr(), 0);
        }
    }

    @Test
    void nanMetricIsAClearError() {
        ReduceLROnPlateau p = ReduceLROnPlateau.builder().build(0.1);
        p.step(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.step(Double.NaN));
        assertTrue(e.getMessage().contains("metric = NaN") && e.getMessage().contains("epoch 2"), e.getMessage());
        assertEquals(1, p.epoch());
    }
}
