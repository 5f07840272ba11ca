package org.descentlab.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeavyBallExerciseTest {

    @Test
    void correctPasses() {
        StudentOptimizer mine = (w, grad, h, s) -> {
            double[] v = s.buffer("v");
            for (int i = 0; i < w.length; i++) {
                v[i] = h.momentum() * v[i] - (grad[i] + h.weightDecay() * w[i]);
                w[i] += h.lr() * v[i];
            }
        };
        CheckResult r = Exercises.heavyBall().check(mine);
        System.out.println(r);
        assertTrue(r.passed(), r.message());
    }

    @Test
    void ema() {
        StudentOptimizer mine = (w, grad, h, s) -> {
            double[] v = s.buffer("v");
            for (int i = 0; i < w.length; i++) {
                v[i] = h.momentum() * v[i] - (1 - h.momentum()) * (grad[i] + h.weightDecay() * w[i]);
                w[i] += h.lr() * v[i];
            }
        };
        CheckResult r = Exercises.heavyBall().check(mine);
        System.out.println(r);
        assertEquals("ema-instead-of-heavy-ball", r.diagnosisId());
    }

    @Test
    void exception() {
        StudentOptimizer mine = (w, grad, h, s) -> {
            double[] v = new double[2];
            for (int i = 0; i < w.length; i++) {
                v[i] = 1;
            }
        };
        CheckResult r = Exercises.heavyBall().check(mine);
        System.out.println(r);
    }
}
