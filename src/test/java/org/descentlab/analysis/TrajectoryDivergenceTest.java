package org.descentlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.Sgd;
import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.GradientSequence;
import org.descentlab.problem.Rosenbrock;
import org.junit.jupiter.api.Test;

/**
 * {@link TrajectoryRunner} stops at the first non-finite loss, keeps that row as the last, and names
 * the likely cause against {@code 2 / lambda_max}.
 */
class TrajectoryDivergenceTest {

    /** Rows 0 .. last-1 finite, the last row's loss (or a coordinate) not finite. */
    private static void assertStopsAtTheFirstNonFiniteRow(Trajectory t) {
        int last = t.steps();
        for (int k = 0; k < last; k++) {
            assertTrue(Double.isFinite(t.loss()[k]), "loss at step " + k + " = " + t.loss()[k]);
        }
        assertEquals(last + 1, t.params().length);
        assertEquals(last + 1, t.lr().length);
        assertEquals(last + 1, t.gradNorm().length);
        assertEquals(last, t.divergence().orElseThrow().step());
        assertEquals(t.loss()[last], t.divergence().orElseThrow().loss());
    }

    @Test
    void gradientDescentOnAQuadraticAboveTwoOverLambdaMaxStopsWhereTheLossOverflows() {
        // Error along the curvature-100 axis is multiplied by 1 - 1 * 100 = -99 each step: the loss
        // 50 * 99^(2k) overflows once 99^(2k) > 1.8e308 / 50, at k = 77.
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1, 100}, new double[] {1, 1});
        Trajectory t = TrajectoryRunner.run(q, Sgd.of(1), 500);
        assertStopsAtTheFirstNonFiniteRow(t);
        NonFiniteLoss d = t.divergence().orElseThrow();
        assertEquals(77, d.step());
        assertEquals(Double.POSITIVE_INFINITY, d.loss());
        assertEquals(0, d.curvatureStep(), "already unstable at the start");
        assertEquals(100, d.lambdaMax(), 1e-12);
        assertEquals(0.02, d.stableLr(), 1e-15);
        assertTrue(d.exceededStableLr());
        assertEquals(1, d.lr());
        String m = d.message();
        assertTrue(m.startsWith("diverged: the loss is Infinity at step 77 (w = ["), m);
        assertTrue(m.contains("lr = 1.0 > 2/lambda_max = 0.02000 at the start (step 0) (lambda_max = 100.0"), m);
        assertFalse(m.contains("\n"), "one line");
    }

    @Test
    void rosenbrockAtAHugeRateComparesWithTheHessianAtTheStart() {
        Rosenbrock r = new Rosenbrock();
        Trajectory t = TrajectoryRunner.run(r, Sgd.of(1e10), 50);
        assertStopsAtTheFirstNonFiniteRow(t);
        NonFiniteLoss d = t.divergence().orElseThrow();
        assertTrue(d.step() <= 5, "overflows within a few steps, got " + d.step());
        // Hessian at (1.5, 1.5): [[2102, -600], [-600, 200]]; lambda_max = 1151 + sqrt(951^2 + 600^2).
        double lambdaMax = 1151 + Math.sqrt(951.0 * 951 + 600 * 600);
        assertEquals(0, d.curvatureStep());
        assertEquals(lambdaMax, d.lambdaMax(), 1e-9 * lambdaMax);
        assertEquals(2 / lambdaMax, d.stableLr(), 1e-9 * 2 / lambdaMax);
        assertEquals(1e10, d.curvatureLr());
    }

    @Test
    void aStableRunHasNoDivergenceAndAllItsRows() {
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1, 100}, new double[] {1, 1});
        Trajectory t = TrajectoryRunner.run(q, Sgd.of(0.019), 300);
        assertTrue(t.divergence().isEmpty());
        assertEquals(300, t.steps());
        assertTrue(t.lastLoss() < 1e-4 * t.loss()[0], "converges below 2/lambda_max: " + t.lastLoss());
    }

    @Test
    void rateBelowTheBoundButMomentumOvershootsSaysSo() {
        // Heavy ball on curvature 100: stable iff lr < 2 (1 + beta) / lambda = 0.038 for beta = 0.9, so
        // lr = 0.019 < 2/lambda_max = 0.02 converges; Nesterov's bound is 2 (1 + beta) / ((1 + 2 beta) lambda)
        // = 0.01357, so the same rate with Nesterov momentum diverges below 2/lambda_max.
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1, 100}, new double[] {1, 1});
        Trajectory t = TrajectoryRunner.run(q, Sgd.builder().lr(0.019).momentum(0.9).nesterov(true).build(),
                null, q.start(), 100_000);
        assertStopsAtTheFirstNonFiniteRow(t);
        NonFiniteLoss d = t.divergence().orElseThrow();
        assertFalse(d.exceededStableLr());
        assertEquals(100, d.lambdaMax(), 1e-12);
        assertEquals(0.019, d.curvatureLr());
        assertTrue(d.message().contains("not the plain gradient-descent bound"), d.message());
    }

    @Test
    void aReplayedSequenceWithoutALossStopsAtTheFirstNonFiniteCoordinate() {
        GradientSequence seq = new GradientSequence(
                new double[][] {{1, 1}, {1e308, 0}, {1, 1}, {1, 1}}, new double[] {0, 0});
        Trajectory t = TrajectoryRunner.run(seq, Sgd.of(10), null, seq.start(), 4);
        assertEquals(2, t.steps(), "the second update overflows w0 = -10 - 1e309");
        NonFiniteLoss d = t.divergence().orElseThrow();
        assertEquals(Double.NEGATIVE_INFINITY, d.point()[0]);
        assertEquals(-10, d.point()[1]);
        assertFalse(d.curvatureKnown());
        assertTrue(d.message().contains("no analytic Hessian") && d.message().contains("(e.g. 1.0, a tenth)"),
                d.message());
    }
}
