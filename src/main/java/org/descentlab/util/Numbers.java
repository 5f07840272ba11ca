package org.descentlab.util;

/** Rounding for display: tables of measured numbers read better with a few decimals. */
public final class Numbers {

    private Numbers() {}

    /** Each value rounded to {@code digits} decimals; non-finite values are kept as they are. */
    public static double[] round(double[] values, int digits) {
        Check.notNull("values", values);
        Check.atLeast("digits", digits, 0);
        double scale = Math.pow(10, digits);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            out[i] = Double.isFinite(v) ? Math.round(v * scale) / scale : v;
        }
        return out;
    }

    /** {@code value} rounded to {@code digits} significant digits; non-finite values and 0 are kept. */
    public static double significant(double value, int digits) {
        Check.atLeast("digits", digits, 1);
        if (!Double.isFinite(value) || value == 0) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(digits)).doubleValue();
    }
}
