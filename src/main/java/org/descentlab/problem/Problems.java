package org.descentlab.problem;

import org.descentlab.optim.Options;
import org.descentlab.util.Check;
import org.descentlab.util.Registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The built-in problems by name, for the command line: each entry is a factory from named
 * {@link Options} and an optional start point, plus a one-line description that also lists the
 * options. Adding a problem is one {@code add} line below.
 */
public final class Problems {

    /** Builds a problem from its options and a start point ({@code null}: the problem's default). */
    @FunctionalInterface
    private interface Factory {
        Problem create(Options options, double[] startOrNull);
    }

    private record Entry(String description, Factory factory) {}

    private static final Registry<Entry> REGISTRY =
            new Registry<>("problem", name -> name.trim().toLowerCase(Locale.ROOT), "");

    static {
        add("rosenbrock", "Rosenbrock's valley (a - x)^2 + b (y - x^2)^2; options a=1, b=100; start 1.5,1.5",
                Problems::rosenbrock);
        add("quadratic", "1/2 sum d_i w_i^2, Hessian diag(d); option diag=1,10 (the d_i, each > 0); start 1,...,1",
                Problems::quadratic);
        add("sequence", "replays gradients from a file, one step per line; option file=PATH (required); start 0,...,0",
                Problems::sequence);
        add("quadratic-rotated", "1/2 w^T A w with A = Q diag(eigenvalues) Q^T, Q a rotation by angle (degrees); "
                + "options eigenvalues=1,10 (each > 0), angle=30; start q_1 + q_2", Problems::rotatedQuadratic);
        add("noisy-quadratic", "CTU DLE L7: 1/(2N) sum (w - w_i)^T A (w - w_i), w_i ~ N((1,1), sigma^2 I); options "
                + "eigenvalues=1,10, angle=30, sigma=1, n=1000, seed=0; --batch-size B for SGD; start -2,3",
                Problems::noisyQuadratic);
        add("sigmoid", "CTU DLE L7 plateau: 1/n sum (sigmoid(w1 x_i + w2) - y_i)^2, 16 points of sigmoid(2x + 1); "
                + "options noise=0, seed=0; start 0,-8", Problems::sigmoid);
        add("banana", "Goh's valley (1 - x)^2 + 20 (3y - x^2)^2, minimum (1, 1/3); start -1,1", (o, s) -> new Banana(s));
        add("saddle", "CSC413 L4 saddle x^2 - y^2 (variant=plain) or x^2 - y^2 + y^4/2 (variant=quartic); start 1,0.01",
                Problems::saddle);
        add("beale", "Beale's function, minimum (3, 0.5); start 1,1.5", (o, s) -> new Beale(s));
        add("himmelblau", "Himmelblau's function, four minima; start 0,0", (o, s) -> new Himmelblau(s));
        add("linear-regression", "CSC413 L4 least squares on 2 features; options data=deck|mixed, standardized=false; "
                + "start 0,0,0", Problems::linearRegression);
        add("two-unit-network", "CSC413 L4 plateaux: 1 input, 2 hidden units, 1 output on sin(x); option "
                + "activation=sigmoid|relu; start 0.5,1.5,0.4,-0.2", Problems::twoUnitNetwork);
    }

    private Problems() {}

    private static void add(String name, String description, Factory factory) {
        REGISTRY.add(name, new Entry(description, factory));
    }

    /**
     * Builds the problem {@code name}.
     *
     * @param name a registry name, any case
     * @param options the problem's options (see {@link #descriptions()}); unknown names are rejected
     * @param startOrNull the start point, or {@code null} for the problem's default; it must have the
     *     problem's dimension
     * @throws IllegalArgumentException for an unknown name (listing the known ones), an invalid option,
     *     a start of the wrong dimension, or an unreadable sequence file
     */
    public static Problem create(String name, Options options, double[] startOrNull) {
        Check.notNull("problem", name);
        Check.notNull("options", options);
        String key = REGISTRY.resolve(name);
        Problem problem = REGISTRY.get(key).factory().create(options, startOrNull);
        options.finish("problem " + key);
        return problem;
    }

    /** The registry names, in registration order. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** Each registry name with its one-line description (options and default start included). */
    public static Map<String, String> descriptions() {
        return REGISTRY.describe(Entry::description);
    }

