package org.descentlab.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/** Whatever a student's code does, the check answers with a clear message and never throws. */
class RobustnessTest {

    static List<String> ids() {
        return Exercises.ids();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void nullImplementation(String id) {
        CheckResult r = Exercises.get(id).checkAny(null);
        assertFalse(r.passed());
        assertEquals("null-implementation", r.diagnosisId());
        assertTrue(r.message().contains("null"), r.message());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void wrongType(String id) {
        CheckResult r = Exercises.get(id).checkAny("not an implementation");
        assertEquals("wrong-type", r.diagnosisId(), r.message());
    }

    static List<Object[]> skeletons() {
        String todo = "TODO: your code here";
        return List.of(
                new Object[] {"heavy-ball", (StudentOptimizer) (w, g, h, s) -> {
                    throw new UnsupportedOperationException(todo);
                }},
                new Object[] {"nesterov", (StudentNesterov) (w, g, h, s) -> {
                    throw new UnsupportedOperationException(todo);
                }},
                new Object[] {"rmsprop", (StudentOptimizer) (w, g, h, s) -> {
                    throw new UnsupportedOperationException(todo);
                }},
                new Object[] {"adam", (StudentOptimizer) (w, g, h, s) -> {
                    throw new UnsupportedOperationException(todo);
                }},
                new Object[] {"ema", (StudentEma) (x, n, s) -> {
                    throw new UnsupportedOperationException(todo);
                }},
                new Object[] {"schedule-triangular", (StudentSchedule) (k, h) -> {
                    throw new UnsupportedOperationException(todo);
                }},
                new Object[] {"schedule-warmup-cosine", (StudentSchedule) (k, h) -> {
                    throw new UnsupportedOperationException(todo);
                }},
                new Object[] {"gradient-check", (StudentGradient) (f, w, h) -> {
                    throw new UnsupportedOperationException(todo);
                }},
                new Object[] {"djl-sgd", (StudentDjlOptimizer) (lr, momentum) -> new DjlOptimizer() {
                    @Override
                    public void update(String parameterId, ai.djl.ndarray.NDArray weight, ai.djl.ndarray.NDArray grad) {
                        throw new UnsupportedOperationException(todo);
                    }
                }});
    }

    @ParameterizedTest
    @MethodSource("skeletons")
    void skeletonIsNotYetImplemented(String id, Object skeleton) {
        CheckResult r = Exercises.get(id).checkAny(skeleton);
        assertFalse(r.passed());
        assertEquals("not-implemented", r.diagnosisId(), r.message());
        assertTrue(r.message().contains("Not yet implemented"), r.message());
        assertFalse(r.message().contains("\tat "), "no stack trace: " + r.message());
    }

    @Test
    void stabilitySkeletonAnswersClearly() {
        CheckResult r = Exercises.stability().check(new StabilityAnswer(Double.NaN, List.of(), "TODO: why"));
        assertEquals("nonpositive-learning-rate", r.diagnosisId(), r.message());
        r = Exercises.stability().check(new StabilityAnswer(0.1, null, null));
        assertEquals("wrong-regime-count", r.diagnosisId(), r.message());
    }

    /** A student class whose method throws from a helper: both of its frames are shown, the checker's not. */
    static final class IndexingStudent implements StudentOptimizer {
        @Override
        public void step(double[] w, double[] grad, Hyper h, State s) {
            helper(w);
        }

        private void helper(double[] w) {
            double[] v = new double[1];
            v[w.length] = 1;
        }
    }

    @Test
    void exceptionShowsTypeMessageAndOnlyTheStudentsFrames() {
        CheckResult r = Exercises.heavyBall().check(new IndexingStudent());
        assertEquals("exception", r.diagnosisId(), r.message());
        String m = r.message();
        assertTrue(m.contains("java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 1"), m);
        assertTrue(m.contains("IndexingStudent.helper"), m);
        assertTrue(m.contains("IndexingStudent.step"), m);
        assertFalse(m.contains("TrajectoryExercise"), m);
        assertFalse(m.contains("HeavyBallExercise"), m);
        assertFalse(m.contains("Guard"), m);
        assertFalse(m.contains("junit"), m);
        assertTrue(m.contains("in step 1"), m);
    }

    @Test
    void nanIsNamed() {
        StudentOptimizer nan = (w, grad, h, s) -> {
            for (int i = 0; i < w.length; i++) {
                w[i] -= h.lr() * grad[i] * h.beta1(); // beta1 is not set for this exercise: NaN
            }
        };
        CheckResult r = Exercises.heavyBall().check(nan);
        assertEquals("nan-output", r.diagnosisId(), r.message());
        assertTrue(r.message().contains("NaN"), r.message());
    }

    @Test
    void notInPlace() {
        StudentOptimizer copy = (w, grad, h, s) -> {
            w = w.clone();
            for (int i = 0; i < w.length; i++) {
                w[i] -= h.lr() * grad[i];
            }
        };
        assertEquals("not-in-place", Exercises.heavyBall().check(copy).diagnosisId());
    }

    @Test
    void modifiedGradient() {
        StudentOptimizer writes = (w, grad, h, s) -> {
            double[] v = s.buffer("v");
            for (int i = 0; i < w.length; i++) {
                grad[i] += h.weightDecay() * w[i];
                v[i] = h.momentum() * v[i] - grad[i];
                w[i] += h.lr() * v[i];
            }
        };
        CheckResult r = Exercises.heavyBall().check(writes);
        assertEquals("input-modified", r.diagnosisId(), r.message());
        assertTrue(r.message().contains("gradient"), r.message());
    }

    @Test
    void emaReturningNullOrWrongLength() {
        assertEquals("null-output", Exercises.ema().check((x, n, s) -> null).diagnosisId());
        CheckResult r = Exercises.ema().check((x, n, s) -> new double[x.length + 1]);
        assertEquals("wrong-length", r.diagnosisId());
        assertTrue(r.message().contains("returned 3 values"), r.message());
        assertEquals("input-modified", Exercises.ema().check((x, n, s) -> {
            x[0] = 0;
            return x;
        }).diagnosisId());
    }

    @Test
    void gradientNotRestoredOrWrongLength() {
        StudentGradient inPlace = (f, w, h) -> {
            double[] g = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                w[i] += h;
                double up = f.value(w);
                w[i] -= 2 * h;
                g[i] = (up - f.value(w)) / (2 * h);
            }
            return g;
        };
        CheckResult r = Exercises.gradientCheck().check(inPlace);
        assertEquals("input-modified", r.diagnosisId(), r.message());
        assertTrue(r.message().contains("put it back"), r.message());
        assertEquals("wrong-length", Exercises.gradientCheck().check((f, w, h) -> new double[1]).diagnosisId());
        CheckResult bad = Exercises.gradientCheck().check((f, w, h) -> new double[] {f.value(new double[5])});
        assertEquals("exception", bad.diagnosisId());
        assertTrue(bad.message().contains("point has 5 coordinates"), bad.message());
    }

    @Test
    void nesterovAskingForAGradientOfTheWrongLength() {
        CheckResult r = Exercises.nesterov().check((w, grad, h, s) -> grad.at(new double[1]));
        assertEquals("exception", r.diagnosisId());
        assertTrue(r.message().contains("grad.at(point): point has 1 coordinates"), r.message());
    }

    @Test
    void scheduleReturningNaN() {
        CheckResult r = Exercises.triangularSchedule().check((k, h) -> 0.0 / 0.0);
        assertEquals("nan-output", r.diagnosisId(), r.message());
        assertTrue(r.message().contains("lr(step = 0)"), r.message());
    }

    @Test
    void stateBuffersAndCounter() {
        State s = new State(3);
        assertEquals(0, s.t());
        s.advance();
        double[] v = s.buffer("v");
        v[0] = 2;
        assertTrue(s.buffer("v") == v);
        assertEquals(3, v.length);
        assertEquals(0.0, s.scalar("k"));
        assertTrue(s.toString().contains("t=1"));
    }
}
