package org.descentlab.exercise;

import org.descentlab.plot.CurvePlot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An exercise checked by running the student's implementation and the reference on the same test
 * cases and comparing the values they produce, row by row (a row per step) and coordinate by
 * coordinate. At the first difference the known-wrong variants ({@link #mistakes()}) are run too: the
 * one whose values the student's match on every case names the mistake.
 *
 * @param <S> the student interface
 * @param <C> the test case type
 */
abstract class ComparisonExercise<S, C extends ComparisonExercise.Case> extends Exercise<S> {

    /** Values agree if {@code |a - e| <= RTOL * max(|a|, |e|) + ATOL}. */
    static final double RTOL = 1e-9;
    static final double ATOL = 1e-12;

    /** A test case. */
    interface Case {
        /** A short name such as {@code first step}. */
        String name();

        /** The case's settings as text. */
        String settings();
    }

    /** What the reference is, e.g. {@code the library's HeavyBall}, as the check's messages name it. */
    private final String referenceName;

    ComparisonExercise(Statement statement, Class<S> type, String referenceName) {
        super(statement, type);
        this.referenceName = referenceName;
    }

    /** The test cases, in the order they are checked (simplest first). */
    abstract List<C> cases();

    /**
     * The hidden cases drawn from {@code rng}: the visible cases' kinds with other data and settings, so
     * that code tuned to the visible cases (a constant where a setting belongs) fails.
     */
    abstract List<C> hiddenCases(java.util.Random rng);

    /** Runs {@code impl} on a case: row {@code r}, coordinate {@code j}. */
    abstract double[][] run(S impl, C c) throws StudentFailure;

    /** The known-wrong variants. */
    abstract List<Mistake<S>> mistakes();

    /** The first row compared: 0, or 1 for trajectories whose row 0 is the start. */
    int firstCompared() {
        return 0;
    }

    /** The step shown for row {@code row}. */
    abstract long stepOf(int row);

    /** What row {@code row}, coordinate {@code j} is, e.g. {@code w[1] after step 3}. */
    abstract String quantity(C c, int row, int j);

    /** The y axis of the figure. */
    String valueName() {
        return "value";
    }

    /** The x axis of the figure. */
    String stepName() {
        return "step";
    }

    /** The names of the coordinates in the figure's legend. */
    String coordinateName(int j) {
        return "w" + j;
    }

    /** A diagnosis found before trying the variants (e.g. parameters never changed), or null. */
    Diagnosis early(S student, List<C> cases, List<double[][]> refs) {
        return null;
    }

    /** A diagnosis when no variant matches (e.g. from the order of accuracy), or null. */
    Diagnosis fallback(S student) {
        return null;
    }

    /** How values are compared, as a pass states it. */
    String toleranceText() {
        return "relative tolerance " + RTOL;
    }

    /** More lines for a passing result. */
    String passDetails(S student) {
        return "";
    }

    /** The figure for a pass, or null to plot the showcase case. */
    BufferedImage passImage(S student) {
        return null;
    }

    @Override
    public List<Diagnosis> diagnosable() {
        List<Diagnosis> out = new ArrayList<>();
        for (Mistake<S> m : mistakes()) {
            if (!out.contains(m.diagnosis())) {
                out.add(m.diagnosis());
            }
        }
        return out;
    }

    @Override
    protected CheckResult checkNonNull(S student, java.util.OptionalLong hiddenSeed) {
        List<C> cases = hiddenSeed.isPresent() ? hiddenCases(new java.util.Random(hiddenSeed.getAsLong())) : cases();
        List<double[][]> refs = new ArrayList<>();
        List<double[][]> mine = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            C c = cases.get(i);
            double[][] ref = runReference(c);
            refs.add(ref);
            double[][] m;
            try {
                m = run(student, c);
            } catch (StudentFailure f) {
                return fail(f.diagnosis(), null,
                        "Case `" + c.name() + "` (" + c.settings() + "):\n\n" + f.getMessage(), null);
            }
            mine.add(m);
            Divergence d = firstDivergence(c, ref, m);
            if (d != null) {
                return diagnose(student, cases, refs, mine, i, d);
            }
        }
        StringBuilder names = new StringBuilder();
        for (C c : cases) {
            names.append("\n- ").append(c.name()).append(" (").append(c.settings()).append(")");
        }
        String body = "Your values agree with " + referenceName + " in all " + cases.size()
                + " cases (" + toleranceText() + "):" + names + passDetails(student);
        BufferedImage image = passImage(student);
        if (image == null) {
            int show = showcase(cases, refs);
            image = figure(cases.get(show), refs.get(show), mine.get(show));
        }
        return pass(body, image);
    }

    /** The case plotted on a pass: the one with the most rows. */
    int showcase(List<C> cases, List<double[][]> refs) {
        int best = 0;
        for (int i = 1; i < refs.size(); i++) {
            if (refs.get(i).length > refs.get(best).length) {
                best = i;
            }
        }
        return best;
    }

    private double[][] runReference(C c) {
        try {
            return run(reference(), c);
        } catch (StudentFailure f) {
            throw new IllegalStateException("the reference failed on case " + c.name() + ": " + f.getMessage());
        }
    }

    private CheckResult diagnose(
            S student, List<C> cases, List<double[][]> refs, List<double[][]> mine, int at, Divergence d) {
        C c = cases.get(at);
        StringBuilder body = new StringBuilder(divergenceText(d, c, refs.get(at), mine.get(at)));
        Diagnosis early = early(student, cases, refs);
        BufferedImage image = figure(c, refs.get(at), mine.get(at));
        if (early != null) {
            body.append("\n\n").append(explain(early, "", null));
            return fail(early, d, body.toString(), image);
        }
        // the student's values on every case (null where the student's code failed)
        List<double[][]> all = new ArrayList<>(mine);
        for (int i = mine.size(); i < cases.size(); i++) {
            try {
                all.add(run(student, cases.get(i)));
            } catch (StudentFailure f) {
                all.add(null);
            }
        }
        Mistake<S> full = null;
        Mistake<S> partial = null;
        int compared = 0;
        for (Mistake<S> mistake : mistakes()) {
            boolean matchesHere = matches(mistake.variant(), c, all.get(at));
            if (!matchesHere) {
                continue;
            }
            boolean everywhere = true;
            int n = 0;
            for (int i = 0; i < cases.size() && everywhere; i++) {
                if (all.get(i) == null) {
                    continue;
                }
                n++;
                everywhere = matches(mistake.variant(), cases.get(i), all.get(i));
            }
            if (everywhere) {
                full = mistake;
                compared = n;
                break;
            }
            if (partial == null) {
                partial = mistake;
            }
        }
        if (full != null) {
            body.append("\n\n").append(explain(full.diagnosis(), full.detail(),
                    "Your values match this mistake in all " + compared + " cases."));
            return fail(full.diagnosis(), d, body.toString(), image);
        }
        if (partial != null) {
            body.append("\n\n").append(explain(partial.diagnosis(), partial.detail(),
                    "Your values match this mistake in this case but not in every case: there may be a second"
                            + " difference."));
            return fail(partial.diagnosis(), d, body.toString(), image);
        }
        Diagnosis fb = fallback(student);
        if (fb != null) {
            body.append("\n\n").append(explain(fb, "", null));
            return fail(fb, d, body.toString(), image);
        }
        if (!Double.isFinite(d.actual())) {
            body.append("\n\n").append(explain(Diagnosis.NAN_OUTPUT, "", null));
            return fail(Diagnosis.NAN_OUTPUT, d, body.toString(), image);
        }
        body.append("\n\n").append(explain(Diagnosis.UNKNOWN, "", null));
        return fail(Diagnosis.UNKNOWN, d, body.toString(), image);
    }

    private boolean matches(S variant, C c, double[][] mine) {
        if (mine == null) {
            return false;
        }
        double[][] v;
        try {
            v = run(variant, c);
        } catch (StudentFailure | RuntimeException e) {
            return false;
        }
        return firstDivergence(c, v, mine) == null;
    }

    private static String explain(Diagnosis d, String detail, String match) {
        StringBuilder sb = new StringBuilder("Diagnosis: **").append(d.title()).append("** [").append(d.id())
                .append("]\n").append(d.explanation());
        if (detail != null && !detail.isEmpty()) {
            sb.append("\n").append(detail);
        }
        if (match != null) {
            sb.append("\n").append(match);
        }
        return sb.toString();
    }

    private String divergenceText(Divergence d, C c, double[][] ref, double[][] mine) {
        int row = rowOf(d, ref);
        StringBuilder sb = new StringBuilder();
        sb.append("First difference from ").append(referenceName).append(": case `").append(c.name())
                .append("` (").append(c.settings()).append("), ").append(d.quantity()).append("\n\n")
                .append("    expected (reference): ").append(num(d.expected())).append("\n")
                .append("    yours:                ").append(num(d.actual()));
        if (row > firstCompared()) {
            sb.append("\n\nAll earlier values of this case agree; the previous row was\n\n")
                    .append("    expected: ").append(vec(ref[row - 1])).append("\n")
                    .append("    yours:    ").append(vec(mine[row - 1]));
        }
        sb.append("\n\nThe whole row: expected ").append(vec(ref[row])).append(", yours ").append(vec(mine[row]));
        return sb.toString();
    }

    private int rowOf(Divergence d, double[][] ref) {
        for (int r = firstCompared(); r < ref.length; r++) {
            if (stepOf(r) == d.step()) {
                return r;
            }
        }
        return firstCompared();
    }

    /** The first row and coordinate where {@code mine} leaves {@code ref}, or null. */
    Divergence firstDivergence(C c, double[][] ref, double[][] mine) {
        for (int r = firstCompared(); r < ref.length; r++) {
            for (int j = 0; j < ref[r].length; j++) {
                if (!close(ref[r][j], mine[r][j])) {
                    return new Divergence(c.name(), c.settings(), stepOf(r), quantity(c, r, j), ref[r][j], mine[r][j]);
                }
            }
        }
        return null;
    }

    static boolean close(double e, double a) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a);
        }
        if (Double.isInfinite(e) || Double.isInfinite(a)) {
            return e == a;
        }
        return Math.abs(a - e) <= RTOL * Math.max(Math.abs(a), Math.abs(e)) + ATOL;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.12g", v);
    }

    static String vec(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (i == 6 && v.length > 8) {
                sb.append("... (").append(v.length - 6).append(" more)");
                break;
            }
            sb.append(String.format(Locale.ROOT, "%.10g", v[i]));
        }
        return sb.append("]").toString();
    }

    /** Reference and student values of a case, coordinate by coordinate (at most 3), against the step. */
    BufferedImage figure(C c, double[][] ref, double[][] mine) {
        try {
            CurvePlot plot = new CurvePlot(title() + ": " + c.name(), stepName(), valueName());
            int n = Math.min(3, ref[0].length);
            double[] x = new double[ref.length];
            for (int r = 0; r < ref.length; r++) {
                x[r] = stepOf(r);
            }
            for (int j = 0; j < n; j++) {
                plot.add("reference " + coordinateName(j), x, column(ref, j));
                plot.add("yours " + coordinateName(j), x, finite(column(mine, j)));
            }
            plot.markers(ref.length <= 60);
            return plot.toImage();
        } catch (RuntimeException e) {
            return null; // a figure is a bonus: never let it hide the message
        }
    }

    static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r][j];
        }
        return out;
    }

    /** Non-finite values clipped to the largest finite magnitude of the series, so the figure renders. */
    static double[] finite(double[] y) {
        double max = 0;
        for (double v : y) {
            if (Double.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = 0;
            } else if (Double.isInfinite(out[i])) {
                out[i] = Math.copySign(max, out[i]);
            }
        }
        return out;
    }
}
