package org.descentlab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.problem.Quadratic;
import org.descentlab.problem.Rosenbrock;
import org.descentlab.problem.Saddle;
import org.junit.jupiter.api.Test;

/** CTU DLE L7, slide with "adjusts the direction of the gradient": w = w - alpha H^{-1} g. */
class NewtonMethodTest {

    /** With alpha = 1 one step lands on the optimum of a quadratic, whatever its conditioning (kappa = 10^6 here). */
    @Test
    void oneStepSolvesAQuadratic() {
        Quadratic q = Quadratic.randomRotation(new double[] {1e-3, 1, 10, 1000}, 5, new double[] {1, 2, 3, 4}, null);
        Trajectory t = NewtonMethod.run(q, 1.0, q.start(), 1);
        double[] opt = q.optimum().orElseThrow();
        assertArrayEquals(opt, t.last(), 1e-9 * org.descentlab.util.Matrices.maxAbs(opt));
        assertEquals(1.0, t.lr()[1], 0);
        assertTrue(t.label().startsWith("Newton"));
        // alpha = 1/2 halves the distance each step.
        Trajectory half = NewtonMethod.run(q, 0.5, q.start(), 3);
        double scale = org.descentlab.util.Matrices.maxAbs(opt);
        for (int i = 0; i < 4; i++) {
            assertEquals((q.start()[i] - opt[i]) / 8, half.last()[i] - opt[i], 1e-9 * scale);
        }
    }

    /**
     * Quadratic convergence on Rosenbrock from (1.2, 1.2): once close, the error e_{k+1} <= C e_k^2 with
     * C < 50, and machine precision within 7 steps.
     */
    @Test
    void convergesQuadraticallyOnRosenbrock() {
        Rosenbrock r = new Rosenbrock();
        Trajectory t = NewtonMethod.run(r, 1.0, new double[] {1.2, 1.2}, 7);
        double[] e = new double[8];
        for (int k = 0; k <= 7; k++) {
            e[k] = Math.hypot(t.params()[k][0] - 1, t.params()[k][1] - 1);
        }
        System.out.println("Newton on Rosenbrock from (1.2, 1.2): errors " + java.util.Arrays.toString(e));
        assertTrue(e[7] < 1e-15, "converged: " + e[7]);
        int checked = 0;
        for (int k = 1; k < 7; k++) {
            if (e[k] < 0.1 && e[k] > 1e-7) {
                assertTrue(e[k + 1] <= 50 * e[k] * e[k], "step " + k + ": " + e[k] + " -> " + e[k + 1]);
                checked++;
            }
        }
        assertTrue(checked >= 2, "saw at least two quadratic steps");
    }

    /** At a saddle, pure Newton is refused; with damping mu = 3 > -lambda_min = 2 it descends. */
    @Test
    void dampingMakesTheSaddleStepADescentStep() {
        Saddle s = new Saddle(Saddle.Variant.QUARTIC, new double[] {0.5, 0.1});
        Trajectory t = NewtonMethod.run(s, 1.0, s.start(), 30, 3.0);
        for (int k = 0; k < 30; k++) {
            assertTrue(t.loss()[k + 1] <= t.loss()[k], "descends at step " + k);
        }
        assertArrayEquals(new double[] {0, 1}, t.last(), 1e-6);
    }
}
