package org.descentlab.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The validated hyper-parameter values an optimizer was built with, by declaration. */
public final class HyperValues {

    private final HyperParameters declaration;
    private final Map<HyperParameter<?>, Object> values;

    HyperValues(HyperParameters declaration, Map<HyperParameter<?>, Object> values) {
        this.declaration = declaration;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The declaration these values follow. */
    public HyperParameters declaration() {
        return declaration;
    }

    /** The value of {@code p}. */
    @SuppressWarnings("unchecked")
    public <T> T get(HyperParameter<T> p) {
        if (!values.containsKey(p)) {
            throw new IllegalArgumentException(declaration.owner() + " has no hyper-parameter " + p.name());
        }
        return (T) values.get(p);
    }

    /**
     * The value of the hyper-parameter declared with torch's name {@code name}, as a {@code type}: for
     * code outside this package that knows the name but cannot see the declaration (lockstep training).
     *
     * @throws IllegalArgumentException if nothing is declared so, or its value is not a {@code type}
     */
    public <T> T get(String name, Class<T> type) {
        for (HyperParameter<?> p : declaration.all()) {
            if (p.name().equals(name)) {
                Object v = values.get(p);
                if (!type.isInstance(v)) {
                    throw new IllegalArgumentException(declaration.owner() + "'s " + name + " is a "
                            + v.getClass().getSimpleName() + ", not a " + type.getSimpleName());
                }
                return type.cast(v);
            }
        }
        throw new IllegalArgumentException(declaration.owner() + " has no hyper-parameter " + name);
    }

    /** Every value but {@code lr}, in torch's spelling, as {@link DescentOptimizer#hyperParameters()} shows them. */
    Map<String, Object> shown() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (HyperParameter<?> p : declaration.all()) {
            if (p != declaration.lr()) {
                put(out, p);
            }
        }
        return out;
    }

    private <T> void put(Map<String, Object> out, HyperParameter<T> p) {
        T value = get(p);
        if (p.shownAtDefault() || !p.isDefault(value)) {
            out.put(p.name(), p.show(value));
        }
    }
}
