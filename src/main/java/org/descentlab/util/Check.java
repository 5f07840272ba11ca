package org.descentlab.util;

import java.util.Arrays;

/**
 * Argument checks shared by every public entry point. Each failure is an {@link
 * IllegalArgumentException} whose message names the parameter, the value it got and the valid range,
 * so that a student reading a notebook error knows what to change.
 */
public final class Check {

    private Check() {}

    /** A finite number {@code >= 0}. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(name, value, "a finite number >= 0");
        }
        return value;
    }

    /** A finite number {@code > 0}. */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(name, value, "a finite number > 0");
        }
        return value;
    }

    /** A finite number of any sign. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw invalid(name, value, "a finite number");
        }
        return value;
    }

    /** A number in the half-open interval {@code [0, 1)}, as for momentum and EMA coefficients. */
    public static double unitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw invalid(name, value, "a number in [0, 1)");
        }
        return value;
    }

    /** A number in the closed interval {@code [0, 1]}, as for dampening. */
    public static double closedUnitInterval(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(name, value, "a number in [0, 1]");
        }
        return value;
    }

    /** A number in the open interval {@code (0, 1)}, as for decay factors that must shrink. */
    public static double openUnitInterval(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw invalid(name, value, "a number in (0, 1)");
        }
        return value;
    }

    /** An integer {@code >= min}. */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    name + " = " + value + " is invalid: must be an integer >= " + min);
        }
        return value;
    }

    /** An integer {@code >= min}. */
    public static int atLeast(String name, int value, int min) {
        return (int) atLeast(name, (long) value, min);
    }

    /** A reference that must be present. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Every element finite. */
    public static double[] allFinite(String name, double[] values) {
        notNull(name, values);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] = " + values[i] + " is invalid: must be finite (got "
                                + Arrays.toString(values) + ")");
            }
        }
        return values;
    }

    /** A failure for a value outside its valid range, worded like every other check. */
    public static IllegalArgumentException invalid(String name, double value, String validRange) {
        return new IllegalArgumentException(
                name + " = " + value + " is invalid: must be " + validRange);
    }
}
