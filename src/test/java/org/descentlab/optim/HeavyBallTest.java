package org.descentlab.optim;

import static org.descentlab.optim.Runs.assertRelative;
import static org.descentlab.optim.Runs.assertTrajectories;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.Rosenbrock;
import org.junit.jupiter.api.Test;

import java.util.List;

/** CTU DLE L7's momentum, its Nesterov form and the equivalences with torch's SGD. */
class HeavyBallTest {

    @Test
    void firstStepsFollowTheSlideByHand() {
        double alpha = 0.1;
        double beta = 0.9;
        double[][] g = {{1.0, -2.0}, {0.5, 0.25}, {-1.0, 3.0}};
        double[][] w = Runs.replay(HeavyBall.of(alpha, beta), new double[] {1.0, 2.0}, g);
        // v1 = -g1 = (-1, 2);            w1 = (1, 2) + 0.1 (-1, 2)       = (0.9, 2.2)
        // v2 = 0.9 v1 - g2 = (-1.4, 1.55); w2 = (0.9, 2.2) + 0.1 v2       = (0.76, 2.355)
        // v3 = 0.9 v2 - g3 = (-0.26, -1.605); w3 = w2 + 0.1 v3            = (0.734, 2.1945)
        double[][] expected = {{1.0, 2.0}, {0.9, 2.2}, {0.76, 2.355}, {0.734, 2.1945}};
        assertTrajectories(expected, w, 1e-15);
    }

    @Test
    void handLoopWithWeightDecayOnAQuadratic() {
        double alpha = 0.05;
        double beta = 0.8;
        double wd = 0.3;
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1.0, 4.0}, new double[] {1.0, -1.0});
        double[][] ours = Runs.run(HeavyBall.builder().lr(alpha).momentum(beta).weightDecay(wd).build(), q, 30);
        double[] w = {1.0, -1.0};
        double[] v = new double[2];
        double[] d = q.diag();
        for (int k = 1; k <= 30; k++) {
            for (int i = 0; i < 2; i++) {
                double g = d[i] * w[i] + wd * w[i];
                v[i] = beta * v[i] - g;
                w[i] = w[i] + alpha * v[i];
                assertRelative(w[i], ours[k][i], 1e-13, "w" + i + " at step " + k);
            }
        }
    }

    @Test
    void zeroGradientLeavesTheParameterWhereItIs() {
        double[][] w = Runs.replay(HeavyBall.of(0.1, 0.9), new double[] {0.3, -0.7},
                new double[2], new double[2], new double[2]);
        for (double[] row : w) {
            assertArrayEquals(new double[] {0.3, -0.7}, row, 0.0);
        }
    }

    @Test
    void sameIteratesAsTorchSgdWithMomentumAndNoDampening() {
        // TTIC 31230, slide "Heavy Ball Momentum": v = mu v + eta g, w = w - v is torch's SGD; here v_ctu = -b_torch
        for (double wd : new double[] {0.0, 0.1}) {
            double[][] heavy = Runs.run(
                    HeavyBall.builder().lr(2e-4).momentum(0.9).weightDecay(wd).build(), new Rosenbrock(), 200);
            double[][] torch = Runs.run(
                    Sgd.builder().lr(2e-4).momentum(0.9).dampening(0).weightDecay(wd).build(), new Rosenbrock(), 200);
            assertTrajectories(torch, heavy, 1e-12);
        }
    }

    @Test
    void nesterovIteratesAreTheSlidesLookAheadPointsComputedByHand() {
        // CTU DLE L7, slide "SGD with Nesterov momentum": v^k = beta v^{k-1} - grad f(w^{k-1} + alpha v^{k-1});
        // w^k = w^{k-1} + alpha v^k. The optimizer's parameter is the look-ahead point w^k + alpha v^k.
        double alpha = 0.02;
        double beta = 0.9;
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1.0, 10.0}, new double[] {1.0, 1.0});
        double[][] ours = Runs.run(HeavyBall.builder().lr(alpha).momentum(beta).nesterov(true).build(), q, 60);
        double[] w = {1.0, 1.0};
        double[] v = new double[2];
        for (int k = 1; k <= 60; k++) {
            double[] lookAhead = {w[0] + alpha * v[0], w[1] + alpha * v[1]};
            double[] grad = q.gradient(lookAhead, k - 1);       // the gradient at the look-ahead point
            for (int i = 0; i < 2; i++) {
                v[i] = beta * v[i] - grad[i];
                w[i] = w[i] + alpha * v[i];
            }
            for (int i = 0; i < 2; i++) {
                assertRelative(w[i] + alpha * v[i], ours[k][i], 1e-12, "look-ahead w" + i + " at step " + k);
            }
        }
    }

    @Test
    void nesterovWithMomentumLookAheadIsTorchsNesterov() {
        double[][] ours = Runs.run(HeavyBall.builder().lr(2e-4).momentum(0.9).nesterov(true)
                .lookahead(HeavyBall.Lookahead.MOMENTUM).build(), new Rosenbrock(), 200);
        double[][] torch = Runs.run(Sgd.builder().lr(2e-4).momentum(0.9).nesterov(true).build(), new Rosenbrock(), 200);
        assertTrajectories(torch, ours, 1e-12);
    }

    @Test
    void optionsUseTorchNamesAndRejectUnknownOnes() {
        HeavyBall hb = HeavyBall.fromOptions(Options.parse(List.of(
                "lr=0.1", "momentum=0.5", "weight_decay=0.01", "nesterov=true", "lookahead=momentum")));
        assertEquals("HeavyBall(lr=0.1, momentum=0.5, weight_decay=0.01, nesterov=true, lookahead=momentum)",
                hb.toString());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> HeavyBall.fromOptions(Options.parse(List.of("dampening=0.1"))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("dampening"), e.getMessage());
    }
}
