package org.descentlab.optim;

import static org.descentlab.optim.Runs.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.descentlab.problem.DiagonalQuadratic;
import org.junit.jupiter.api.Test;

/** torch's RMSprop by hand, its centered and momentum variants, and CSC413 L4's eps placement. */
class RmsPropTest {

    private static final double[][] G = {{2.0, -1.0}, {-1.0, 0.5}, {4.0, 0.0}};
    private static final double[] START = {1.0, -1.0};

    @Test
    void firstStepByHand() {
        // alpha 0.75, lr 0.1: s1 = 0.25 g^2 = (1, 0.25); w1 = w0 - 0.1 g / (sqrt(s1) + 1e-8)
        double[][] w = Runs.replay(RmsProp.builder().lr(0.1).alpha(0.75).build(), START, G);
        assertRelative(1 - 0.2 / (1 + 1e-8), w[1][0], 1e-15, "w0 at step 1");
        assertRelative(-1 + 0.1 / (0.5 + 1e-8), w[1][1], 1e-15, "w1 at step 1");
    }

    @Test
    void threeStepsByHandForEveryVariant() {
        for (boolean centered : new boolean[] {false, true}) {
            for (double momentum : new double[] {0.0, 0.5}) {
                for (boolean inside : new boolean[] {false, true}) {
                    for (double wd : new double[] {0.0, 0.1}) {
                        checkByHand(0.05, 0.9, 1e-3, wd, momentum, centered, inside);
                    }
                }
            }
        }
    }

    private static void checkByHand(
            double lr, double alpha, double eps, double wd, double momentum, boolean centered, boolean inside) {
        RmsProp opt = RmsProp.builder().lr(lr).alpha(alpha).eps(eps).weightDecay(wd).momentum(momentum)
                .centered(centered).epsInsideSqrt(inside).build();
        double[][] w = Runs.replay(opt, START, G);
        double[] x = START.clone();
        double[] s = new double[2];
        double[] m = new double[2];
        double[] b = new double[2];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 2; i++) {
                double g = G[t - 1][i] + wd * x[i];
                s[i] = alpha * s[i] + (1 - alpha) * g * g;
                double avg = s[i];
                if (centered) {
                    m[i] = alpha * m[i] + (1 - alpha) * g;
                    avg = s[i] - m[i] * m[i];
                }
                double d = inside ? Math.sqrt(avg + eps) : Math.sqrt(avg) + eps;
                if (momentum > 0) {
                    b[i] = momentum * b[i] + g / d;
                    x[i] -= lr * b[i];
                } else {
                    x[i] -= lr * g / d;
                }
                assertRelative(x[i], w[t][i], 1e-14, opt + ": w" + i + " at step " + t);
            }
        }
    }

    @Test
    void initialAccumulatorValueStartsTheSquareAverage() {
        double[][] w = Runs.replay(RmsProp.builder().lr(0.1).alpha(0.5).initialAccumulatorValue(2.0).build(),
                START, G);
        // s1 = 0.5 * 2 + 0.5 * 4 = 3
        assertRelative(1 - 0.2 / (Math.sqrt(3) + 1e-8), w[1][0], 1e-15, "w0 at step 1");
    }

    @Test
    void weightDecayOnAQuadratic() {
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1.0, 10.0}, new double[] {1.0, 1.0});
        double[][] with = Runs.run(RmsProp.builder().lr(0.01).weightDecay(0.5).build(), q, 1);
        double[][] without = Runs.run(RmsProp.builder().lr(0.01).build(), q, 1);
        // step 1 of RMSprop moves each coordinate by about lr / sqrt(1 - alpha) whatever the gradient's size;
        // the decayed gradient is g = 1 * 1 + 0.5 * 1 = 1.5, the plain one 1
        assertRelative(1 - 0.01 * 1.5 / (Math.sqrt(0.01 * 1.5 * 1.5) + 1e-8), with[1][0], 1e-14, "with decay");
        assertRelative(1 - 0.01 * 1.0 / (Math.sqrt(0.01) + 1e-8), without[1][0], 1e-14, "without decay");
        double[][] longer = Runs.run(RmsProp.builder().lr(0.01).weightDecay(0.5).build(), q, 3);
        double[][] plain = Runs.run(RmsProp.builder().lr(0.01).build(), q, 3);
        org.junit.jupiter.api.Assertions.assertNotEquals(plain[3][0], longer[3][0]);
    }

    @Test
    void zeroGradientDoesNotMove() {
        double[][] w = Runs.replay(RmsProp.of(0.1), START, new double[2], new double[2]);
        assertArrayEquals(START, w[2], 0.0);
    }
}
