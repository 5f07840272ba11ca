package org.descentlab.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Sgd;
import org.junit.jupiter.api.Test;

/** CSC413 L4, slides "Plateaux" (saturated and dead units) and "Saddle points" (symmetric units). */
class TwoUnitNetworkTest {

    /** A sigmoid unit with w1 = 20 (w1 x >= 10 on every input) gets a w1-gradient 1e-3 times the other unit's or less. */
    @Test
    void saturatedSigmoidUnitHasAlmostNoGradient() {
        TwoUnitNetwork net = new TwoUnitNetwork(TwoUnitNetwork.Activation.SIGMOID,
                TwoUnitNetwork.saturatedStart(TwoUnitNetwork.Activation.SIGMOID));
        double[] g = net.gradient(net.start(), 0);
        System.out.printf("saturated sigmoid unit: dL/dw1 = %.3g, dL/dw2 = %.3g%n", g[0], g[1]);
        assertTrue(Math.abs(g[0]) < 1e-3 * Math.abs(g[1]), "dL/dw1 = " + g[0] + ", dL/dw2 = " + g[1]);
        assertTrue(Math.abs(g[0]) < 1e-5);
        // After 1000 GD steps at lr 0.5, w1 has barely moved: over 10 times less than w2.
        try (Sgd gd = Sgd.of(0.5)) {
            Trajectory t = TrajectoryRunner.run(net, gd, 1000);
            double dw1 = Math.abs(t.last()[0] - 20);
            double dw2 = Math.abs(t.last()[1] - 0.5);
            System.out.printf("1000 GD steps: saturated w1 moved %.3g, w2 moved %.3g%n", dw1, dw2);
            assertTrue(dw1 < 0.01 && dw2 > 10 * dw1, "w1 moved " + dw1 + ", w2 moved " + dw2);
        }
    }

    /** A ReLU unit with w1 = -2 and all x > 0 is dead: its gradients are exactly 0 and it never moves. */
    @Test
    void deadReluUnitHasExactlyZeroGradientForever() {
        TwoUnitNetwork net = new TwoUnitNetwork(TwoUnitNetwork.Activation.RELU,
                TwoUnitNetwork.saturatedStart(TwoUnitNetwork.Activation.RELU));
        double[] g = net.gradient(net.start(), 0);
        assertEquals(0.0, g[0], 0.0);
        assertEquals(0.0, g[2], 0.0);
        assertTrue(g[1] != 0 && g[3] != 0, "the live unit learns");
        try (Sgd gd = Sgd.of(0.1)) {
            Trajectory t = TrajectoryRunner.run(net, gd, 1000);
            for (double[] w : t.params()) {
                assertEquals(-2.0, w[0], 0.0);
                assertEquals(0.4, w[2], 0.0);
            }
            assertTrue(t.lastLoss() < t.loss()[0], "the loss still falls through the live unit");
        }
    }

    /**
     * Identical units stay identical under GD (bit for bit, 2000 steps); a 1e-6 perturbation of w1
     * grows (the symmetric line is a saddle's stable manifold, CSC413 L4).
     */
    @Test
    void symmetricUnitsStaySymmetricUnlessPerturbed() {
        for (TwoUnitNetwork.Activation act : TwoUnitNetwork.Activation.values()) {
            TwoUnitNetwork net = new TwoUnitNetwork(act, TwoUnitNetwork.symmetricStart());
            try (Sgd gd = Sgd.of(0.2)) {
                Trajectory t = TrajectoryRunner.run(net, gd, 2000);
                for (double[] w : t.params()) {
                    assertEquals(w[0], w[1], 0.0, act + ": w1 = w2");
                    assertEquals(w[2], w[3], 0.0, act + ": v1 = v2");
                }
            }
            double[] s = TwoUnitNetwork.symmetricStart();
            s[0] += 1e-6;
            try (Sgd gd = Sgd.of(0.2)) {
                Trajectory t = TrajectoryRunner.run(new TwoUnitNetwork(act, s), gd, 2000);
                double gap = Math.abs(t.last()[0] - t.last()[1]) + Math.abs(t.last()[2] - t.last()[3]);
                System.out.printf("%s: symmetric start perturbed by 1e-6 separates to %.3g after 2000 steps%n", act, gap);
                assertTrue(gap > 1e-6, act + ": units separate, gap " + gap);
            }
        }
    }
}
