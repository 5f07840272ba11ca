package org.descentlab.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Hessians;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The hidden cases (nbgrader's hidden test cells) and the error a failed check raises for grading. */
class HiddenCasesTest {

    static Stream<String> computedIds() {
        return Exercises.ids().stream().filter(id -> !id.equals("stability"));
    }

    @ParameterizedTest
    @MethodSource("computedIds")
    void correctStudentsPassTheHiddenCasesOfEverySeed(String id) {
        for (long seed = 1; seed <= 6; seed++) {
            CheckResult r = Exercises.get(id).checkAnyHidden(CorrectStudents.of(id), seed);
            assertTrue(r.passed(), "seed " + seed + ": " + r.message());
            assertTrue(r.message().contains("; hidden cases): PASSED**"), r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("computedIds")
    void hiddenCasesDependOnTheSeed(String id) {
        ComparisonExercise<?, ?> e = (ComparisonExercise<?, ?>) Exercises.get(id);
        String a = settings(e.hiddenCases(new java.util.Random(1)));
        assertEquals(a, settings(e.hiddenCases(new java.util.Random(1))));
        assertNotEquals(a, settings(e.hiddenCases(new java.util.Random(2))));
        assertNotEquals(settings(e.cases()), a);
        assertFalse(e.hiddenCases(new java.util.Random(1)).isEmpty());
    }

    private static String settings(List<? extends ComparisonExercise.Case> cases) {
        StringBuilder sb = new StringBuilder();
        for (ComparisonExercise.Case c : cases) {
            sb.append(c.settings()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void codeTunedToTheVisibleCasesFailsTheHiddenOnes() {
        // Adam with eps written as the visible cases' 1e-8 instead of h.eps(): the round trip's eps-hard-coded
        StudentOptimizer tuned = (w, grad, h, s) -> {
            double[] m = s.buffer("m");
            double[] v = s.buffer("v");
            double c1 = 1 - Math.pow(h.beta1(), s.t());
            double c2 = 1 - Math.pow(h.beta2(), s.t());
            for (int i = 0; i < w.length; i++) {
                w[i] -= h.lr() * h.weightDecay() * w[i];
                m[i] = h.beta1() * m[i] + (1 - h.beta1()) * grad[i];
                v[i] = h.beta2() * v[i] + (1 - h.beta2()) * grad[i] * grad[i];
                w[i] -= h.lr() * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
            }
        };
        assertTrue(Exercises.adam().check(tuned).passed());
        CheckResult hidden = Exercises.adam().checkHidden(tuned, 1604);
        assertFalse(hidden.passed(), hidden.message());
        assertTrue(hidden.message().startsWith("**adam (Adam with bias correction (and AdamW's weight decay);"
                + " hidden cases): NOT YET"), hidden.message());
    }

    @Test
    void stabilityHiddenCaseIsAnotherQuadratic() {
        double[][] visible = Exercises.stability().hessian();
        double[][] hidden = Exercises.stability().hessian(1609);
        assertNotEquals(visible[0][0], hidden[0][0]);
        Supplier<StabilityAnswer> fromHidden = () -> {
            double[] lambda = Hessians.eigen(hidden).values();
            double alpha = 1.5 / lambda[lambda.length - 1];
            return new StabilityAnswer(alpha, Hessians.regimes(alpha, lambda), "0.75 of the bound 2 / lambda_max");
        };
        CheckResult r = Exercises.stability().checkAnyHidden(fromHidden, 1609);
        assertTrue(r.passed(), r.message());
        // the visible quadratic's answer (alpha = 0.15 against lambda_max = 12) does not fit the hidden one
        assertFalse(Exercises.stability().checkHidden(CorrectStudents.STABILITY, 1609).passed());
    }

    @Test
    void requirePassedThrowsNamingTheDiagnosis() {
        Exercises.adam().check((StudentOptimizer) CorrectStudents.of("adam")).requirePassed();
        CheckResult wrong = Exercises.heavyBall().check((w, grad, h, s) -> {
            for (int i = 0; i < w.length; i++) {
                w[i] += h.lr() * grad[i];
            }
        });
        var e = assertThrows(CheckFailedException.class, wrong::requirePassed);
        assertTrue(e.getMessage().startsWith("heavy-ball: NOT YET — ") && e.getMessage().contains("[" + wrong.diagnosisId() + "]"),
                e.getMessage());
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void checkCellsEndWithRequirePassed() {
        for (Exercise<?> e : Exercises.all()) {
            List<String> lines = e.checkCell().lines().toList();
            assertTrue(lines.get(lines.size() - 1).startsWith("result.requirePassed();"), e.id());
        }
    }
}
