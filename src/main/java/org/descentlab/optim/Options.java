package org.descentlab.optim;

import org.descentlab.util.Check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hyper-parameters given by name, in torch's spelling ({@code lr}, {@code momentum},
 * {@code betas}, ...), as they arrive from the command line ({@code betas=0.9,0.999}) or from JSON
 * (numbers, booleans, lists). Typed getters parse and record which names were used, so that
 * {@link #finish(String)} can reject misspelled names with the list of valid ones.
 */
public final class Options {

    private final Map<String, Object> values;
    private final Set<String> used = new LinkedHashSet<>();

    private Options(Map<String, Object> values) {
        this.values = values;
    }

    /** Options from a map whose values are strings, numbers, booleans or lists of numbers. */
    public static Options of(Map<String, ?> values) {
        Check.notNull("options", values);
        return new Options(new LinkedHashMap<>(values));
    }

    /** Options from {@code name=value} strings, e.g. {@code "lr=0.01"}, {@code "betas=0.9,0.999"}. */
    public static Options parse(List<String> assignments) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "hyper-parameter '" + a + "' must be written name=value, e.g. lr=0.01");
            }
            map.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        }
        return new Options(map);
    }

    /** Records {@code name} as a valid name for {@link #finish(String)} without reading it. */
    void markUsed(String name) {
        used.add(name);
    }

    /** Whether {@code name} was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A number, or {@code fallback} if not given. Range checks are the optimizer's. */
    public double getDouble(String name, double fallback) {
        used.add(name);
        Object v = values.get(name);
        return v == null ? fallback : toDouble(name, v);
    }

    /** A whole number, or {@code fallback} if not given. */
    public long getLong(String name, long fallback) {
        used.add(name);
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        double d = toDouble(name, v);
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(name + " = " + v + " is invalid: must be a whole number");
        }
        return (long) d;
    }

    /** A boolean ({@code true}/{@code false}), or {@code fallback} if not given. */
    public boolean getBoolean(String name, boolean fallback) {
        used.add(name);
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " = " + v + " is invalid: must be true or false");
    }

    /** A string, or {@code fallback} if not given. */
    public String getString(String name, String fallback) {
        used.add(name);
        Object v = values.get(name);
        return v == null ? fallback : v.toString();
    }

    /**
     * One of an enum's constants, written in lower case ({@code bias_correction=min_t_n}), or
     * {@code fallback} if not given; anything else is an error listing the valid words.
     */
    public <E extends Enum<E>> E getEnum(String name, Class<E> type, E fallback) {
        String word = getString(name, null);
        if (word == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(word.trim())) {
                return constant;
            }
        }
        List<String> valid = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            valid.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(
                name + " = '" + word + "' is invalid: must be one of " + String.join(", ", valid));
    }

    /** A list of numbers ({@code "0.9,0.999"} or a JSON list), or {@code fallback} if not given. */
    public double[] getDoubles(String name, double... fallback) {
        used.add(name);
        Object v = values.get(name);
        if (v == null) {
            return fallback.clone();
        }
        List<Object> parts = new ArrayList<>();
        if (v instanceof List<?> list) {
            parts.addAll(list);
        } else if (v instanceof double[] arr) {
            for (double d : arr) {
                parts.add(d);
            }
        } else {
            String s = v.toString().trim();
            if (s.startsWith("(") || s.startsWith("[")) {
                s = s.substring(1, s.length() - 1);
            }
            for (String p : s.split(",")) {
                parts.add(p.trim());
            }
        }
        double[] out = new double[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toDouble(name + "[" + i + "]", parts.get(i));
        }
        return out;
    }

    /** A pair of numbers such as {@code betas}; exactly two values are required. */
    public double[] getPair(String name, double first, double second) {
        double[] pair = getDoubles(name, first, second);
        if (pair.length != 2) {
            throw new IllegalArgumentException(
                    name + " must have exactly 2 values, got " + pair.length + ": " + values.get(name));
        }
        return pair;
    }

    /** Rejects names that no getter asked for, listing the valid ones. */
    public void finish(String owner) {
        List<String> unknown = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!used.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown hyper-parameter" + (unknown.size() > 1 ? "s " : " ") + unknown + " for "
                            + owner + "; valid: " + String.join(", ", used));
        }
    }

    private static double toDouble(String name, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        String s = v.toString().trim();
        try {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "nan" -> Double.NaN;
                case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(s);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " = '" + s + "' is invalid: must be a number", e);
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
