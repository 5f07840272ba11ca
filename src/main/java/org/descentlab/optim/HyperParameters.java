package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.NON_NEGATIVE;
import static org.descentlab.optim.HyperParameter.Range.UNIT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The declaration of one optimizer's hyper-parameters, {@code lr} first, in the order torch lists them.
 * Each optimizer states its own as one constant ({@code Sgd.HYPER}, ...); declarations that several
 * optimizers share with the same meaning and default are here.
 */
public final class HyperParameters {

    /** Coupled L2 weight decay: {@code g = grad + weight_decay * w} (torch's {@code weight_decay}). */
    public static final HyperParameter<Double> WEIGHT_DECAY = HyperParameter.number(
            "weight_decay", 0, NON_NEGATIVE, "coupled L2 decay: g = grad + weight_decay * w");
    /** Adam's EMA coefficients of the first and second moments. */
    public static final HyperParameter<double[]> BETAS = HyperParameter.pair(
            "betas", 0.9, 0.999, UNIT, "EMA coefficients (beta1, beta2) of m and v");
    /** Nesterov momentum (needs momentum > 0). */
    public static final HyperParameter<Boolean> NESTEROV = HyperParameter.flag(
            "nesterov", false, "Nesterov momentum (needs momentum > 0)");
    /** AMSGrad's running maximum of the second moment (Reddi et al. 2018). */
    public static final HyperParameter<Boolean> AMSGRAD = HyperParameter.flag(
            "amsgrad", false, "keep the running maximum of the second moment (Reddi et al. 2018)");

    /** Rejects {@code nesterov = true} without momentum (its look-ahead is a momentum step). */
    static void checkNesterov(boolean nesterov, double momentum) {
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException(
                    "nesterov = true is invalid with momentum = " + momentum
                            + ": Nesterov momentum needs momentum in (0, 1)");
        }
    }

    private final String owner;
    private final List<HyperParameter<?>> all;

    private HyperParameters(String owner, List<HyperParameter<?>> all) {
        this.owner = owner;
        this.all = Collections.unmodifiableList(all);
    }

    /**
     * @param owner the optimizer's name, as in error messages ({@code SGD})
     * @param lr the learning rate's declaration (its default differs between optimizers)
     * @param others the other hyper-parameters, in torch's order
     */
    public static HyperParameters of(String owner, HyperParameter<Double> lr, HyperParameter<?>... others) {
        List<HyperParameter<?>> all = new ArrayList<>();
        all.add(lr);
        for (HyperParameter<?> p : others) {
            if (all.stream().anyMatch(q -> q.name().equals(p.name()))) {
                throw new IllegalStateException(owner + " declares hyper-parameter " + p.name() + " twice");
            }
            all.add(p);
        }
        return new HyperParameters(owner, all);
    }

    /**
     * These declarations as a registry entry that presets {@code p} shows them: {@code p} with default
     * {@code value}, under {@code owner} (for listings and help; the optimizer itself keeps its own).
     */
    public <T> HyperParameters presetting(String owner, HyperParameter<T> p, T value) {
        named(p.name()); // a preset must name one of these declarations
        List<HyperParameter<?>> copy = new ArrayList<>();
        for (HyperParameter<?> q : all) {
            copy.add(q.name().equals(p.name()) ? p.withDefault(value) : q);
        }
        return new HyperParameters(owner, copy);
    }

    /** The optimizer's name. */
    public String owner() {
        return owner;
    }

    /** Every declaration, {@code lr} first. */
    public List<HyperParameter<?>> all() {
        return all;
    }

    /** The learning rate's declaration. */
    @SuppressWarnings("unchecked")
    public HyperParameter<Double> lr() {
        return (HyperParameter<Double>) all.get(0);
    }

    /** The declaration called {@code name}. */
    public HyperParameter<?> named(String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(owner + " has no hyper-parameter " + name));
    }

    /** The declaration of {@code weight_decay}, which every optimizer has (coupled or decoupled). */
    @SuppressWarnings("unchecked")
    public HyperParameter<Double> weightDecay() {
        return (HyperParameter<Double>) named(WEIGHT_DECAY.name());
    }

    /** The defaults as command-line options, e.g. {@code lr=0.001 momentum=0.0}. */
    public String defaults() {
        List<String> parts = new ArrayList<>();
        for (HyperParameter<?> p : all) {
            parts.add(p.name() + (p.sameAs() != null ? "=" + p.sameAs().name() : "=" + p.defaultText()));
        }
        return String.join(" ", parts);
    }

    /** One line per hyper-parameter: name, default, valid values and documentation. */
    public List<String> table() {
        int width = all.stream().mapToInt(p -> p.name().length()).max().orElse(0);
        int defaults = all.stream().mapToInt(p -> p.defaultText().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (HyperParameter<?> p : all) {
            lines.add(String.format(java.util.Locale.ROOT, "%-" + width + "s  default %-" + defaults + "s  %s; %s",
                    p.name(), p.defaultText(), p.validValues(), p.doc()));
        }
        return lines;
    }

    @Override
    public String toString() {
        return owner + all;
    }
}
