package org.descentlab.optim;

import org.descentlab.util.Check;

import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * One hyper-parameter of an optimizer, declared once: torch's name, its type, default, valid range and
 * one line of documentation. The declaration is what the typed builders set, what
 * {@link HyperBuilder#options(Options)} parses, what {@link HyperBuilder#build()} validates, what
 * {@link DescentOptimizer#hyperParameters()} shows and what {@code descent list optimizers NAME} prints.
 *
 * @param <T> the value's type: {@code Double}, {@code double[]} (a pair such as {@code betas}),
 *     {@code Boolean} or an enum
 */
public final class HyperParameter<T> {

    /** The valid values of a number, worded as the error message says them. */
    public enum Range {
        /** {@code [0, inf)}. */
        NON_NEGATIVE("a finite number >= 0", v -> v >= 0 && !Double.isInfinite(v)),
        /** {@code (0, inf)}. */
        POSITIVE("a finite number > 0", v -> v > 0 && !Double.isInfinite(v)),
        /** {@code (0, inf]}: infinity means no bound. */
        POSITIVE_OR_INFINITY("a number > 0 (infinity for no upper bound)", v -> v > 0),
        /** {@code [0, 1)}, as for momentum and EMA coefficients. */
        UNIT("a number in [0, 1)", v -> v >= 0 && v < 1),
        /** {@code [0, 1]}, as for dampening. */
        CLOSED_UNIT("a number in [0, 1]", v -> v >= 0 && v <= 1),
        /** {@code (0, 1)}, as for factors that must shrink. */
        OPEN_UNIT("a number in (0, 1)", v -> v > 0 && v < 1);

        private final String text;
        private final DoublePredicate contains;

        Range(String text, DoublePredicate contains) {
            this.text = text;
            this.contains = contains;
        }

        double check(String name, double value) {
            if (!contains.test(value)) {
                throw Check.invalid(name, value, text);
            }
            return value;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private enum Kind { NUMBER, PAIR, FLAG, CHOICE }

    private final String name;
    private final Kind kind;
    private final T defaultValue;
    private final Range range;
    private final Class<? extends Enum<?>> choices;
    private final String doc;
    private final HyperParameter<T> sameAs;
    private final boolean shownAtDefault;

    private HyperParameter(String name, Kind kind, T defaultValue, Range range, Class<? extends Enum<?>> choices,
            String doc, HyperParameter<T> sameAs, boolean shownAtDefault) {
        this.name = name;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.range = range;
        this.choices = choices;
        this.doc = doc;
        this.sameAs = sameAs;
        this.shownAtDefault = shownAtDefault;
    }

    /** A number with a default and a valid range. */
    public static HyperParameter<Double> number(String name, double defaultValue, Range range, String doc) {
        return new HyperParameter<>(name, Kind.NUMBER, defaultValue, range, null, doc, null, true);
    }

    /** A pair of numbers such as {@code betas}, each in {@code range} (named {@code name[0]}, {@code name[1]}). */
    public static HyperParameter<double[]> pair(String name, double first, double second, Range range, String doc) {
        return new HyperParameter<>(name, Kind.PAIR, new double[] {first, second}, range, null, doc, null, true);
    }

    /** A switch, {@code true} or {@code false}. */
    public static HyperParameter<Boolean> flag(String name, boolean defaultValue, String doc) {
        return new HyperParameter<>(name, Kind.FLAG, defaultValue, null, null, doc, null, true);
    }

    /** One of an enum's constants, written in lower case ({@code bias_correction=min_t_n}). */
    public static <E extends Enum<E>> HyperParameter<E> choice(String name, Class<E> type, E defaultValue, String doc) {
        return new HyperParameter<>(name, Kind.CHOICE, defaultValue, null, type, doc, null, true);
    }

    /** The learning rate, {@code >= 0}, with this optimizer's default. */
    public static HyperParameter<Double> lr(double defaultValue) {
        return number("lr", defaultValue, Range.NON_NEGATIVE, "learning rate (a schedule may change it)");
    }

    /** The same declaration, whose value is {@code other}'s unless given (AdaBelief's eps_root is eps). */
    public HyperParameter<T> defaultingTo(HyperParameter<T> other) {
        return new HyperParameter<>(name, kind, null, range, choices, doc, other, shownAtDefault);
    }

    /** The same declaration with another default (a registry entry that presets it, such as AMSGrad's amsgrad). */
    public HyperParameter<T> withDefault(T value) {
        return new HyperParameter<>(name, kind, value, range, choices, doc, null, shownAtDefault);
    }

    /**
     * The same declaration, left out of {@link DescentOptimizer#hyperParameters()} while at its default
     * (options added for optax that must not change torch's saved states).
     */
    public HyperParameter<T> shownOnlyIfSet() {
        return new HyperParameter<>(name, kind, defaultValue, range, choices, doc, sameAs, false);
    }

    /** torch's name, e.g. {@code weight_decay}. */
    public String name() {
        return name;
    }

    /** The default, or {@code null} when it is another parameter's value. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The parameter whose value is the default, or {@code null}. */
    HyperParameter<T> sameAs() {
        return sameAs;
    }

    boolean shownAtDefault() {
        return shownAtDefault;
    }

    /** The one line of documentation. */
    public String doc() {
        return doc;
    }

    /** The valid values in words, e.g. {@code a number in [0, 1)}, {@code true|false}. */
    public String validValues() {
        return switch (kind) {
            case NUMBER -> range.toString();
            case PAIR -> "two numbers a,b, each " + range;
            case FLAG -> "true|false";
            case CHOICE -> String.join("|", java.util.Arrays.stream(choices.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        };
    }

    /** The default as written on the command line ({@code 0.9,0.999}, {@code min_t_n}, {@code = eps}). */
    public String defaultText() {
        if (sameAs != null) {
            return "= " + sameAs.name;
        }
        return switch (kind) {
            case PAIR -> ((double[]) defaultValue)[0] + "," + ((double[]) defaultValue)[1];
            default -> String.valueOf(show(defaultValue));
        };
    }

    /** Reads this parameter from {@code o} if given there, else keeps {@code current}. */
    @SuppressWarnings("unchecked")
    T read(Options o, T current) {
        if (!o.has(name)) {
            o.markUsed(name);
            return current;
        }
        Object v = switch (kind) {
            case NUMBER -> o.getDouble(name, 0);
            case PAIR -> o.getPair(name, 0, 0);
            case FLAG -> o.getBoolean(name, false);
            case CHOICE -> readChoice(o);
        };
        return (T) v;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object readChoice(Options o) {
        return o.getEnum(name, (Class) choices, null);
    }

    /** {@code value} if valid; otherwise an error naming the parameter and its valid range. */
    T check(T value) {
        Check.notNull(name, value);
        switch (kind) {
            case NUMBER -> range.check(name, (Double) value);
            case PAIR -> {
                double[] pair = (double[]) value;
                for (int i = 0; i < pair.length; i++) {
                    range.check(name + "[" + i + "]", pair[i]);
                }
            }
            default -> { }
        }
        return value;
    }

    /** The value as {@link DescentOptimizer#hyperParameters()} shows it (torch's spelling). */
    Object show(T value) {
        return switch (kind) {
            case PAIR -> "(" + ((double[]) value)[0] + ", " + ((double[]) value)[1] + ")";
            case CHOICE -> ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
            default -> value;
        };
    }

    /** Whether {@code value} is the default (for {@link #shownOnlyIfSet()}). */
    boolean isDefault(T value) {
        return kind == Kind.PAIR
                ? java.util.Arrays.equals((double[]) value, (double[]) defaultValue)
                : value.equals(defaultValue);
    }

    @Override
    public String toString() {
        return name;
    }
}
