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
}
