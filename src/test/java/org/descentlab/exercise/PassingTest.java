package org.descentlab.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/** The references and independently written correct solutions pass every check. */
class PassingTest {

    static List<String> ids() {
        return Exercises.ids();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void referencePasses(String id) {
        Exercise<?> e = Exercises.get(id);
        CheckResult r = e.checkAny(e.reference());
        assertTrue(r.passed(), r.message());
        assertEquals("passed", r.diagnosisId());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void independentSolutionPassesWithAFigure(String id) {
        CheckResult r = Exercises.get(id).checkAny(CorrectStudents.of(id));
        assertTrue(r.passed(), r.message());
        assertTrue(r.message().contains("PASSED"), r.message());
        assertNotNull(r.image(), "a passing check shows a figure");
        assertEquals(r.message(), r.toString());
        assertFalse(r.firstDivergence().isPresent());
    }

    @Test
    void registryHasTheCourseExercisesInOrder() {
        assertEquals(List.of("heavy-ball", "nesterov", "rmsprop", "adam", "ema", "schedule-triangular",
                "schedule-warmup-cosine", "gradient-check", "stability", "adabelief", "clipping", "temperature", "plateau",
                "djl-sgd"),
                Exercises.ids());
        for (Exercise<?> e : Exercises.all()) {
            assertTrue(e.skeletonCell().contains("TODO"), e.id());
            assertTrue(e.checkCell().contains("mine"), e.id());
            assertTrue(e.describe().contains(e.formula()), e.id());
            assertFalse(e.diagnosable().isEmpty(), e.id());
        }
    }

    /**
     * torch's look-ahead w + lr * momentum * v (notebook 04's Nesterov) passes exercise 2 as well as the slide's
     * w + lr * v, on the visible and the hidden cases, and the message says which form it is.
     */
    @Test
    void nesterovAcceptsTorchsLookahead() {
        StudentNesterov torch = (w, grad, h, s) -> {
            double[] v = s.buffer("v");
            double[] p = w.clone();
            for (int i = 0; i < w.length; i++) {
                p[i] += h.momentum() * h.lr() * v[i];
            }
            double[] g = grad.at(p);
            for (int i = 0; i < w.length; i++) {
                v[i] = h.momentum() * v[i] - g[i];
                w[i] += h.lr() * v[i];
            }
        };
        for (CheckResult r : List.of(Exercises.nesterov().check(torch), Exercises.nesterov().checkHidden(torch, 1602L))) {
            assertTrue(r.passed(), r.message());
            assertTrue(r.message().contains("omits the momentum factor"), r.message());
        }
        CheckResult slide = Exercises.nesterov().check((StudentNesterov) CorrectStudents.of("nesterov"));
        assertTrue(slide.passed(), slide.message());
        assertFalse(slide.message().contains("omits"), slide.message());
    }

    @Test
    void gradientCheckReportsTheAccuracyOrder() {
        CheckResult r = Exercises.gradientCheck().check(CorrectStudents.GRADIENT);
        assertTrue(r.message().contains("order 2.0"), r.message());
    }

    @Test
    void stabilityPassShowsPredictedAndObservedFactors() {
        CheckResult r = Exercises.stability().check(CorrectStudents.STABILITY);
        assertTrue(r.passed(), r.message());
        assertTrue(r.message().contains("-0.8"), r.message());
        assertTrue(r.message().contains("Your explanation"), r.message());
    }
}
