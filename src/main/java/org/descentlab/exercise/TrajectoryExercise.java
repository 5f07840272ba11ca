package org.descentlab.exercise;

import java.util.Arrays;
import java.util.List;

/**
 * An optimizer exercise: the student's step and the reference take the same gradients from the same
 * start; their parameters are compared after every step. Row 0 is the start, row {@code k} the
 * parameters after step {@code k}.
 *
 * @param <S> the student interface
 */
abstract class TrajectoryExercise<S> extends ComparisonExercise<S, OptimizerCase> {

    TrajectoryExercise(Statement statement, Class<S> type, String referenceName) {
        super(statement, type, referenceName);
    }

    /** Calls the implementation's step once ({@code grad} is the gradient at {@code w}). */
    abstract void callStep(S impl, double[] w, double[] grad, GradientAt oracle, Hyper h, State s) throws Exception;

    @Override
    double[][] run(S impl, OptimizerCase c) throws StudentFailure {
        int n = c.start().length;
        double[][] rows = new double[c.steps() + 1][];
        double[] w = c.start().clone();
        rows[0] = w.clone();
        try (State s = new State(n)) {
            for (int k = 0; k < c.steps(); k++) {
                final int step = k;
                s.advance();
                double[] g = c.problem().gradient(w.clone(), k);
                double[] given = g.clone();
                GradientAt oracle = point -> oracle(c, point, step);
                String where = "in step " + (k + 1) + " (t = " + (k + 1) + ")";
                Guard.run(where, () -> {
                    callStep(impl, w, given, oracle, c.hyper(), s);
                    return null;
                });
                if (!Arrays.equals(g, given)) {
                    throw new StudentFailure(Diagnosis.INPUT_MODIFIED,
                            "Your step changed the gradient array " + where + ": it was " + vec(g) + " and became "
                                    + vec(given) + ".\nRead grad, never write into it (copy it if you need a"
                                    + " modified gradient, e.g. with weight decay).");
                }
                rows[k + 1] = w.clone();
            }
        }
        return rows;
    }

    private static double[] oracle(OptimizerCase c, double[] point, int step) {
        if (point == null) {
            throw new IllegalArgumentException("grad.at(point): point must not be null");
        }
        if (point.length != c.start().length) {
            throw new IllegalArgumentException("grad.at(point): point has " + point.length
                    + " coordinates but the parameters have " + c.start().length);
        }
        return c.problem().gradient(point.clone(), step);
    }

    @Override
    int firstCompared() {
        return 1;
    }

    @Override
    long stepOf(int row) {
        return row;
    }

    @Override
    String quantity(OptimizerCase c, int row, int j) {
        return "w[" + j + "] after step " + row;
    }

    @Override
    String valueName() {
        return "w";
    }

    /** {@link Diagnosis#NOT_IN_PLACE} if the student's parameters never change in any case. */
    @Override
    Diagnosis early(S student, List<OptimizerCase> cases, List<double[][]> refs) {
        for (OptimizerCase c : cases) {
            double[][] mine;
            try {
                mine = run(student, c);
            } catch (StudentFailure f) {
                return null;
            }
            for (int r = 1; r < mine.length; r++) {
                if (!Arrays.equals(mine[r], mine[0])) {
                    return null;
                }
            }
        }
        return Diagnosis.NOT_IN_PLACE;
    }

    /**
     * The usual cases: first step, zero gradient, random gradients, weight decay on (zero and random
     * gradients), large and small gradients, and 40 steps on Rosenbrock's valley.
     */
    static List<OptimizerCase> standardCases(Hyper base, Hyper decayed, Hyper smallEps, Hyper rosenbrock) {
        double[] start3 = {0.5, -1.5, 2.0};
        return List.of(
                OptimizerCase.replay("first step", start3, base, new double[] {0.3, -0.2, 1.0}),
                OptimizerCase.replay("zero gradient", start3, base,
                        new double[3], new double[3], new double[3]),
                OptimizerCase.replay("random gradients (seed 1)", start3, base,
                        OptimizerCase.gaussian(1, 12, 3, 1.0)),
                OptimizerCase.replay("zero gradient, weight decay on", start3, decayed,
                        new double[3], new double[3], new double[3]),
                OptimizerCase.replay("random gradients (seed 2), weight decay on", start3, decayed,
                        OptimizerCase.gaussian(2, 12, 3, 1.0)),
                OptimizerCase.replay("large gradients (1e6, seed 3)", start3, base,
                        OptimizerCase.gaussian(3, 6, 3, 1e6)),
                OptimizerCase.replay("small gradients (1e-6, seed 4)", start3, smallEps,
                        OptimizerCase.gaussian(4, 8, 3, 1e-6)),
                OptimizerCase.on("Rosenbrock from (-1.2, 1)", new org.descentlab.problem.Rosenbrock(), 40,
                        rosenbrock));
    }

    /** Each visible case from a start moved by N(0, 0.5^2) per coordinate, with jittered settings. */
    @Override
    List<OptimizerCase> hiddenCases(java.util.Random rng) {
        List<OptimizerCase> out = new java.util.ArrayList<>();
        for (OptimizerCase c : cases()) {
            double[] start = c.start().clone();
            for (int i = 0; i < start.length; i++) {
                start[i] += 0.5 * rng.nextGaussian();
            }
            out.add(new OptimizerCase(c.name() + ", hidden variant", c.problem(), start, c.steps(),
                    c.hyper().jittered(rng)));
        }
        return out;
    }

    @Override
    int showcase(List<OptimizerCase> cases, List<double[][]> refs) {
        for (int i = cases.size() - 1; i >= 0; i--) {
            if (cases.get(i).name().startsWith("Rosenbrock")) {
                return i;
            }
        }
        return super.showcase(cases, refs);
    }
}
