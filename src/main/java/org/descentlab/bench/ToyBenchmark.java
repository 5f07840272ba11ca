package org.descentlab.bench;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Adam;
import org.descentlab.problem.Rosenbrock;

/**
 * How long a toy-problem run takes: 10^4 Adam steps on Rosenbrock through {@link TrajectoryRunner}
 * (float64 NDArrays on the PyTorch engine, one optimizer step per update). Not a test: run with
 * {@code java -cp target/classes:target/lib/* org.descentlab.bench.ToyBenchmark}. A warm-up run of the
 * same length comes first (engine start, JIT); the time printed is the median of 5 timed runs.
 */
public final class ToyBenchmark {

    private ToyBenchmark() {}

    public static void main(String[] args) {
        int steps = 10_000;
        Rosenbrock problem = new Rosenbrock();
        run(problem, steps);
        long[] times = new long[5];
        double lastLoss = Double.NaN;
        for (int r = 0; r < times.length; r++) {
            long t0 = System.nanoTime();
            lastLoss = run(problem, steps).lastLoss();
            times[r] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(times);
        double ms = times[times.length / 2] / 1e6;
        System.out.printf("adam 10^4 steps on rosenbrock: %.1f ms (%.1f us/step)%n", ms, 1000 * ms / steps);
        System.out.printf("(median of %d runs after a warm-up; final loss %.3g)%n", times.length, lastLoss);
    }

    private static Trajectory run(Rosenbrock problem, int steps) {
        try (Adam adam = Adam.of(0.01)) {
            return TrajectoryRunner.run(problem, adam, steps);
        }
    }
}
