package org.descentlab.analysis;

import org.descentlab.util.Check;

import java.util.function.DoublePredicate;

/**
 * The range of stable learning rates on a quadratic, with and without heavy-ball momentum: CTU DLE L7,
 * slide "SGD with Nesterov momentum" ("SGDM is less sensitive to large learning rates").
 *
 * <p>Along an eigen-direction of curvature {@code lambda}, heavy ball (torch's SGD with momentum
 * {@code beta}, dampening 0) moves the error as
 *
 * <pre>
 *   e_{k+1} = (1 + beta - alpha lambda) e_k - beta e_{k-1}
 * </pre>
 *
 * a linear recurrence with matrix {@code [[1 + beta - alpha lambda, -beta], [1, 0]]}. Its roots
 * lie inside the unit circle iff {@code 0 < alpha lambda < 2 (1 + beta)} (Jury's criterion for
 * {@code 0 <= beta < 1}): the stable range is {@code alpha < 2 (1 + beta) / lambda_max}, and
 * {@code beta = 0} gives gradient descent's {@code 2 / lambda_max} (CSC413 L4, slide "Just showed").
 */
public final class StableRange {

    private StableRange() {}

    /**
     * {@code 2 (1 + beta) / lambda}: the largest stable learning rate of heavy ball along curvature
     * {@code lambda} (not included: at the bound the error neither grows nor shrinks).
     *
     * @param lambda the curvature, finite and {@code > 0}
     * @param beta the momentum, in {@code [0, 1)}
     */
    public static double heavyBallBound(double lambda, double beta) {
        Check.positive("lambda", lambda);
        Check.unitInterval("beta", beta);
        return 2 * (1 + beta) / lambda;
    }

    /**
     * The spectral radius of heavy ball's iteration matrix along curvature {@code lambda}: the
     * asymptotic factor by which the error shrinks ({@code < 1}) or grows ({@code > 1}) per step.
     *
     * @param alpha the learning rate, finite and {@code >= 0}
     * @param beta the momentum, in {@code [0, 1)}
     * @param lambda the curvature, finite and {@code > 0}
     */
    public static double spectralRadius(double alpha, double beta, double lambda) {
        Check.nonNegative("alpha", alpha);
        Check.unitInterval("beta", beta);
        Check.positive("lambda", lambda);
        // roots of z^2 - a z + beta = 0
        double a = 1 + beta - alpha * lambda;
        double disc = a * a - 4 * beta;
        if (disc < 0) {
            return Math.sqrt(beta); // complex pair, |z|^2 = beta
        }
        double s = Math.sqrt(disc);
        return Math.max(Math.abs(a + s), Math.abs(a - s)) / 2;
    }

    /**
     * The largest learning rate in {@code [lo, hi]} that {@code stable} accepts, by bisection, assuming
     * stability holds below a threshold and fails above it (as for a quadratic). {@code stable} is
     * typically "a run of the optimizer at this learning rate ends closer to the optimum than it
     * started".
     *
     * @param lo a learning rate {@code stable} accepts, finite and {@code >= 0}
     * @param hi a larger one it rejects
     * @param relTol the bisection stops when {@code hi - lo <= relTol * hi}; in {@code (0, 1)}
     * @return the last accepted learning rate (within {@code relTol} below the threshold)
     * @throws IllegalArgumentException if {@code stable} rejects {@code lo} or accepts {@code hi}
     */
    public static double largestStable(DoublePredicate stable, double lo, double hi, double relTol) {
        Check.notNull("stable", stable);
        Check.nonNegative("lo", lo);
        Check.finite("hi", hi);
        Check.openUnitInterval("relTol", relTol);
        if (!(hi > lo)) {
            throw new IllegalArgumentException("hi = " + hi + " is invalid: must be > lo = " + lo);
        }
        if (!stable.test(lo)) {
            throw new IllegalArgumentException("lo = " + lo + " is invalid: it must be a stable learning rate");
        }
        if (stable.test(hi)) {
            throw new IllegalArgumentException("hi = " + hi + " is invalid: it must be an unstable learning rate");
        }
        while (hi - lo > relTol * hi) {
            double mid = (lo + hi) / 2;
            if (stable.test(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
