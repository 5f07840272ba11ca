package org.descentlab.analysis;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import org.descentlab.optim.DescentOptimizer;
import org.descentlab.problem.Problem;
import org.descentlab.problem.StochasticProblem;
import org.descentlab.schedule.Schedule;
import org.descentlab.util.Check;
import org.descentlab.util.Interruption;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Applies an optimizer (and optionally a per-step schedule) to a problem from a start point and
 * records the trajectory. Parameters are float64 NDArrays stepped through the same
 * {@link DescentOptimizer#step} a notebook or exercise uses, so trajectories compare exactly with
 * float64 references.
 *
 * <p>A run stops at its first non-finite loss (for a problem without a loss, its first non-finite
 * coordinate): that row is kept as the trajectory's last, nothing after it is computed, and
 * {@link Trajectory#divergence()} says where and the likely cause ({@link NonFiniteLoss}).
 */
public final class TrajectoryRunner {

    /** The single parameter's name, as optimizer state records it. */
    public static final String PARAMETER = "w";

    private static volatile TrajectoryProgress progress = TrajectoryProgress.NONE;

    private TrajectoryRunner() {}

    /**
     * Reports every run from now on to {@code listener} (one shared listener, so it can count the runs
     * of a sweep); the notebook extension installs a progress line. Default: {@link TrajectoryProgress#NONE}.
     */
    public static void progress(TrajectoryProgress listener) {
        progress = Check.notNull("listener", listener);
    }

    /** The listener runs report to; loops that step a trajectory themselves (exercise checks) report to it too. */
    public static TrajectoryProgress progress() {
        return progress;
    }

    /** Runs from the problem's default start with the optimizer's own learning rate. */
    public static Trajectory run(Problem problem, DescentOptimizer optimizer, int steps) {
        return run(problem, optimizer, null, problem.start(), steps);
    }

    /**
     * Runs {@code steps} updates.
     *
     * @param schedule if not null, sets the learning rate before update {@code k} to
     *     {@code schedule.valueAt(k)} (one schedule step per update)
     * @param start the start point (the problem's dimension, finite)
     * @param steps the number of updates, {@code >= 0}
     */
    public static Trajectory run(
            Problem problem, DescentOptimizer optimizer, Schedule schedule, double[] start, int steps) {
        Check.notNull("problem", problem);
        Check.notNull("optimizer", optimizer);
        problem.checkPoint("start", start);
        Check.atLeast("steps", steps, 0);
        return runWith(problem, optimizer, schedule, start, steps,
                (w, k) -> problem.gradient(w, k), false, optimizer.toString());
    }

    /**
     * Runs {@code steps} updates with mini-batch gradients: update {@code k} uses
     * {@code problem.minibatchGradient(w_k, batchSize, rng)} with one {@link SplittableRandom} seeded by
     * {@code seed} for the whole run (so a run is reproducible). The trajectory records the full-batch
     * loss and the norm of the full-batch gradient at every {@code w_k}, as a training curve on the
     * whole data set would. {@code batchSize = dataSize()} is plain gradient descent.
     *
     * @param schedule as in {@link #run(Problem, DescentOptimizer, Schedule, double[], int)}, may be null
     * @param start the start point, or null for the problem's default
     * @param batchSize in {@code [1, problem.dataSize()]}
     */
    public static Trajectory runStochastic(
            StochasticProblem problem, DescentOptimizer optimizer, Schedule schedule, double[] start, int steps,
            int batchSize, long seed) {
        Check.notNull("problem", problem);
        Check.notNull("optimizer", optimizer);
        double[] from = start == null ? problem.start() : start;
        problem.checkPoint("start", from);
        Check.atLeast("steps", steps, 0);
        problem.checkBatchSize(batchSize);
        RandomGenerator rng = new SplittableRandom(seed);
        return runWith(problem, optimizer, schedule, from, steps,
                (w, k) -> problem.minibatchGradient(w, batchSize, rng), true,
                optimizer + " batch=" + batchSize);
    }

    /** The gradient an update uses at parameters {@code w} in update {@code k}. */
    private interface GradientSource {
        double[] at(double[] w, int k);
    }

    private static Trajectory runWith(
            Problem problem, DescentOptimizer optimizer, Schedule schedule, double[] start, int steps,
            GradientSource source, boolean stochastic, String label) {
        int n = problem.dimension();
        double[][] params = new double[steps + 1][];
        double[] loss = new double[steps + 1];
        double[] gradNorm = new double[steps + 1];
        double[] lr = new double[steps + 1];
        int last = steps;
        boolean diverged = false;
        double[] current = start.clone();
        double f = problem.loss(current);
        // A problem without a loss (a replayed gradient sequence) has NaN everywhere: watch its coordinates.
        boolean hasLoss = !Double.isNaN(f);
        TrajectoryProgress report = progress;
        report.onStart(label, steps);
        // Toy problems are small float64 work: on the CPU on every machine, so their numbers match the CPU fixtures.
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray w = manager.create(start.clone()).toType(DataType.FLOAT64, false);
            for (int k = 0; k < steps; k++) {
                int step = k;
                Interruption.check(() -> label + " at step " + step + "/" + steps);
                double[] g = source.at(current, k);
                if (g.length != n) {
                    throw new IllegalStateException(
                            problem.name() + " returned a gradient of length " + g.length + ", expected " + n);
                }
                double recordedNorm = stochastic ? norm(problem.gradient(current, k)) : norm(g);
                record(k, current, f, recordedNorm, params, loss, gradNorm);
                if (schedule != null) {
                    optimizer.setLr(schedule.valueAt(k));
                }
                lr[k + 1] = optimizer.lr();
                try (NDArray grad = manager.create(g)) {
                    optimizer.step(Map.of(PARAMETER, w), Map.of(PARAMETER, grad));
                }
                current = w.toDoubleArray();
                f = problem.loss(current);
                report.onStep(k + 1);
                if ((hasLoss && !Double.isFinite(f)) || !allFinite(current)) {
                    last = k + 1; // this row is kept as the last; nothing after it is computed
                    diverged = true;
                    break;
                }
            }
        } finally {
            report.onEnd();
        }
        lr[0] = steps > 0 ? lr[1] : (schedule != null ? schedule.valueAt(0) : optimizer.lr());
        double lastNorm = !diverged && problem.hasGradientAt(last) ? norm(problem.gradient(current, last)) : Double.NaN;
        record(last, current, f, lastNorm, params, loss, gradNorm);
        if (!diverged) {
            return new Trajectory(label, params, loss, gradNorm, lr);
        }
        int rows = last + 1;
        params = Arrays.copyOf(params, rows);
        lr = Arrays.copyOf(lr, rows);
        return new Trajectory(label, params, Arrays.copyOf(loss, rows), Arrays.copyOf(gradNorm, rows), lr,
                Optional.of(diagnose(problem, params, lr, last, f)));
    }

    /**
     * Compares each finite row's update rate with {@code 2 / lambda_max} of the problem's Hessian there:
     * the first row above it, else the row closest to it (see {@link NonFiniteLoss}).
     */
    private static NonFiniteLoss diagnose(Problem problem, double[][] params, double[] lr, int last, double loss) {
        int row = -1;
        double rowLr = Double.NaN;
        double lambdaMax = Double.NaN;
        double closest = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < last; k++) {
            Optional<double[][]> h = problem.hessian(params[k]);
            if (h.isEmpty()) {
                break; // the problem has no analytic Hessian
            }
            if (!Arrays.stream(h.get()).allMatch(TrajectoryRunner::allFinite)) {
                continue;
            }
            double lambda = Hessians.eigen(h.get()).max();
            double ratio = lr[k + 1] * lambda;
            if (lambda > 0 && ratio > closest) {
                closest = ratio;
                row = k;
                rowLr = lr[k + 1];
                lambdaMax = lambda;
                if (ratio > 2) {
                    break;
                }
            }
        }
        return new NonFiniteLoss(last, loss, params[last].clone(), lr[last], row, rowLr, lambdaMax);
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static void record(
            int k, double[] w, double f, double gNorm, double[][] params, double[] loss, double[] gradNorm) {
        params[k] = w;
        loss[k] = f;
        gradNorm[k] = gNorm;
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
