package org.descentlab.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Hessians;
import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Sgd;
import org.descentlab.util.LinearAlgebra;
import org.descentlab.util.Matrices;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Facts about individual problems, each with the number it is checked against. */
class ToyProblemsTest {

    /**
     * CTU DLE L7, slide with "Drawback: Slow convergence on plateaus (e.g. sigmoid fitting problem)": from (0, -8), GD with
     * lr = 1 changes the loss by less than 0.5% in 600 steps, then loses over 90% of it by step 1000.
     */
    @Test
    void sigmoidFitCrawlsOnThePlateauThenDrops() {
        SigmoidFit p = new SigmoidFit();
        try (Sgd gd = Sgd.of(1.0)) {
            Trajectory t = TrajectoryRunner.run(p, gd, 1000);
            double l0 = t.loss()[0];
            assertEquals(0.4997, l0, 1e-4);
            for (int k = 1; k <= 600; k++) {
                assertTrue(t.loss()[k] <= t.loss()[k - 1], "monotone at " + k);
            }
            assertTrue((l0 - t.loss()[600]) / l0 < 0.005, "plateau: loss at 600 = " + t.loss()[600]);
            assertTrue(t.gradNorm()[0] < 1e-3, "gradient on the plateau " + t.gradNorm()[0]);
            assertTrue(t.loss()[1000] < 0.1 * l0, "drop: loss at 1000 = " + t.loss()[1000]);
        }
    }

    @Test
    void noisySigmoidFitHasANewtonRefinedOptimum() {
        SigmoidFit p = SigmoidFit.generated(30, -3, 3, 2, 1, 0.05, 42, null);
        double[] w = p.optimum().orElseThrow();
        assertTrue(Matrices.norm(p.gradient(w, 0)) < 1e-10);
        assertTrue(Math.abs(w[0] - 2) < 0.5 && Math.abs(w[1] - 1) < 0.5, "near the generating weights");
        assertTrue(Hessians.eigenvalues(p.hessian(w).orElseThrow())[0] > 0, "a minimum");
    }

    @Test
    void rotatedQuadraticHasTheChosenSpectrumAndOptimum() {
        Quadratic q = Quadratic.rotated2d(2, 50, Math.PI / 3, new double[] {1, -1}, null);
        assertArrayEquals(new double[] {2, 50}, Hessians.eigenvalues(q.matrix()), 1e-12);
        assertEquals(25, q.conditionNumber(), 1e-12);
        double[] opt = q.optimum().orElseThrow();
        double[] aOpt = Matrices.multiply(q.matrix(), opt);
        assertArrayEquals(new double[] {-1, 1}, aOpt, 1e-13);
        // Default start: one unit along each eigenvector from the optimum.
        double[] s = q.start();
        double[][] rot = q.rotation();
        for (int j = 0; j < 2; j++) {
            double proj = (s[0] - opt[0]) * rot[0][j] + (s[1] - opt[1]) * rot[1][j];
            assertEquals(1, proj, 1e-14);
        }
        assertEquals(-0.5 * Matrices.dot(new double[] {1, -1}, LinearAlgebra.solve(q.matrix(), new double[] {1, -1})),
                q.loss(opt), 1e-14);
    }

    @Test
    void randomRotationIsOrthogonalAndReproducible() {
        double[][] a = Quadratic.randomOrthogonal(6, 3);
        Matrices.checkOrthogonal("Q", a);
        assertArrayEquals(a[2], Quadratic.randomOrthogonal(6, 3)[2], 0.0);
        Quadratic q = Quadratic.randomRotation(new double[] {1, 2, 4, 8, 16, 1000}, 3, null, null);
        assertArrayEquals(new double[] {1, 2, 4, 8, 16, 1000}, Hessians.eigenvalues(q.matrix()), 1e-10);
        assertEquals(1000, q.conditionNumber(), 1e-12);
        Quadratic back = Quadratic.fromMatrix(q.matrix(), null, null);
        assertArrayEquals(q.eigenvalues(), back.eigenvalues(), 1e-10);
    }

