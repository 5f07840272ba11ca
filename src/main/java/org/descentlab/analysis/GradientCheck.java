package org.descentlab.analysis;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;

import org.descentlab.problem.Problem;
import org.descentlab.util.Check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finite-difference gradient checking, CSC413 L4, slide "Recap": "incorrect gradients - diagnostics: finite
 * differences - fix them, or use autodiff". Each coordinate's analytic (or autograd) derivative
 * {@code a} is compared with the central difference {@code n = (f(w + h e_i) - f(w - h e_i)) / (2h)},
 * {@code h = step * max(1, |w_i|)}, by the relative error
 *
 * <pre>
 *   err_i = |a_i - n_i| / max(|a_i|, |n_i|, floor)
 * </pre>
 *
 * (the floor keeps derivatives near 0 from turning rounding noise into huge relative errors: below
 * it they are compared absolutely). The check passes if every {@code err_i <= tolerance}. Central
 * differences in float64 with {@code h = 1e-5} have truncation error {@code ~h^2 f''' / 6} and
 * rounding error {@code ~1e-16 |f| / h}, about 1e-10 relative on well-scaled problems, so the default
 * tolerance 1e-6 catches any real mistake (a wrong gradient is typically off by O(1)).
 */
public final class GradientCheck {

    /** Default relative finite-difference step. */
    public static final double STEP = 1e-5;
    /** Default pass threshold on the relative error. */
    public static final double TOLERANCE = 1e-6;
    /** Default floor of the relative error's denominator. */
    public static final double FLOOR = 1e-6;

    private GradientCheck() {}

    /**
     * The outcome of a check: per coordinate its name, the analytic and numeric derivative and the
     * relative error.
     */
    public record Report(
            String subject, List<String> names, double[] analytic, double[] numeric, double[] relativeError,
            double tolerance) {

        /** The index of the coordinate with the largest relative error (NaN counts as largest). */
        public int worst() {
            int w = 0;
            for (int i = 1; i < relativeError.length; i++) {
                if (!(relativeError[i] <= relativeError[w])) {
                    w = Double.isNaN(relativeError[w]) ? w : i;
                }
            }
            return w;
        }

        /** The largest relative error. */
        public double worstError() {
            return relativeError[worst()];
        }

        /** The name of the worst coordinate, e.g. {@code w[1]} or {@code 02Linear_weight[3]}. */
        public String worstCoordinate() {
            return names.get(worst());
        }

        /** Whether every coordinate's relative error is at most the tolerance. */
        public boolean passed() {
            for (double e : relativeError) {
                if (!(e <= tolerance)) {
                    return false;
                }
            }
            return true;
        }

        /** The coordinates that fail. */
        public List<String> failures() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < relativeError.length; i++) {
                if (!(relativeError[i] <= tolerance)) {
                    out.add(names.get(i));
                }
            }
            return out;
        }

        @Override
        public String toString() {
            int w = worst();
            return String.format(
                    "gradient check of %s: %s, worst coordinate %s: analytic %.12g vs finite difference %.12g, relative error %.3g (tolerance %.1g)%s",
                    subject, passed() ? "PASSED" : "FAILED", names.get(w), analytic[w], numeric[w], relativeError[w],
                    tolerance, passed() ? "" : "; failing: " + failures());
        }
    }

    /** Checks {@code problem.gradient} at {@code w} with the default step, floor and tolerance. */
    public static Report check(Problem problem, double[] w) {
        return check(problem, w, STEP, FLOOR, TOLERANCE);
    }

    /**
     * Checks {@code problem.gradient(w, 0)} against central differences of {@code problem.loss}.
     *
     * @param step the relative step, {@code > 0}
     * @param floor the denominator floor, {@code >= 0}
     * @param tolerance the pass threshold, {@code > 0}
     */
    public static Report check(Problem problem, double[] w, double step, double floor, double tolerance) {
        Check.notNull("problem", problem);
        problem.checkPoint("w", w);
        Check.positive("step", step);
        Check.nonNegative("floor", floor);
        Check.positive("tolerance", tolerance);
        int n = w.length;
        double[] analytic = problem.gradient(w, 0);
        if (analytic.length != n) {
            throw new IllegalStateException(
                    problem.name() + " returned a gradient of length " + analytic.length + ", expected " + n);
        }
        double[] numeric = new double[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            numeric[i] = CentralDifference.along(w, i, step).of(problem::loss);
            names.add("w[" + i + "]");
        }
        return new Report(problem.name() + " at " + Arrays.toString(w), List.copyOf(names), analytic, numeric,
                errors(analytic, numeric, floor), tolerance);
    }

    /** Checks a block with the default step, floor and tolerance. */
    public static Report check(Block block, NDList inputs, NDList labels, Loss loss) {
        return check(block, inputs, labels, loss, STEP, FLOOR, TOLERANCE);
    }

    /**
     * Checks the autograd gradients of every parameter of an initialized, deterministic (no dropout)
     * {@code block} under {@code loss(labels, block(inputs))} against central differences, all in
     * float64. Build the block in float64 ({@code block.initialize(manager, DataType.FLOAT64, ...)}).
     * DJL 0.35.1's {@code block.cast(DataType.FLOAT64)} throws "Not implemented yet" for composite
     * blocks such as {@code SequentialBlock}; to check a float32 block, initialize a second block of
     * the same structure in float64 and {@link #copyParameters copy} the values over. Inputs and
     * labels must be float64 too. Each parameter element is perturbed in place and restored afterwards.
     */
    public static Report check(
            Block block, NDList inputs, NDList labels, Loss loss, double step, double floor, double tolerance) {
        Check.notNull("block", block);
        Check.notNull("inputs", inputs);
        Check.notNull("labels", labels);
        Check.notNull("loss", loss);
        Check.positive("step", step);
        Check.nonNegative("floor", floor);
        Check.positive("tolerance", tolerance);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("block must be initialized before a gradient check");
        }
        checkFloat64("inputs", inputs);
        checkFloat64("labels", labels);
        List<Pair<String, Parameter>> params = block.getParameters().stream().toList();
        for (Pair<String, Parameter> p : params) {
            DataType t = p.getValue().getArray().getDataType();
            if (t != DataType.FLOAT64) {
                throw new IllegalArgumentException(
                        "parameter " + p.getKey() + " has data type " + t
                                + ": gradient checks need float64 (initialize the block with DataType.FLOAT64,"
                                + " or copyParameters into a float64 twin)");
            }
        }
        ParameterStore store = new ParameterStore(inputs.head().getManager(), false);

        // Finite differences first, before any gradient bookkeeping.
        List<String> names = new ArrayList<>();
        List<Double> numeric = new ArrayList<>();
        for (Pair<String, Parameter> p : params) {
            NDArray array = p.getValue().getArray();
            double[] original = array.toDoubleArray();
            for (int i = 0; i < original.length; i++) {
                numeric.add(CentralDifference.along(original, i, step).of(values -> {
                    array.set(values);
                    return evaluate(block, store, inputs, labels, loss);
                }));
                array.set(original);
                names.add(p.getKey() + "[" + i + "]");
            }
        }

        // Autograd.
        for (Pair<String, Parameter> p : params) {
            p.getValue().getArray().setRequiresGradient(true);
        }
        List<Double> analytic = new ArrayList<>();
        try (GradientCollector collector = Engine.getEngine(inputs.head().getManager().getEngine().getEngineName())
                .newGradientCollector()) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray l = loss.evaluate(labels, block.forward(store, inputs, true));
                collector.backward(l);
            }
        }
        for (Pair<String, Parameter> p : params) {
            NDArray grad = p.getValue().getArray().getGradient();
            for (double g : grad.toDoubleArray()) {
                analytic.add(g);
            }
            grad.close();
        }
        double[] a = analytic.stream().mapToDouble(Double::doubleValue).toArray();
        double[] n = numeric.stream().mapToDouble(Double::doubleValue).toArray();
        return new Report(block.getClass().getSimpleName() + " under " + loss.getName(), List.copyOf(names), a, n,
                errors(a, n, floor), tolerance);
    }

    /**
     * Copies every parameter value of {@code from} into the parameter of the same name in {@code to},
     * converting the data type to {@code to}'s (e.g. a trained float32 block into a float64 twin built
     * with the same structure). Both blocks must be initialized with the same parameter names and shapes.
     */
    public static void copyParameters(Block from, Block to) {
        Check.notNull("from", from);
        Check.notNull("to", to);
        List<Pair<String, Parameter>> src = from.getParameters().stream().toList();
        List<Pair<String, Parameter>> dst = to.getParameters().stream().toList();
        if (src.size() != dst.size()) {
            throw new IllegalArgumentException(
                    "the blocks have " + src.size() + " and " + dst.size() + " parameters: they must have the same structure");
        }
        for (int i = 0; i < src.size(); i++) {
            String name = src.get(i).getKey();
            if (!name.equals(dst.get(i).getKey())) {
                throw new IllegalArgumentException(
                        "parameter " + i + " is " + name + " in one block but " + dst.get(i).getKey() + " in the other");
            }
            NDArray a = src.get(i).getValue().getArray();
            NDArray b = dst.get(i).getValue().getArray();
            if (!a.getShape().equals(b.getShape())) {
                throw new IllegalArgumentException(
                        "parameter " + name + " has shape " + a.getShape() + " in one block but " + b.getShape() + " in the other");
            }
            try (NDArray converted = a.toType(b.getDataType(), true)) {
                b.set(converted.toByteBuffer());
            }
        }
    }

    private static double evaluate(Block block, ParameterStore store, NDList inputs, NDList labels, Loss loss) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return loss.evaluate(labels, block.forward(store, inputs, true)).getDouble();
        }
    }

    private static void checkFloat64(String name, NDList list) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).getDataType() != DataType.FLOAT64) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] has data type " + list.get(i).getDataType() + ": gradient checks need float64");
            }
        }
    }

    private static double[] errors(double[] a, double[] n, double floor) {
        double[] e = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double denom = Math.max(floor, Math.max(Math.abs(a[i]), Math.abs(n[i])));
            e[i] = denom == 0 ? 0 : Math.abs(a[i] - n[i]) / denom;
        }
        return e;
    }
}