    private static Problem rosenbrock(Options o, double[] start) {
        double a = o.getDouble("a", 1);
        double b = o.getDouble("b", 100);
        return new Rosenbrock(a, b, start == null ? new double[] {1.5, 1.5} : start);
    }

    private static Problem quadratic(Options o, double[] start) {
        return new DiagonalQuadratic(o.getDoubles("diag", 1, 10), start);
    }

    private static Problem rotatedQuadratic(Options o, double[] start) {
        double[] eig = twoEigenvalues(o);
        double angle = Check.finite("angle", o.getDouble("angle", 30));
        return Quadratic.rotated2d(eig[0], eig[1], Math.toRadians(angle), null, start);
    }

    private static Problem noisyQuadratic(Options o, double[] start) {
        double[] eig = twoEigenvalues(o);
        double angle = Check.finite("angle", o.getDouble("angle", 30));
        double sigma = Check.nonNegative("sigma", o.getDouble("sigma", 1));
        long n = o.getLong("n", 1000);
        if (n < 1 || n > 1_000_000) {
            throw new IllegalArgumentException("n = " + n + " is invalid: must be an integer in [1, 1000000]");
        }
        long seed = o.getLong("seed", 0);
        double[][] a = Quadratic.rotated2d(eig[0], eig[1], Math.toRadians(angle), null, null).matrix();
        return new NoisyQuadratic(a, new double[] {1, 1}, sigma, (int) n, seed, start == null ? new double[] {-2, 3} : start);
    }

    private static double[] twoEigenvalues(Options o) {
        double[] eig = o.getDoubles("eigenvalues", 1, 10);
        if (eig.length != 2) {
            throw new IllegalArgumentException(
                    "eigenvalues has " + eig.length + " values: must be exactly 2 (e.g. eigenvalues=1,10)");
        }
        Check.positive("eigenvalues[0]", eig[0]);
        Check.positive("eigenvalues[1]", eig[1]);
        return eig;
    }

    private static Problem sigmoid(Options o, double[] start) {
        double noise = Check.nonNegative("noise", o.getDouble("noise", 0));
        long seed = o.getLong("seed", 0);
        return SigmoidFit.generated(16, -3, 3, 2, 1, noise, seed, start);
    }

    private static Problem saddle(Options o, double[] start) {
        return new Saddle(choice(o, "variant", Saddle.Variant.PLAIN), start);
    }

    private static Problem linearRegression(Options o, double[] start) {
        String data = o.getString("data", "deck").trim().toLowerCase(Locale.ROOT);
        LinearRegression base = switch (data) {
            case "deck" -> LinearRegression.deckTable();
            case "mixed" -> LinearRegression.mixedScales();
            default -> throw new IllegalArgumentException("data = '" + data + "' is invalid: must be deck or mixed");
        };
        LinearRegression p = o.getBoolean("standardized", false) ? base.standardized().problem() : base;
        if (start == null) {
            return p;
        }
        p.checkPoint("start", start);
        return new LinearRegression(p.inputs(), p.targets(), start);
    }

    private static Problem twoUnitNetwork(Options o, double[] start) {
        return new TwoUnitNetwork(choice(o, "activation", TwoUnitNetwork.Activation.SIGMOID), start);
    }

    /** The option {@code key} as a constant of {@code fallback}'s enum, named in lower case. */
    private static <E extends Enum<E>> E choice(Options o, String key, E fallback) {
        String v = o.getString(key, fallback.name().toLowerCase(Locale.ROOT)).trim().toLowerCase(Locale.ROOT);
        E[] all = fallback.getDeclaringClass().getEnumConstants();
        for (E e : all) {
            if (e.name().toLowerCase(Locale.ROOT).equals(v)) {
                return e;
            }
        }
        String names = Arrays.stream(all).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or "));
        throw new IllegalArgumentException(key + " = '" + v + "' is invalid: must be " + names);
    }

    private static Problem sequence(Options o, double[] start) {
        String file = o.getString("file", null);
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException(
                    "file is required for problem sequence: give file=PATH (one gradient per line)");
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("file = '" + file + "' is not a valid path: " + e.getMessage(), e);
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(
                    "file = '" + file + "' is invalid: no such file (must be a text file of gradients)");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(
                    "file = '" + file + "' is invalid: must be a readable regular file of gradients");
        }
        try {
            return GradientSequence.read(path, start);
        } catch (IOException e) {
            throw new IllegalArgumentException("file = '" + file + "' could not be read: " + e, e);
        }
    }
}
