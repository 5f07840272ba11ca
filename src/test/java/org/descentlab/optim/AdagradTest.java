package org.descentlab.optim;

import static org.descentlab.optim.Runs.assertRelative;
import static org.descentlab.optim.Runs.assertTrajectories;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.descentlab.problem.DiagonalQuadratic;
import org.junit.jupiter.api.Test;

/** torch's Adagrad by hand: accumulation, lr_decay, initial value, eps placement, weight decay. */
class AdagradTest {

    private static final double[][] G = {{3.0, -4.0}, {4.0, 3.0}, {0.0, 12.0}};
    private static final double[] START = {1.0, 2.0};

    @Test
    void firstStepsByHand() {
        // lr 0.1, eps 1e-10 (negligible at these values):
        // q1 = (9, 16):   w1 = (1 - 0.1*3/3, 2 + 0.1*4/4)          = (0.9, 2.1)
        // q2 = (25, 25):  w2 = (0.9 - 0.1*4/5, 2.1 - 0.1*3/5)      = (0.82, 2.04)
        // q3 = (25, 169): w3 = (0.82, 2.04 - 0.1*12/13)
        double[][] w = Runs.replay(Adagrad.of(0.1), START, G);
        double[][] expected = {START, {0.9, 2.1}, {0.82, 2.04}, {0.82, 2.04 - 1.2 / 13}};
        assertTrajectories(expected, w, 1e-9);
    }

    @Test
    void lrDecayInitialValueAndEpsOutsideTheRoot() {
        double lr = 0.1;
        double decay = 0.5;
        double q0 = 7.0;
        double eps = 0.25;
        double[][] w = Runs.replay(Adagrad.builder().lr(lr).lrDecay(decay).initialAccumulatorValue(q0).eps(eps)
                .build(), START, G);
        double[] x = START.clone();
        double[] q = {q0, q0};
        for (int t = 1; t <= 3; t++) {
            double clr = lr / (1 + (t - 1) * decay);
            for (int i = 0; i < 2; i++) {
                double g = G[t - 1][i];
                q[i] += g * g;
                x[i] -= clr * g / (Math.sqrt(q[i]) + eps);
                assertRelative(x[i], w[t][i], 1e-15, "w" + i + " at step " + t);
            }
        }
        // step 1 exactly: q = 16, clr = 0.1, w0 = 1 - 0.1 * 3 / (4 + 0.25)
        assertRelative(1 - 0.3 / 4.25, w[1][0], 1e-15, "w0 at step 1");
    }

    @Test
    void epsInsideTheRootAsOptax() {
        double[][] w = Runs.replay(Adagrad.builder().lr(0.1).eps(0.25).epsInsideSqrt(true).build(), START, G);
        // q1 = (9, 16): w1 = (1 - 0.3/sqrt(9.25), 2 + 0.4/sqrt(16.25))
        assertRelative(1 - 0.3 / Math.sqrt(9.25), w[1][0], 1e-15, "w0 at step 1");
        assertRelative(2 + 0.4 / Math.sqrt(16.25), w[1][1], 1e-15, "w1 at step 1");
    }

    @Test
    void weightDecayIsAddedToTheGradient() {
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1.0, 3.0}, new double[] {2.0, -1.0});
        double lr = 0.3;
        double wd = 0.2;
        double[][] ours = Runs.run(Adagrad.builder().lr(lr).weightDecay(wd).build(), q, 20);
        double[] w = {2.0, -1.0};
        double[] sum = new double[2];
        for (int k = 1; k <= 20; k++) {
            for (int i = 0; i < 2; i++) {
                double g = q.diag()[i] * w[i] + wd * w[i];
                sum[i] += g * g;
                w[i] -= lr * g / (Math.sqrt(sum[i]) + 1e-10);
                assertRelative(w[i], ours[k][i], 1e-13, "w" + i + " at step " + k);
            }
        }
    }

    @Test
    void zeroGradientFromTheStartDoesNotMove() {
        double[][] w = Runs.replay(Adagrad.of(0.1), START, new double[2], new double[2]);
        assertArrayEquals(START, w[2], 0.0);
        double[][] inside = Runs.replay(Adagrad.builder().epsInsideSqrt(true).build(), START, new double[2]);
        assertArrayEquals(START, inside[1], 0.0);
    }
}
