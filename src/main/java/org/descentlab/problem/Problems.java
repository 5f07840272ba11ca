package org.descentlab.problem;

import org.descentlab.optim.Options;
import org.descentlab.util.Check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    static {
        add("rosenbrock", "Rosenbrock's valley (a - x)^2 + b (y - x^2)^2; options a=1, b=100; start 1.5,1.5",
                Problems::rosenbrock);
        add("quadratic", "1/2 sum d_i w_i^2, Hessian diag(d); option diag=1,10 (the d_i, each > 0); start 1,...,1",
                Problems::quadratic);
        add("sequence", "replays gradients from a file, one step per line; option file=PATH (required); start 0,...,0",
                Problems::sequence);
    }

    private Problems() {}

    private static void add(String name, String description, Factory factory) {
        REGISTRY.put(name, new Entry(description, factory));
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
        String key = name.trim().toLowerCase(Locale.ROOT);
        Entry entry = REGISTRY.get(key);
        if (entry == null) {
            throw new IllegalArgumentException(
                    "problem = '" + name + "' is unknown: must be one of " + String.join(", ", names()));
        }
        Problem problem = entry.factory().create(options, startOrNull);
        options.finish("problem " + key);
        return problem;
    }

    /** The registry names, in registration order. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(REGISTRY.keySet()));
    }

    /** Each registry name with its one-line description (options and default start included). */
    public static Map<String, String> descriptions() {
        Map<String, String> out = new LinkedHashMap<>();
        REGISTRY.forEach((name, entry) -> out.put(name, entry.description()));
        return Collections.unmodifiableMap(out);
    }

    private static Problem rosenbrock(Options o, double[] start) {
        double a = o.getDouble("a", 1);
        double b = o.getDouble("b", 100);
        return new Rosenbrock(a, b, start == null ? new double[] {1.5, 1.5} : start);
    }

    private static Problem quadratic(Options o, double[] start) {
        return new DiagonalQuadratic(o.getDoubles("diag", 1, 10), start);
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
