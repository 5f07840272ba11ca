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
