package org.descentlab.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Sgd;
import org.descentlab.util.Matrices;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/**
 * CTU DLE L7, slide "Batches" and CSC413 L4 mini-batch variance. Statistical tolerances: with R = 4000 seeded
 * draws per batch size, the sample mean of the mini-batch gradient must lie within 4 standard errors
 * of the full gradient (per coordinate), and the sample variance within 15% of the exact
 * {@code sigma^2 / B * (N - B) / (N - 1)} (the relative standard error of a sample variance from R
 * near-Gaussian draws is about sqrt(2 / R) = 2.2%, so 15% is over 6 of them).
 */
class NoisyQuadraticTest {

    static final int DRAWS = 4000;

    @Test
    void minibatchGradientIsUnbiasedWithVarianceOneOverB() {
        NoisyQuadratic p = new NoisyQuadratic();
        int n = p.dataSize();
        assertEquals(1000, n);
        double[] w = p.start();
        double[] full = p.fullGradient(w);
        double[] perExampleVar = p.minibatchGradientVariance(1);
        for (int b : new int[] {1, 10, 100, 500}) {
            SplittableRandom rng = new SplittableRandom(1000 + b);
            double[] sum = new double[2];
            double[] sumSq = new double[2];
            for (int r = 0; r < DRAWS; r++) {
                double[] g = p.minibatchGradient(w, b, rng);
                for (int j = 0; j < 2; j++) {
                    sum[j] += g[j];
                    sumSq[j] += g[j] * g[j];
                }
            }
            double[] exact = p.minibatchGradientVariance(b);
            for (int j = 0; j < 2; j++) {
                double mean = sum[j] / DRAWS;
                double var = (sumSq[j] - DRAWS * mean * mean) / (DRAWS - 1);
                double se = Math.sqrt(exact[j] / DRAWS);
                assertEquals(full[j], mean, 4 * se, "B = " + b + " coordinate " + j + ": mean of the mini-batch gradient");
                assertEquals(exact[j], var, 0.15 * exact[j], "B = " + b + " coordinate " + j + ": variance");
                // The 1/B law with the finite-population factor: sigma^2 (the B = 1 variance) / B * (N - B) / (N - 1).
                assertEquals(perExampleVar[j] / b * (n - b) / (n - 1.0), exact[j], 1e-12 * exact[j]);
                System.out.printf("B = %3d coordinate %d: variance %.4g measured, %.4g = sigma^2/B (N-B)/(N-1) exact%n",
                        b, j, var, exact[j]);
            }
        }
        // B = N: the whole data set, no noise at all.
        assertArrayEquals(full, p.minibatchGradient(w, n, new SplittableRandom(1)), 1e-12);
        assertEquals(0.0, p.minibatchGradientVariance(n)[0], 0.0);
    }

    @Test
    void optimumIsTheMeanOfThePointsAndLossDecomposes() {
        NoisyQuadratic p = new NoisyQuadratic();
        double[][] pts = p.points();
        double[] mean = new double[2];
        for (double[] q : pts) {
            mean[0] += q[0] / pts.length;
            mean[1] += q[1] / pts.length;
        }
        assertArrayEquals(mean, p.optimum().orElseThrow(), 1e-14);
        assertEquals(1.0, mean[0], 0.1);
        // Direct definition 1/(2N) sum (w - w_i)^T A (w - w_i) at the start.
        double[] w = p.start();
        double direct = 0;
        for (double[] q : pts) {
            double[] d = {w[0] - q[0], w[1] - q[1]};
            direct += Matrices.dot(d, Matrices.multiply(p.matrix(), d));
        }
        direct /= 2.0 * pts.length;
        assertEquals(direct, p.loss(w), 1e-12 * direct);
    }

    /** SGD with B = 1 hovers around the optimum at a noise floor; B = N (full batch) converges. */
    @Test
    void stochasticRunnerRecordsFullBatchLoss() {
        NoisyQuadratic p = new NoisyQuadratic();
        double fStar = p.loss(p.optimum().orElseThrow());
        try (Sgd a = Sgd.of(0.05); Sgd b = Sgd.of(0.05); Sgd c = Sgd.of(0.05)) {
            Trajectory sgd = TrajectoryRunner.runStochastic(p, a, null, null, 400, 1, 7);
            Trajectory gd = TrajectoryRunner.runStochastic(p, b, null, null, 400, p.dataSize(), 7);
            Trajectory again = TrajectoryRunner.runStochastic(p, c, null, null, 400, 1, 7);
            assertArrayEquals(sgd.last(), again.last(), 0.0, "same seed, same run");
            assertEquals(p.loss(sgd.params()[123]), sgd.loss()[123], 0.0, "full-batch loss recorded");
            assertEquals(Matrices.norm(p.fullGradient(sgd.params()[50])), sgd.gradNorm()[50], 1e-15);
            assertTrue(gd.lastLoss() - fStar < 1e-12, "full batch converges: " + (gd.lastLoss() - fStar));
            double floor = 0;
            for (int k = 300; k <= 400; k++) {
                floor += (sgd.loss()[k] - fStar) / 101;
            }
            System.out.printf("SGD B=1 lr=0.05: mean excess loss over steps 300..400 %.3g (start %.3g); full batch %.3g%n",
                    floor, sgd.loss()[0] - fStar, gd.lastLoss() - fStar);
            assertTrue(floor > 1e-3, "B = 1 stays at a noise floor: " + floor);
            assertTrue(floor < 0.2 * (sgd.loss()[0] - fStar), "but well below the start: " + floor);
            assertTrue(sgd.label().contains("batch=1"), sgd.label());
        }
    }
}
