package org.descentlab.exercise;

import org.descentlab.optim.BiasCorrection;

import java.util.Arrays;
import java.util.List;

/** Exercise 5: a moving average with TTIC 31230's bias correction, rate 1/min(t, N). */
final class EmaExercise extends ComparisonExercise<StudentEma, EmaExercise.EmaCase> {

    /** A sequence of observations and the window N. */
    record EmaCase(String name, double[][] xs, int n) implements Case {
        @Override
        public String settings() {
            return "N=" + n + ", " + xs.length + (xs.length == 1 ? " observation" : " observations");
        }
    }

    EmaExercise() {
        super(new Statement("ema", "Moving average with bias correction",
                "TTIC 31230, slides \"Bias Correction\" (the running average with 1/min(N, t))",
                "Implement the moving average of TTIC 31230 that avoids the initial bias toward zero: while"
                        + " t <= N it is the exact mean of x_1..x_t, afterwards an exponential moving average with"
                        + " beta = 1 - 1/N. `update` receives x_t, the window N and the state (`s.t()` = t, 1 for"
                        + " the first observation) and returns the estimate after x_t. Keep the average in"
                        + " `s.buffer(\"avg\")`; do not change `x`.",
                "r   = 1 / min(N, t)\navg = (1 - r) * avg + r * x_t        (avg_0 = 0)\nreturn avg"),
                StudentEma.class,
                "the library's EmaMomentum with bias_correction = min_t_n (lr = 1)");
    }

    @Override
    public StudentEma reference() {
        return LibraryReferences.ema(BiasCorrection.MIN_T_N);
    }

    @Override
    List<EmaCase> cases() {
        double[][] step = new double[30][];
        for (int t = 0; t < 30; t++) {
            step[t] = new double[] {t < 10 ? 0 : 1, t < 10 ? 2 : -1};
        }
        double[][] constant = new double[15][];
        Arrays.fill(constant, new double[] {5, -1});
        return List.of(
                new EmaCase("first observation", new double[][] {{2, -3}}, 10),
                new EmaCase("constant input", constant, 10),
                new EmaCase("zero input", new double[4][2], 5),
                new EmaCase("N = 1 (the estimate is the last input)", OptimizerCase.gaussian(7, 5, 2, 1), 1),
                new EmaCase("random inputs (seed 5), t well past N", OptimizerCase.gaussian(5, 20, 2, 1), 4),
                new EmaCase("large inputs (1e8, seed 6)", OptimizerCase.gaussian(6, 12, 2, 1e8), 10),
                new EmaCase("a jump at t = 11", step, 5));
    }

    /** Random inputs of random scale and window. */
    @Override
    List<EmaCase> hiddenCases(java.util.Random rng) {
        List<EmaCase> out = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = 1 + rng.nextInt(8);
            double scale = Math.pow(10, 6 * rng.nextDouble() - 3);
            out.add(new EmaCase("hidden random inputs " + (i + 1), OptimizerCase.gaussian(rng.nextLong(),
                    n + 2 + rng.nextInt(12), 3, scale), n));
        }
        return out;
    }

    @Override
    double[][] run(StudentEma impl, EmaCase c) throws StudentFailure {
        int n = c.xs()[0].length;
        double[][] rows = new double[c.xs().length][];
        try (State s = new State(n)) {
            for (int k = 0; k < c.xs().length; k++) {
                s.advance();
                double[] x = c.xs()[k].clone();
                String where = "at observation t = " + (k + 1);
                double[] out = Guard.run(where, () -> impl.update(x, c.n(), s));
                if (out == null) {
                    throw new StudentFailure(Diagnosis.NULL_OUTPUT, "Your update returned null " + where
                            + ".\nReturn the estimate: an array with one value per coordinate (e.g. the buffer).");
                }
                if (out.length != n) {
                    throw new StudentFailure(Diagnosis.WRONG_LENGTH, "Your update returned " + out.length
                            + " values " + where + " but x has " + n + " coordinates.");
                }
                if (!Arrays.equals(x, c.xs()[k])) {
                    throw new StudentFailure(Diagnosis.INPUT_MODIFIED, "Your update changed x " + where + ": it was "
                            + vec(c.xs()[k]) + " and became " + vec(x) + ". Read x, never write into it.");
                }
                rows[k] = out.clone();
            }
        }
        return rows;
    }

    @Override
    long stepOf(int row) {
        return row + 1;
    }

    @Override
    String quantity(EmaCase c, int row, int j) {
        return "estimate[" + j + "] after x_" + (row + 1) + " = " + vec(c.xs()[row]);
    }

    @Override
    String valueName() {
        return "estimate";
    }

    @Override
    String stepName() {
        return "t";
    }

    @Override
    String coordinateName(int j) {
        return "avg" + j;
    }

    @Override
    int showcase(List<EmaCase> cases, List<double[][]> refs) {
        return cases.size() - 1;
    }

    @Override
    public String skeletonCell() {
        return lambdaSkeleton("StudentEma mine = (x, n, s)",
                "s.t() is 1 for the first observation; s.buffer(\"avg\") is zeros at first");
    }

    @Override
    List<Mistake<StudentEma>> mistakes() {
        return List.of(
                new Mistake<>(Diagnosis.MISSING_BIAS_CORRECTION, "Your values match the rate 1/N from the start.",
                        LibraryReferences.ema(BiasCorrection.NONE)),
                new Mistake<>(Diagnosis.RUNNING_MEAN_NOT_EMA, "", variant(Flaw.RUNNING_MEAN)),
                new Mistake<>(Diagnosis.ADAM_STYLE_CORRECTION, "", LibraryReferences.ema(BiasCorrection.EXPONENTIAL)),
                new Mistake<>(Diagnosis.DECAY_RATE_SWAPPED, "Your values match avg = r * avg + (1 - r) * x.",
                        variant(Flaw.SWAPPED)),
                new Mistake<>(Diagnosis.STEP_OFF_BY_ONE, "Your values match min(N, t + 1).", variant(Flaw.T_PLUS_ONE)),
                new Mistake<>(Diagnosis.STEP_OFF_BY_ONE, "Your values match min(N, t - 1).", variant(Flaw.T_MINUS_ONE)),
                new Mistake<>(Diagnosis.STATE_UPDATED_AFTER_USE,
                        "You returned the estimate from before x_t was added.", variant(Flaw.AFTER_USE)),
                new Mistake<>(Diagnosis.HEAVY_BALL_INSTEAD_OF_EMA, "Your values match avg = (1 - 1/N) * avg + x.",
                        variant(Flaw.SUM)));
    }

    private enum Flaw { RUNNING_MEAN, SWAPPED, T_PLUS_ONE, T_MINUS_ONE, AFTER_USE, SUM }

    private static StudentEma variant(Flaw flaw) {
        return (x, n, s) -> {
            double[] avg = s.buffer("avg");
            double[] before = avg.clone();
            long t = s.t() + (flaw == Flaw.T_PLUS_ONE ? 1 : flaw == Flaw.T_MINUS_ONE ? -1 : 0);
            double r = flaw == Flaw.RUNNING_MEAN ? 1.0 / t : 1.0 / Math.min(n, t);
            for (int i = 0; i < x.length; i++) {
                avg[i] = switch (flaw) {
                    case SWAPPED -> r * avg[i] + (1 - r) * x[i];
                    case SUM -> (1 - 1.0 / n) * avg[i] + x[i];
                    default -> (1 - r) * avg[i] + r * x[i];
                };
            }
            return flaw == Flaw.AFTER_USE ? before : avg;
        };
    }
}
