package org.descentlab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One colour per optimizer, the same in every figure, so a student learns "Adam is light blue" once.
 *
 * <p>Known optimizers have fixed colours drawn from colour-blind-safe palettes (Okabe–Ito for the
 * most common ones, then Paul Tol's and Tableau's). A label is matched by its name before any
 * parenthesis, ignoring case and the characters {@code - _ space}, so {@code "Adam"},
 * {@code "adam"} and {@code "Adam(lr=0.001, betas=...)"} share a colour. A runner's
 * {@code SGD(lr=..., momentum=0.9, ..., nesterov=true)} label maps to Nesterov, and one with a
 * non-zero momentum to SGD+momentum. Any other label gets a colour from a fallback list chosen by
 * the label's hash, so it too is stable across figures.
 */
public final class Palette {

    private static final Map<String, Color> KNOWN = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("sgd+momentum", "sgd+momentum"),
            Map.entry("sgdmomentum", "sgd+momentum"),
            Map.entry("momentum", "sgd+momentum"),
            Map.entry("heavyball", "sgd+momentum"),
            Map.entry("polyak", "sgd+momentum"),
            Map.entry("nesterov", "nesterov"),
            Map.entry("sgd+nesterov", "nesterov"),
            Map.entry("sgdnesterov", "nesterov"),
            Map.entry("nag", "nesterov"));

    /** Fallback colours for unknown labels: Tableau 10 without the brown, plus a dark grey. */
    private static final List<Color> FALLBACK = List.of(
            rgb(0x4E79A7), rgb(0xF28E2B), rgb(0xE15759), rgb(0x76B7B2), rgb(0x59A14F),
            rgb(0xEDC948), rgb(0xB07AA1), rgb(0xFF9DA7), rgb(0x79706E));

    static {
        KNOWN.put("sgd", rgb(0x0072B2));          // Okabe–Ito blue
        KNOWN.put("sgd+momentum", rgb(0xE69F00)); // Okabe–Ito orange
        KNOWN.put("nesterov", rgb(0xD55E00));     // Okabe–Ito vermillion
        KNOWN.put("adagrad", rgb(0x009E73));      // Okabe–Ito bluish green
        KNOWN.put("rmsprop", rgb(0xCC79A7));      // Okabe–Ito reddish purple
        KNOWN.put("adam", rgb(0x56B4E9));         // Okabe–Ito sky blue
        KNOWN.put("adamw", rgb(0x882255));        // Tol wine
        KNOWN.put("amsgrad", rgb(0x332288));      // Tol indigo
        KNOWN.put("adabelief", rgb(0x117733));    // Tol green
        KNOWN.put("emamomentum", rgb(0x9C755F));  // Tableau brown
        KNOWN.put("localgains", rgb(0x999933));   // Tol olive
        KNOWN.put("lars", rgb(0xAA4499));         // Tol purple
        KNOWN.put("swats", rgb(0x44AA99));        // Tol teal
        KNOWN.put("newton", rgb(0x000000));       // black: the curvature-exact reference
        KNOWN.put("gd", rgb(0x666666));           // dark grey
    }

    private static final Pattern MOMENTUM = Pattern.compile("[(,]momentum=([^,)]*)");
    private static final Pattern ZERO = Pattern.compile("[-+]?0*(\\.0*)?([eE][-+]?[0-9]+)?");

    private Palette() {}

    /** The colour for an optimizer name or label. */
    public static Color color(String label) {
        if (label == null) {
            throw new IllegalArgumentException("label must not be null");
        }
        String key = key(label);
        Color known = KNOWN.get(key);
        return known != null ? known : FALLBACK.get(Math.floorMod(key.hashCode(), FALLBACK.size()));
    }

    /** Whether {@code label} names one of the optimizers with a fixed colour. */
    public static boolean isKnown(String label) {
        return label != null && KNOWN.containsKey(key(label));
    }

    /** The canonical names with fixed colours, in a stable order. */
    public static List<String> knownNames() {
        return Collections.unmodifiableList(new ArrayList<>(KNOWN.keySet()));
    }

    /**
     * Colours for the series of one figure, in order: known optimizers get their fixed colour; an
     * unknown label gets its hash colour unless an earlier series of the same figure already uses
     * it, in which case the next unused fallback colour (so that one figure never shows two unknown
     * series in the same colour while fallback colours last).
     */
    public static List<Color> colors(List<String> labels) {
        Set<Color> used = new HashSet<>();
        for (String label : labels) {
            if (isKnown(label)) {
                used.add(color(label));
            }
        }
        List<Color> result = new ArrayList<>(labels.size());
        for (String label : labels) {
            Color c = color(label);
            if (!isKnown(label)) {
                int start = FALLBACK.indexOf(c);
                for (int k = 0; k < FALLBACK.size() && used.contains(c); k++) {
                    c = FALLBACK.get((start + k + 1) % FALLBACK.size());
                }
                used.add(c);
            }
            result.add(c);
        }
        return result;
    }

    /** The colour as {@code #RRGGBB}. */
    public static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02X%02X%02X", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** The lookup key: the name before any parenthesis, lower case, without {@code - _ space}. */
    static String key(String label) {
        String lower = label.toLowerCase(Locale.ROOT);
        int paren = lower.indexOf('(');
        String base = (paren >= 0 ? lower.substring(0, paren) : lower).replaceAll("[\\s_\\-]", "");
        String params = paren >= 0 ? lower.substring(paren).replace(" ", "") : "";
        if (base.equals("sgd") && !params.isEmpty()) {
            if (params.contains("nesterov=true")) {
                return "nesterov";
            }
            Matcher m = MOMENTUM.matcher(params);
            if (m.find() && !ZERO.matcher(m.group(1)).matches()) {
                return "sgd+momentum";
            }
        }
        return ALIASES.getOrDefault(base, base);
    }

    private static Color rgb(int hex) {
        return new Color(hex);
    }
}
