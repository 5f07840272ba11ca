package org.descentlab.problem;

import org.descentlab.util.Check;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Another problem with isotropic Gaussian noise added to its gradient: {@code g_k = grad f(w_k) +
 * sigma z_k}, {@code z_k ~ N(0, I)}. The noise of update {@code k} depends only on {@code (seed, k)},
 * so a run is reproducible and {@link #gradient} is a function of its arguments. The loss, Hessian,
 * start and optimum are those of the wrapped problem. Used for CSC413 L4, slide "Saddle points" and CTU DLE L7
 * (slide with "SGD does not get stuck in saddle-points as easy as GD"): noise pushes an iterate off the stable
 * manifold of a saddle where exact gradient descent stays.
 */
public final class GradientNoise implements Problem {

    private final Problem problem;
    private final double sigma;
    private final long seed;

    /**
     * @param problem the problem whose gradient gets noise
     * @param sigma the noise's standard deviation per coordinate, finite and {@code >= 0}
     * @param seed the seed of the noise
     */
    public GradientNoise(Problem problem, double sigma, long seed) {
        this.problem = Check.notNull("problem", problem);
        this.sigma = Check.nonNegative("sigma", sigma);
        this.seed = seed;
    }

    /** The noise's standard deviation. */
    public double sigma() {
        return sigma;
    }

    @Override
    public String name() {
        return problem.name() + "+noise";
    }

    @Override
    public int dimension() {
        return problem.dimension();
    }

    @Override
    public double loss(double[] w) {
        return problem.loss(w);
    }

    @Override
    public double[] gradient(double[] w, long step) {
        double[] g = problem.gradient(w, step);
        // one stream per step, seeded from (seed, step)
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        for (int i = 0; i < g.length; i++) {
            g[i] += sigma * rng.nextGaussian();
        }
        return g;
    }

    @Override
    public boolean hasGradientAt(long step) {
        return problem.hasGradientAt(step);
    }

    @Override
    public double[] start() {
        return problem.start();
    }

    @Override
    public Optional<double[]> optimum() {
        return problem.optimum();
    }

    @Override
    public Optional<double[][]> hessian(double[] w) {
        return problem.hessian(w);
    }

    @Override
    public Optional<PlotWindow> plotWindow() {
        return problem.plotWindow();
    }
}
