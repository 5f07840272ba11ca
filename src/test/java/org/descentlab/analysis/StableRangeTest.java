package org.descentlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.Sgd;
import org.descentlab.problem.DiagonalQuadratic;
import org.junit.jupiter.api.Test;

/** Heavy ball's stable range alpha < 2 (1 + beta) / lambda, by formula, spectral radius and runs of Sgd. */
class StableRangeTest {

    @Test
    void boundFormula() {
        assertEquals(0.2, StableRange.heavyBallBound(10, 0), 1e-15);
        assertEquals(0.38, StableRange.heavyBallBound(10, 0.9), 1e-15);
        assertEquals(3.0, StableRange.heavyBallBound(1, 0.5), 1e-15);
    }

    @Test
    void spectralRadiusIsOneAtTheBound() {
        for (double beta : new double[] {0, 0.5, 0.9}) {
            double bound = StableRange.heavyBallBound(10, beta);
            assertEquals(1.0, StableRange.spectralRadius(bound, beta, 10), 1e-12);
            assertTrue(StableRange.spectralRadius(0.999 * bound, beta, 10) < 1);
            assertTrue(StableRange.spectralRadius(1.001 * bound, beta, 10) > 1);
        }
        // gradient descent: |1 - alpha lambda|
        assertEquals(0.5, StableRange.spectralRadius(0.15, 0, 10), 1e-15);
        assertEquals(0.9, StableRange.spectralRadius(0.19, 0, 10), 1e-15);
        // complex roots: sqrt(beta)
        assertEquals(Math.sqrt(0.9), StableRange.spectralRadius(0.1, 0.9, 10), 1e-15);
    }

    @Test
    void bisectionOnTheSpectralRadiusFindsTheBound() {
        for (double beta : new double[] {0, 0.3, 0.9}) {
            double found = StableRange.largestStable(a -> StableRange.spectralRadius(a, beta, 10) < 1, 0.01, 1, 1e-6);
            double bound = StableRange.heavyBallBound(10, beta);
            assertTrue(found <= bound && found > bound * (1 - 1e-6), found + " vs " + bound);
        }
    }

    /** Runs of torch-style Sgd on f = (w1^2 + 10 w2^2)/2: 300 steps place the threshold within 2% of the bound. */
    @Test
    void runsOfSgdAgreeWithTheBound() {
        DiagonalQuadratic q = new DiagonalQuadratic(1, 10);
        for (double beta : new double[] {0, 0.9}) {
            double found = StableRange.largestStable(a -> {
                try (Sgd sgd = Sgd.builder().lr(a).momentum(beta).build()) {
                    Trajectory t = TrajectoryRunner.run(q, sgd, 300);
                    return t.lastLoss() < t.loss()[0];
                }
            }, 0.01, 1, 1e-3);
            double bound = StableRange.heavyBallBound(10, beta);
            System.out.printf("beta %.1f: largest stable lr measured %.5f, bound %.5f%n", beta, found, bound);
            assertEquals(bound, found, 0.02 * bound);
        }
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StableRange.largestStable(a -> true, 0, 1, 1e-3));
        assertTrue(e.getMessage().contains("hi"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StableRange.largestStable(a -> false, 0, 1, 1e-3));
        assertTrue(e.getMessage().contains("lo"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StableRange.heavyBallBound(10, 1));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StableRange.spectralRadius(0.1, 0.5, 0));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
    }
}
