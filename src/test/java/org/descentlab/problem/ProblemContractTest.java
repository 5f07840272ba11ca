package org.descentlab.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;

import org.descentlab.analysis.GradientCheck;
import org.descentlab.analysis.Hessians;
import org.descentlab.analysis.Trajectory;
import org.descentlab.util.Matrices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;

/**
 * One test over every deterministic problem (ensmallen's style), at its start and three seeded
 * points around it:
 *
 * <ul>
 *   <li>analytic gradient = DJL autograd of the same loss written in NDArray ops (float64) to
 *       {@value #AUTOGRAD_TOL} in the normwise relative sense {@code |a - b|_inf / |a|_inf}; losses
 *       agree to the same tolerance;
 *   <li>analytic gradient = central finite differences of the loss: {@link GradientCheck} with its
 *       defaults (per coordinate, relative error <= 1e-6, floor 1e-6);
 *   <li>analytic Hessian = finite-difference Hessian of the analytic gradient to {@value #HESSIAN_TOL}
 *       normwise relative ({@code max|H - H_fd| / max|H|});
 *   <li>the optimum, where known, has zero gradient: {@code |g(w*)|_inf <= 1e-9 max(1, |g(start)|_inf)};
 *   <li>the optimum is reached from the default start by the case's method within its stated distance.
 * </ul>
 */
class ProblemContractTest {

    static final double AUTOGRAD_TOL = 1e-10;
    static final double HESSIAN_TOL = 1e-6;
    static final double STATIONARY_TOL = 1e-9;

    static List<ProblemCases.Case> cases() {
        return ProblemCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticGradientMatchesDjlAutograd(ProblemCases.Case c) {
        for (double[] w : c.points()) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray p = m.create(w);
                assertEquals(DataType.FLOAT64, p.getDataType());
                p.setRequiresGradient(true);
                double lossValue;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = c.loss().apply(m, p);
                    lossValue = l.getDouble();
                    gc.backward(l);
                }
                double[] autograd = p.getGradient().toDoubleArray();
                double[] analytic = c.problem().gradient(w, 0);
                double err = maxDiff(analytic, autograd) / Matrices.maxAbs(analytic);
                assertTrue(err <= AUTOGRAD_TOL, c.id() + " at " + Arrays.toString(w) + ": analytic "
                        + Arrays.toString(analytic) + " vs autograd " + Arrays.toString(autograd) + ", relative " + err);
                double f = c.problem().loss(w);
                assertEquals(f, lossValue, AUTOGRAD_TOL * Math.max(1, Math.abs(f)), c.id() + " loss");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticGradientMatchesFiniteDifferences(ProblemCases.Case c) {
        for (double[] w : c.points()) {
            GradientCheck.Report r = GradientCheck.check(c.problem(), w);
            assertTrue(r.passed(), r.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticHessianMatchesFiniteDifferences(ProblemCases.Case c) {
        for (double[] w : c.points()) {
            double[][] h = c.problem().hessian(w).orElseThrow(() -> new AssertionError(c.id() + " has no Hessian"));
            double[][] fd = Hessians.finiteDifference(c.problem(), w);
            double err = 0;
            for (int i = 0; i < h.length; i++) {
                assertEquals(h.length, h[i].length);
                for (int j = 0; j < h.length; j++) {
                    assertEquals(h[i][j], h[j][i], 0.0, c.id() + ": analytic Hessian not symmetric");
                    err = Math.max(err, Math.abs(h[i][j] - fd[i][j]));
                }
            }
            err /= Matrices.maxAbs(h);
            assertTrue(err <= HESSIAN_TOL, c.id() + " at " + Arrays.toString(w) + ": Hessian relative error " + err);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void optimumIsStationaryAndReached(ProblemCases.Case c) {
        Problem p = c.problem();
        if (p.optimum().isEmpty()) {
            assertTrue(c.reach() == null, c.id() + " has no optimum but a reach method");
            return;
        }
        double[] opt = p.optimum().orElseThrow();
        double scale = Math.max(1, Matrices.maxAbs(p.gradient(p.start(), 0)));
        double g = Matrices.maxAbs(p.gradient(opt, 0));
        assertTrue(g <= STATIONARY_TOL * scale, c.id() + ": |g(optimum)| = " + g);
        Trajectory t = c.reach().run().apply(p);
        double[] last = t.last();
        double dist = 0;
        for (int i = 0; i < last.length; i++) {
            dist = Math.max(dist, Math.abs(last[i] - opt[i]) / Math.max(1, Math.abs(opt[i])));
        }
        System.out.printf("%-32s %-28s ends %.3g from the optimum (tolerance %.1g)%n",
                c.id(), c.reach().description(), dist, c.reach().tolerance());
        assertTrue(dist <= c.reach().tolerance(), c.id() + " with " + c.reach().description() + " ends at "
                + Arrays.toString(last) + ", optimum " + Arrays.toString(opt) + ", distance " + dist);
    }

    private static double maxDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
