package org.descentlab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Hessians.Regime;
import org.descentlab.optim.Sgd;
import org.descentlab.problem.Beale;
import org.descentlab.problem.Problem;
import org.descentlab.problem.Quadratic;
import org.descentlab.util.LinearAlgebra;
import org.descentlab.util.Matrices;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

/** CSC413 L4, slide "Ill-conditioned curvature": spectra, the 2 / lambda_max threshold and the (1 - alpha lambda)^k regimes. */
class HessiansTest {

    @Test
    void jacobiFindsKnownSpectra() {
        LinearAlgebra.Eigen e = Hessians.eigen(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {1, 3}, e.values(), 1e-15);
        double r = Math.sqrt(0.5);
        assertEquals(1.0, Math.abs(e.vector(0)[0] * r - e.vector(0)[1] * r), 1e-15, "(1, -1)/sqrt 2");
        assertEquals(1.0, Math.abs(e.vector(1)[0] * r + e.vector(1)[1] * r), 1e-15, "(1, 1)/sqrt 2");
        // The 1-D Laplacian: eigenvalues 2 - 2 cos(k pi / 4), k = 1, 2, 3.
        double[] lap = Hessians.eigenvalues(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}});
        assertArrayEquals(new double[] {2 - Math.sqrt(2), 2, 2 + Math.sqrt(2)}, lap, 1e-14);
        assertArrayEquals(new double[] {-3, 5}, Hessians.eigenvalues(new double[][] {{5, 0}, {0, -3}}), 0);
        assertArrayEquals(new double[] {4, 4, 4}, Hessians.eigenvalues(new double[][] {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}}), 0);
        assertArrayEquals(new double[] {7}, Hessians.eigenvalues(new double[][] {{7}}), 0);
    }

    @Test
    void jacobiReconstructsRandomSymmetricMatrices() {
        for (long seed = 0; seed < 5; seed++) {
            int n = 2 + (int) seed * 2;
            double[] lambda = new double[n];
            for (int i = 0; i < n; i++) {
                lambda[i] = Math.pow(10, i - 2) * (i % 3 == 2 ? -1 : 1);
            }
            double[][] q = Quadratic.randomOrthogonal(n, seed);
            double[][] a = LinearAlgebra.fromEigen(q, lambda);
            LinearAlgebra.Eigen e = Hessians.eigen(a);
            double[] sorted = lambda.clone();
            java.util.Arrays.sort(sorted);
            assertArrayEquals(sorted, e.values(), 1e-12 * Matrices.maxAbs(lambda));
            Matrices.checkOrthogonal("eigenvectors", e.vectors());
            double[][] back = LinearAlgebra.fromEigen(e.vectors(), e.values());
            for (int i = 0; i < n; i++) {
                assertArrayEquals(a[i], back[i], 1e-12 * Matrices.maxAbs(a), "n = " + n + " row " + i);
            }
        }
    }

    @Test
    void finiteDifferenceHessianStandsInForAMissingOne() {
        Beale beale = new Beale();
        Problem noHessian = new Problem() {
            public String name() { return "beale-without-hessian"; }
            public int dimension() { return 2; }
            public double loss(double[] w) { return beale.loss(w); }
            public double[] gradient(double[] w, long step) { return beale.gradient(w, step); }
            public double[] start() { return beale.start(); }
            public Optional<double[]> optimum() { return beale.optimum(); }
        };
        assertTrue(noHessian.hessian(new double[] {1, 1}).isEmpty(), "default: no analytic Hessian");
        double[] w = {2.5, 0.3};
        double[][] fd = Hessians.at(noHessian, w);
        double[][] exact = beale.hessian(w).orElseThrow();
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(exact[i], fd[i], 1e-6 * Matrices.maxAbs(exact));
        }
        assertEquals(Hessians.conditionNumber(exact), Hessians.conditionNumber(fd), 1e-5 * Hessians.conditionNumber(exact));
    }

    /** GD converges at 0.99 * 2 / lambda_max and diverges at 1.01 * 2 / lambda_max (CSC413 L4). */
    @Test
    void learningRateThresholdIsTwoOverLambdaMax() {
        Quadratic q = Quadratic.rotated2d(1, 50, 0.7, new double[] {1, 2}, null);
        double max = Hessians.maxStableLearningRate(q.matrix());
        assertEquals(2.0 / 50, max, 1e-15);
        double[] opt = q.optimum().orElseThrow();
        double d0 = distance(q.start(), opt);
        try (Sgd below = Sgd.of(0.99 * max); Sgd above = Sgd.of(1.01 * max)) {
            Trajectory ok = TrajectoryRunner.run(q, below, 2000);
            Trajectory bad = TrajectoryRunner.run(q, above, 2000);
            double dOk = distance(ok.last(), opt);
            double dBad = distance(bad.last(), opt);
            System.out.printf("alpha = 0.99 * 2/lambda_max: distance %.3g -> %.3g; 1.01 * 2/lambda_max: -> %.3g%n", d0, dOk, dBad);
            assertTrue(dOk < 1e-12 * d0, "converges: " + dOk);
            assertTrue(dBad > 1e12 * d0, "diverges: " + dBad);
            // The divergent direction grows by exactly |1 - alpha lambda_max| = 1.02 per step.
            double[] fast = {q.rotation()[0][1], q.rotation()[1][1]};
            double[] f = Hessians.observedFactors(bad, opt, fast);
            assertEquals(-1.02, f[1000], 1e-9);
        }
    }

    @Test
    void regimesFollowAlphaTimesLambda() {
        double alpha = 0.1;
        assertEquals(List.of(Regime.GROW, Regime.STALL, Regime.DECAY, Regime.DECAY, Regime.OSCILLATE, Regime.OSCILLATE,
                        Regime.DIVERGE),
                Hessians.regimes(alpha, new double[] {-1, 0, 1, 10, 15, 20, 25}));
        assertEquals(Regime.STALL, Regime.of(0, 5));
        assertEquals(Regime.DECAY, Regime.of(0.5, 2));
        assertEquals(Regime.OSCILLATE, Regime.of(0.5, 4));
        assertEquals(Regime.DIVERGE, Regime.of(0.5, 4.000001));
    }

    /**
     * On a quadratic, the factor GD applies along eigenvector i is 1 - alpha lambda_i at every step
     * (to 1e-9, over the first 10 steps where the errors are still far above rounding), and the
     * predicted contraction max_i |1 - alpha lambda_i| is the observed one.
     */
    @Test
    void predictedContractionEqualsObserved() {
        double[] lambda = {1, 4, 9};
        Quadratic q = Quadratic.randomRotation(lambda, 11, new double[] {0.5, -1, 2}, null);
        double alpha = 0.15;
        double[] opt = q.optimum().orElseThrow();
        double[][] directions = Matrices.transpose(q.rotation());
        try (Sgd gd = Sgd.of(alpha)) {
            Trajectory t = TrajectoryRunner.run(q, gd, 10);
            for (int i = 0; i < 3; i++) {
                double[] f = Hessians.observedFactors(t, opt, directions[i]);
                for (double fk : f) {
                    assertEquals(1 - alpha * lambda[i], fk, 1e-9, "direction " + i);
                }
            }
            assertEquals(List.of(Regime.DECAY, Regime.DECAY, Regime.OSCILLATE), Hessians.regimes(alpha, lambda));
            double predicted = Hessians.predictedContraction(alpha, lambda);
            assertEquals(0.85, predicted, 1e-15);
            for (int k = 0; k < 10; k++) {
                assertEquals(predicted, Hessians.observedContraction(t, opt, directions, k), 1e-9, "step " + k);
            }
        }
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
