package org.descentlab.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Hessians;
import org.descentlab.analysis.MomentumTuning;
import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Sgd;
import org.descentlab.util.LinearAlgebra;
import org.descentlab.util.Matrices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSC413 L4, slide "Ill-conditioned curvature: normalization": the same least-squares fit on raw inputs
 * (x ~ 1000) and on standardized inputs has the same optimum in original units but condition numbers
 * many orders of magnitude apart, and gradient descent at its best constant learning rate
 * {@code 2 / (lambda_min + lambda_max)} gets nowhere on the raw problem in the steps it needs to
 * converge on the standardized one.
 */
class LinearRegressionTest {

    static LinearRegression problem(String which) {
        return which.equals("table") ? LinearRegression.deckTable() : LinearRegression.mixedScales();
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "mixed"})
    void standardizingKeepsTheOptimumAndFixesTheConditioning(String which) {
        LinearRegression raw = problem(which);
        LinearRegression.Standardized s = raw.standardized();
        double kRaw = raw.conditionNumber();
        double kStd = s.problem().conditionNumber();
        System.out.printf("linear regression (%s): condition number raw %.3g, standardized %.3g%n", which, kRaw, kStd);
        assertTrue(kRaw > 1e6, "raw inputs are badly conditioned: " + kRaw);
        assertTrue(kStd < 3, "standardized inputs are well conditioned: " + kStd);
        assertEquals(kRaw, Hessians.conditionNumber(raw.hessian(raw.start()).orElseThrow()), 1e-6 * kRaw);

        double[] rawOpt = raw.optimum().orElseThrow();
        double[] stdOpt = s.problem().optimum().orElseThrow();
        double[] mapped = s.toOriginal(stdOpt);
        assertArrayEquals(rawOpt, mapped, 1e-9 * Matrices.maxAbs(rawOpt));
        // The raw normal equations solved directly (Gaussian elimination): relative error ~ kappa * eps.
        double[][] h = raw.hessian(rawOpt).orElseThrow();
        double[] g0 = raw.gradient(new double[raw.dimension()], 0);
        double[] rhs = new double[g0.length];
        for (int i = 0; i < rhs.length; i++) {
            rhs[i] = -g0[i];
        }
        double[] direct = LinearAlgebra.solve(h, rhs);
        double tol = Math.max(1e-12, 100 * kRaw * 1e-16);
        for (int i = 0; i < direct.length; i++) {
            assertEquals(rawOpt[i], direct[i], tol * Math.max(1, Math.abs(rawOpt[i])), "coordinate " + i);
        }
        assertEquals(raw.loss(rawOpt), s.problem().loss(stdOpt), 1e-12 * raw.loss(rawOpt));
        // The maps are inverse to each other and preserve predictions (hence the loss).
        double[] w = {0.3, -0.2, 5};
        assertArrayEquals(w, s.toOriginal(s.toStandardized(w)), 1e-9);
        assertEquals(raw.loss(w), s.problem().loss(s.toStandardized(w)), 1e-9 * raw.loss(w));
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "mixed"})
    void gradientDescentConvergesOnlyAfterStandardizing(String which) {
        LinearRegression raw = problem(which);
        LinearRegression std = raw.standardized().problem();
        int steps = 200;
        double lrRaw = bestRate(raw);
        double lrStd = bestRate(std);
        try (Sgd a = Sgd.of(lrRaw); Sgd b = Sgd.of(lrStd)) {
            Trajectory tRaw = TrajectoryRunner.run(raw, a, steps);
            Trajectory tStd = TrajectoryRunner.run(std, b, steps);
            double fRaw = raw.loss(raw.optimum().orElseThrow());
            double gapRaw = (tRaw.lastLoss() - fRaw) / (tRaw.loss()[0] - fRaw);
            double gapStd = (tStd.lastLoss() - fRaw) / (tStd.loss()[0] - fRaw);
            System.out.printf("linear regression (%s): GD %d steps at 2/(lambda_min + lambda_max): remaining excess loss raw %.3g, standardized %.3g%n",
                    which, steps, gapRaw, gapStd);
            assertTrue(gapStd < 1e-10, "standardized converges: " + gapStd);
            assertTrue(gapRaw > 1e-3, "raw stalls: " + gapRaw);
        }
    }

    static double bestRate(LinearRegression p) {
        double[] l = Hessians.eigenvalues(p.hessian(p.start()).orElseThrow());
        return MomentumTuning.gradientDescent(l[0], l[l.length - 1]).alpha();
    }
}
