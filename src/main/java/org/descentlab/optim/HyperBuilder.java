package org.descentlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What every optimizer's typed builder shares: the values start at the declared defaults, the typed
 * setters ({@code momentum(0.9)}) and {@link #options(Options)} set them, {@link #build()} validates
 * them against the declaration and hands them to the optimizer's constructor.
 *
 * @param <B> the concrete builder
 * @param <O> the optimizer built
 */
public abstract class HyperBuilder<B extends HyperBuilder<B, O>, O extends DescentOptimizer> {

    private final HyperParameters declaration;
    private final Function<HyperValues, O> constructor;
    private final Map<HyperParameter<?>, Object> values = new LinkedHashMap<>();

    HyperBuilder(HyperParameters declaration, Function<HyperValues, O> constructor) {
        this.declaration = declaration;
        this.constructor = constructor;
        for (HyperParameter<?> p : declaration.all()) {
            values.put(p, p.defaultValue());
        }
    }

    /** Sets {@code p} (checked by {@link #build()}). */
    @SuppressWarnings("unchecked")
    final <T> B set(HyperParameter<T> p, T value) {
        if (!values.containsKey(p)) {
            throw new IllegalArgumentException(declaration.owner() + " has no hyper-parameter " + p.name());
        }
        values.put(p, value);
        return (B) this;
    }

    /**
     * Sets the hyper-parameter called {@code name} of {@code builder} (a {@link HyperBuilder}): the one
     * path of the {@link SharedSetters}, whose typed methods guarantee the value's type.
     */
    @SuppressWarnings("unchecked")
    static <B> B setNamed(Object builder, String name, Object value) {
        HyperBuilder<?, ?> b = (HyperBuilder<?, ?>) builder;
        HyperParameter<Object> p = (HyperParameter<Object>) b.declaration.named(name);
        return (B) b.set(p, value);
    }

    /** The learning rate, a finite number {@code >= 0}. */
    public B lr(double lr) {
        return set(declaration.lr(), lr);
    }

    /** The weight decay, a finite number {@code >= 0} (coupled or decoupled, as the optimizer declares it). */
    public B weightDecay(double weightDecay) {
        return set(declaration.weightDecay(), weightDecay);
    }

    /**
     * Sets every declared hyper-parameter given in {@code o} by torch's name; the others keep their
     * current value. Names not declared are left for {@link Options#finish(String)} to reject.
     */
    public B options(Options o) {
        for (HyperParameter<?> p : declaration.all()) {
            read(o, p);
        }
        @SuppressWarnings("unchecked")
        B self = (B) this;
        return self;
    }

    @SuppressWarnings("unchecked")
    private <T> void read(Options o, HyperParameter<T> p) {
        values.put(p, p.read(o, (T) values.get(p)));
    }

    /** Reads {@code o}, builds, then rejects names in {@code o} that the optimizer does not declare. */
    O buildFrom(Options o) {
        return buildFrom(o, declaration.owner());
    }

    /** As {@link #buildFrom(Options)}, naming {@code owner} in the error for an unknown option. */
    O buildFrom(Options o, String owner) {
        O built = options(o).build();
        o.finish(owner);
        return built;
    }

    /** Validates every value against its declaration and builds the optimizer. */
    public O build() {
        Map<HyperParameter<?>, Object> checked = new LinkedHashMap<>();
        for (HyperParameter<?> p : declaration.all()) {
            checked.put(p, check(p));
        }
        return constructor.apply(new HyperValues(declaration, checked));
    }

    @SuppressWarnings("unchecked")
    private <T> T check(HyperParameter<T> p) {
        T value = (T) values.get(p);
        if (value == null && p.sameAs() != null) {
            value = (T) values.get(p.sameAs());
        }
        return p.check(value);
    }
}
