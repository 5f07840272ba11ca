package org.descentlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;
import org.descentlab.problem.NoisyQuadratic;
import org.junit.jupiter.api.Test;

import java.util.Map;

class NoisyQuadraticSgdTest {

    /** 1-D: f = 1/2 * 4 * mean (w - w_i)^2 with w_i = -1, 1 (population variance 1), N = 2. */
    private static NoisyQuadratic oneD() {
        return new NoisyQuadratic(new double[][] {{4}}, new double[][] {{-1}, {1}}, new double[] {3});
    }

    @Test
    void oneDimensionalStationaryLossByHand() {
        // B = 1 of N = 2: S = lambda^2 * var * (N - B) / (N - 1) / B = 16. Exact: lr/2 * 16 / (2 - 4 lr).
        var m = new NoisyQuadraticSgd(oneD(), 1);
        assertEquals(0.1 / 2 * 16 / (2 - 0.4), m.stationaryExcess(0.1), 1e-12);
        assertEquals(0.1 / 4 * 16, m.firstOrderExcess(0.1), 1e-12);
        // Halving the rate: the first-order term halves, the exact loss falls by more.
        assertEquals(0.5, m.firstOrderExcess(0.05) / m.firstOrderExcess(0.1), 1e-12);
        assertTrue(m.stationaryExcess(0.05) / m.stationaryExcess(0.1) < 0.5);
        // B = N: no noise, plain gradient descent; from e0 = 3: 1/2 * 4 * (1 - 4 lr)^(2t) * 9.
        var gd = new NoisyQuadraticSgd(oneD(), 2);
        assertEquals(0.0, gd.stationaryExcess(0.1), 0.0);
        assertEquals(0.5 * 4 * Math.pow(0.6, 6) * 9, gd.expectedExcess(0.1, new double[] {3}, 3), 1e-12);
        assertEquals(m.stationaryExcess(0.1), m.expectedExcess(0.1, new double[] {3}, 2000), 1e-12);
    }

    @Test
    void expectedLossMatchesTheMeanOfSimulatedRuns() {
        var nq = new NoisyQuadratic();
        double fStar = nq.loss(nq.optimum().get());
        int steps = 20;
        int seeds = 400;
        double lr = 0.1;
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < seeds; s++) {
            var t = TrajectoryRunner.runStochastic(nq, Optimizers.create("sgd", Options.of(Map.of("lr", lr))), null,
                    nq.start(), steps, 4, s);
            double x = t.loss()[steps] - fStar;
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / seeds;
        double se = Math.sqrt((sumSq / seeds - mean * mean) / seeds);
        double exact = new NoisyQuadraticSgd(nq, 4).expectedExcess(lr, nq.start(), steps);
        assertTrue(Math.abs(mean - exact) < 4 * se, "simulated " + mean + " +- " + se + " vs exact " + exact);
    }

    @Test
    void largerBatchesNeedFewerStepsWithDiminishingReturns() {
        var nq = new NoisyQuadratic();
        double[] lrs = {0.19, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001};
        long previous = Long.MAX_VALUE;
        for (int b : new int[] {1, 4, 16, 64, 1000}) {
            var r = new NoisyQuadraticSgd(nq, b).fewestSteps(lrs, nq.start(), 0.05, 1_000_000);
            assertTrue(r.reached(), "B " + b);
            assertTrue(r.steps() <= previous, "B " + b + ": " + r.steps() + " > " + previous);
            assertEquals(r.steps() * b, r.examples());
            previous = r.steps();
        }
        // The full batch is gradient descent, without noise; its best rate of the grid is 1 / lambda_max = 0.1,
        // which removes the stiff direction (lambda 10) in one step, while B = 1 must go slower to get under its noise.
        var gd = new NoisyQuadraticSgd(nq, 1000);
        assertEquals(0.0, gd.stationaryExcess(0.1), 0.0);
        assertEquals(0.1, gd.fewestSteps(lrs, nq.start(), 0.05, 1_000_000).lr(), 0.0);
        assertTrue(new NoisyQuadraticSgd(nq, 1).fewestSteps(lrs, nq.start(), 0.05, 1_000_000).lr() < 0.1);
        // A target below every rate's stationary loss is never reached.
        assertEquals(-1, new NoisyQuadraticSgd(nq, 1).stepsToTarget(0.19, nq.start(), 1e-3, 100_000));
    }

    @Test
    void badInputNamesTheParameter() {
        var m = new NoisyQuadraticSgd(new NoisyQuadratic(), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> m.stationaryExcess(0.25));
        assertTrue(e.getMessage().contains("lr = 0.25") && e.getMessage().contains("2 / lambda_max"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NoisyQuadraticSgd(new NoisyQuadratic(), 0));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.fewestSteps(new double[0], new double[] {0, 0}, 1, 10));
        assertTrue(e.getMessage().contains("lrs"), e.getMessage());
    }
}