    /** Goh's banana: the optimum (1, 1/3) is where both squares vanish; Hessian there [[162, -240], [-240, 360]]. */
    @Test
    void bananaOptimumIsOneAndOneThird() {
        Banana b = new Banana();
        double[] o = b.optimum().orElseThrow();
        assertArrayEquals(new double[] {1, 1.0 / 3}, o, 0);
        assertEquals(0, b.loss(o), 1e-30);
        assertArrayEquals(new double[] {0, 0}, b.gradient(o, 0), 1e-13);
        double[][] h = b.hessian(o).orElseThrow();
        assertArrayEquals(new double[] {162, -240}, h[0], 1e-12);
        assertArrayEquals(new double[] {-240, 360}, h[1], 1e-12);
        double[] l = Hessians.eigenvalues(h);
        assertEquals(261 - Math.sqrt(67401), l[0], 1e-10);
        assertEquals(261 + Math.sqrt(67401), l[1], 1e-10);
        assertTrue(l[0] > 0, "a strict minimum");
        // Away from the valley the loss is positive.
        assertTrue(b.loss(new double[] {1, 0.3}) > 0 && b.loss(new double[] {0.9, 0.27}) > 0);
    }

    @Test
    void himmelblauHasFourMinimaAtZero() {
        Himmelblau h = new Himmelblau();
        List<double[]> minima = h.minima();
        assertEquals(4, minima.size());
        assertArrayEquals(new double[] {3, 2}, minima.get(0), 0);
        double[][] published = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        for (int i = 0; i < 4; i++) {
            double[] m = minima.get(i);
            assertArrayEquals(published[i], m, 1e-6);
            assertEquals(0, h.loss(m), 1e-25);
            assertTrue(Matrices.maxAbs(h.gradient(m, 0)) < 1e-12);
            assertTrue(Hessians.eigenvalues(h.hessian(m).orElseThrow())[0] > 0, "minimum " + i + " is strict");
        }
        assertArrayEquals(new double[] {3, 2}, h.optimum().orElseThrow(), 0);
        assertArrayEquals(minima.get(2), new Himmelblau(new double[] {-3, -3}).optimum().orElseThrow(), 0);
    }

    @Test
    void bealeMinimumIsThreeAndAHalf() {
        Beale b = new Beale();
        assertEquals(0, b.loss(new double[] {3, 0.5}), 0);
        assertArrayEquals(new double[] {0, 0}, b.gradient(new double[] {3, 0.5}, 0), 0);
        assertTrue(Hessians.eigenvalues(b.hessian(new double[] {3, 0.5}).orElseThrow())[0] > 0);
    }

    /**
     * CSC413 L4, slide "Saddle points": Hessian diag(2, -2) at the origin; GD from (1, 0.01) on the plain
     * saddle grows y by exactly (1 + 2 lr) per step, on the quartic variant escapes to (0, 1).
     */
    @Test
    void saddleIsEscapedAlongNegativeCurvature() {
        Saddle plain = new Saddle();
        assertTrue(plain.optimum().isEmpty());
        assertArrayEquals(new double[] {-2, 2}, Hessians.eigenvalues(plain.hessian(new double[] {0, 0}).orElseThrow()), 0);
        try (Sgd gd = Sgd.of(0.1)) {
            Trajectory t = TrajectoryRunner.run(plain, gd, 50);
            for (int k = 0; k < 50; k++) {
                assertEquals(1.2, t.params()[k + 1][1] / t.params()[k][1], 1e-12);
                assertEquals(0.8, t.params()[k + 1][0] / t.params()[k][0], 1e-12);
            }
        }
        Saddle quartic = new Saddle(Saddle.Variant.QUARTIC, null);
        assertEquals(2, quartic.minima().size());
        try (Sgd gd = Sgd.of(0.1)) {
            Trajectory t = TrajectoryRunner.run(quartic, gd, 200);
            // First it slides towards the saddle (loss near 0, y still small) ...
            assertTrue(Math.abs(t.params()[10][1]) < 0.1 && Math.abs(t.params()[10][0]) < 0.11);
            // ... then escapes to the minimum (0, 1) with loss -1/2.
            assertArrayEquals(new double[] {0, 1}, t.last(), 1e-12);
            assertEquals(-0.5, t.lastLoss(), 1e-15);
        }
        assertArrayEquals(new double[] {0, -1},
                new Saddle(Saddle.Variant.QUARTIC, new double[] {1, -0.01}).optimum().orElseThrow(), 0);
    }

    @Test
    void plotWindowsContainStartAndOptimum() {
        for (ProblemCases.Case c : ProblemCases.all()) {
            Problem p = c.problem();
            if (p.dimension() != 2) {
                assertTrue(p.plotWindow().isEmpty(), c.id());
                continue;
            }
            PlotWindow w = p.plotWindow().orElseThrow();
            assertTrue(w.contains(p.start()[0], p.start()[1]), c.id() + " start");
            p.optimum().ifPresent(o -> assertTrue(w.contains(o[0], o[1]), c.id() + " optimum"));
        }
    }
}
