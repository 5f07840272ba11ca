package org.descentlab.exercise;

import org.descentlab.analysis.GradientCheck;
import org.descentlab.plot.CurvePlot;
import org.descentlab.problem.Beale;
import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.Himmelblau;
import org.descentlab.problem.Problem;
import org.descentlab.problem.Rosenbrock;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Exercise 7: finite-difference gradients for gradient checking, CSC413 L4, slide "Recap". */
final class GradientCheckExercise extends ComparisonExercise<StudentGradient, GradientCheckExercise.GradCase> {

    /** A function, a point and a step. */
    record GradCase(String name, Problem problem, double[] w, double h) implements Case {
        @Override
        public String settings() {
            return "w = " + Arrays.toString(w) + ", h = " + h;
        }
    }

    /** The steps of the accuracy-order measurement. */
    private static final double[] ORDER_STEPS = {1e-1, 1e-2, 1e-3};

    GradientCheckExercise() {
        super(new Statement("gradient-check", "Finite-difference gradient",
                "CSC413 L4, slide \"Recap\": incorrect gradients, diagnosed with finite differences",
                "Implement the central finite-difference estimate of the gradient used to check analytic gradients:"
                        + " for each coordinate i, move w[i] by +h and by -h (one coordinate at a time), evaluate"
                        + " f at both points and divide the difference by 2h. Leave `w` as you found it (work on"
                        + " copies). Central differences have error O(h^2); one-sided ones only O(h).",
                "g[i] = (f(w + h e_i) - f(w - h e_i)) / (2 h)      for each coordinate i"),
                StudentGradient.class,
                "the library's central differences (org.descentlab.analysis.GradientCheck)");
    }

    @Override
    public StudentGradient reference() {
        return (f, w, h) -> {
            Problem p = problemOf(f, w.length);
            return GradientCheck.check(p, w, h, GradientCheck.FLOOR, 1).numeric();
        };
    }

    /** The library's check needs a Problem: a loss only (its gradient is not used for the numeric part). */
    private static Problem problemOf(ScalarFunction f, int n) {
        return new Problem() {
            @Override
            public String name() {
                return "f";
            }

            @Override
            public int dimension() {
                return n;
            }

            @Override
            public double loss(double[] w) {
                return f.value(w);
            }

            @Override
            public double[] gradient(double[] w, long step) {
                return new double[n];
            }

            @Override
            public double[] start() {
                return new double[n];
            }

            @Override
            public java.util.Optional<double[]> optimum() {
                return java.util.Optional.empty();
            }
        };
    }

    @Override
    List<GradCase> cases() {
        return List.of(
                new GradCase("quadratic (1, 4, 9)", new DiagonalQuadratic(1, 4, 9), new double[] {0.3, -0.2, 0.9}, 1e-2),
                new GradCase("Rosenbrock", new Rosenbrock(), new double[] {-0.8, 0.6}, 1e-3),
                new GradCase("Rosenbrock at its minimum (gradient 0)", new Rosenbrock(), new double[] {1, 1}, 1e-3),
                new GradCase("Beale", new Beale(), new double[] {0.5, -0.3}, 1e-4),
                new GradCase("Himmelblau", new Himmelblau(), new double[] {0.7, -0.9}, 1e-3));
    }

