package org.descentlab.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.function.Function;

/**
 * Tick labels for linear axes: plain decimals with a leading zero ({@code 0.05}, not XChart's
 * {@code .05}) and no trailing zeros, scientific notation for very small or large magnitudes
 * ({@code 1e-05}), and exactly {@code 0} for values that are zero up to rounding of the tick step.
 */
final class TickFormat {

    private TickFormat() {}

    static Function<Double, String> linear() {
        return TickFormat::format;
    }

    static String format(Double value) {
        if (value == null || value.isNaN()) {
            return "";
        }
        double v = value;
        double a = Math.abs(v);
        if (a < 1e-12) {
            return "0";
        }
        if (a < 1e-4 || a >= 1e6) {
            String s = String.format(Locale.ROOT, "%.3g", v); // e.g. 1.00e-05
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e).replaceAll("\\.?0+$", "");
            String exponent = s.substring(e + 1);
            return mantissa + "e" + exponent;
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
