package org.descentlab.plot;

import org.knowm.xchart.style.Styler;

import java.util.ArrayList;
import java.util.List;

/**
 * Legend text and placement. Runner labels such as
 * {@code SGD(lr=0.001, momentum=0.9, dampening=0.0, weight_decay=0.0, nesterov=false)} are
 * shortened by dropping hyper-parameters that are zero or false ({@code SGD(lr=0.001,
 * momentum=0.9)}); and a legend whose longest entry would squeeze the plot goes below it instead of
 * to its right.
 */
final class Legend {

    /** Entries longer than this move the legend below the plot. */
    static final int LONG_ENTRY = 30;

    private Legend() {}

    /** {@code label} without its {@code key=0}, {@code key=0.0} and {@code key=false} parts. */
    static String shorten(String label) {
        int open = label.indexOf('(');
        if (open < 0 || !label.endsWith(")")) {
            return label;
        }
        String inner = label.substring(open + 1, label.length() - 1);
        if (inner.contains("(") || inner.contains("[")) {
            return label; // nested structure: leave it alone
        }
        List<String> kept = new ArrayList<>();
        for (String part : inner.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            if (!(value.equals("false") || value.matches("[-+]?0+(\\.0*)?"))) {
                kept.add(p);
            }
        }
        return label.substring(0, open) + "(" + String.join(", ", kept) + ")";
    }

    /** Right of the plot, unless an entry is long: then below it. */
    static Styler.LegendPosition position(List<String> entries) {
        for (String e : entries) {
            if (e.length() > LONG_ENTRY) {
                return Styler.LegendPosition.OutsideS;
            }
        }
        return Styler.LegendPosition.OutsideE;
    }
}