    /**
     * The visible functions at other points, inside [-1, 1] per coordinate: there the library's step
     * h * max(1, |w_i|) is the task's h.
     */
    @Override
    List<GradCase> hiddenCases(java.util.Random rng) {
        List<GradCase> out = new java.util.ArrayList<>();
        for (GradCase c : cases()) {
            double[] w = c.w().clone();
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(-1, Math.min(1, w[i] + 0.3 * rng.nextGaussian()));
            }
            out.add(new GradCase(c.name() + ", hidden point", c.problem(), w, c.h()));
        }
        return out;
    }

    @Override
    double[][] run(StudentGradient impl, GradCase c) throws StudentFailure {
        double[] w = c.w().clone();
        Problem p = c.problem();
        int n = w.length;
        ScalarFunction f = point -> {
            if (point == null) {
                throw new IllegalArgumentException("f.value(point): point must not be null");
            }
            if (point.length != n) {
                throw new IllegalArgumentException("f.value(point): point has " + point.length
                        + " coordinates but f takes " + n);
            }
            return p.loss(point.clone());
        };
        String where = "at w = " + Arrays.toString(c.w()) + " with h = " + c.h();
        double[] g = Guard.run(where, () -> impl.gradient(f, w, c.h()));
        if (g == null) {
            throw new StudentFailure(Diagnosis.NULL_OUTPUT, "Your gradient returned null " + where
                    + ".\nReturn a new array with one partial derivative per coordinate.");
        }
        if (g.length != n) {
            throw new StudentFailure(Diagnosis.WRONG_LENGTH, "Your gradient returned " + g.length + " values " + where
                    + " but w has " + n + " coordinates.");
        }
        if (!Arrays.equals(w, c.w())) {
            throw new StudentFailure(Diagnosis.INPUT_MODIFIED, "Your gradient changed w " + where + ": it became "
                    + vec(w) + ".\nDid you perturb w[i] and not put it back? Perturb a copy (w.clone()) instead.");
        }
        return new double[][] {g.clone()};
    }

    @Override
    long stepOf(int row) {
        return -1;
    }

    @Override
    String quantity(GradCase c, int row, int j) {
        return "gradient[" + j + "]";
    }

    /** Error against the analytic gradient on Rosenbrock for h = 0.1, 0.01, 0.001. */
    private static double[] errors(StudentGradient impl) throws StudentFailure {
        Problem p = new Rosenbrock();
        double[] w = {-0.8, 0.6};
        double[] exact = p.gradient(w, 0);
        double[] err = new double[ORDER_STEPS.length];
        for (int k = 0; k < ORDER_STEPS.length; k++) {
            double h = ORDER_STEPS[k];
            double[] g = Guard.run("at h = " + h, () -> impl.gradient(x -> p.loss(x.clone()), w.clone(), h));
            double e = 0;
            for (int i = 0; i < exact.length; i++) {
                e = Math.max(e, Math.abs(g[i] - exact[i]));
            }
            err[k] = e;
        }
        return err;
    }

    private static double order(double[] err) {
        return Math.log10(err[err.length - 2] / err[err.length - 1]);
    }

    @Override
    Diagnosis fallback(StudentGradient student) {
        try {
            double p = order(errors(student));
            return p > 0.7 && p < 1.3 ? Diagnosis.ONE_SIDED_DIFFERENCE : null;
        } catch (StudentFailure | RuntimeException e) {
            return null;
        }
    }

    @Override
    String passDetails(StudentGradient student) {
        try {
            double[] err = errors(student);
            StringBuilder sb = new StringBuilder("\n\nAccuracy on Rosenbrock at (-0.8, 0.6), largest error against the"
                    + " analytic gradient:");
            for (int k = 0; k < err.length; k++) {
                sb.append(String.format(Locale.ROOT, "\n    h = %-6g error %.3e", ORDER_STEPS[k], err[k]));
            }
            sb.append(String.format(Locale.ROOT,
                    "\nEach tenfold smaller h cuts the error about %.0f-fold: order %.2f (central differences: 2).",
                    Math.pow(10, order(err)), order(err)));
            return sb.toString();
        } catch (StudentFailure | RuntimeException e) {
            return "";
        }
    }

    @Override
    BufferedImage passImage(StudentGradient student) {
        try {
            double[] err = errors(student);
            double[] forward = errors(mistakes().get(0).variant());
            return new CurvePlot("Finite-difference error vs h (Rosenbrock)", "h", "largest error").logX(true)
                    .logY(true).markers(true)
                    .add("yours (central)", ORDER_STEPS, err)
                    .add("forward difference", ORDER_STEPS, forward)
                    .toImage();
        } catch (StudentFailure | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String skeletonCell() {
        return lambdaSkeleton("StudentGradient mine = (f, w, h)",
                "f.value(point) is the loss at point; return one partial derivative per coordinate");
    }

    @Override
    List<Mistake<StudentGradient>> mistakes() {
        return List.of(
                new Mistake<>(Diagnosis.ONE_SIDED_DIFFERENCE, "Your values match the forward difference.",
                        variant(Flaw.FORWARD)),
                new Mistake<>(Diagnosis.ONE_SIDED_DIFFERENCE, "Your values match the backward difference.",
                        variant(Flaw.BACKWARD)),
                new Mistake<>(Diagnosis.MISSING_FACTOR_TWO, "", variant(Flaw.NO_TWO)),
                new Mistake<>(Diagnosis.PERTURBS_ALL_COORDINATES, "", variant(Flaw.ALL)),
                new Mistake<>(Diagnosis.WRONG_SIGN, "Your values match (f(w - h e_i) - f(w + h e_i)) / (2h).",
                        variant(Flaw.SIGN)));
    }

    private enum Flaw { FORWARD, BACKWARD, NO_TWO, ALL, SIGN }

    private static StudentGradient variant(Flaw flaw) {
        return (f, w, h) -> {
            double[] g = new double[w.length];
            double f0 = f.value(w);
            for (int i = 0; i < w.length; i++) {
                double[] plus = w.clone();
                double[] minus = w.clone();
                if (flaw == Flaw.ALL) {
                    for (int j = 0; j < w.length; j++) {
                        plus[j] += h;
                        minus[j] -= h;
                    }
                } else {
                    plus[i] += h;
                    minus[i] -= h;
                }
                g[i] = switch (flaw) {
                    case FORWARD -> (f.value(plus) - f0) / h;
                    case BACKWARD -> (f0 - f.value(minus)) / h;
                    case NO_TWO -> (f.value(plus) - f.value(minus)) / h;
                    case SIGN -> (f.value(minus) - f.value(plus)) / (2 * h);
                    case ALL -> (f.value(plus) - f.value(minus)) / (2 * h);
                };
            }
            return g;
        };
    }
}
