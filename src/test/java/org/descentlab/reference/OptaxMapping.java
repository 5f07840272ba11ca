package org.descentlab.reference;

import org.descentlab.optim.AdaBelief;
import org.descentlab.optim.Adagrad;
import org.descentlab.optim.Adam;
import org.descentlab.optim.AdamW;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.Lars;
import org.descentlab.optim.Options;
import org.descentlab.optim.RmsProp;
import org.descentlab.optim.Sgd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds the descent optimizer that implements an optax case: optax's function name and keyword
 * arguments (with optax's defaults, which often differ from torch's) are translated into descent's
 * torch-style options. A keyword this mapping does not know, or a value that selects a convention
 * descent does not implement, is an error naming the case, never silently ignored.
 *
 * <ul>
 *   <li>{@code sgd}: optax's {@code trace} is torch's momentum buffer with dampening 0 (it starts at 0,
 *       so the first buffer is the gradient, as torch's); {@code nesterov} adds {@code momentum * b}
 *       to the gradient, as torch.
 *   <li>{@code adam}, {@code adamw}, {@code amsgrad}: b1, b2 are {@code betas}; {@code eps_root} is
 *       descent's {@code eps_root}; optax's AMSGrad keeps the maximum of the bias-corrected second
 *       moment ({@code amsgrad_max=corrected}); optax's adamw defaults to weight_decay 1e-4 and
 *       applies {@code -lr * wd * w}, which is AdamW's decoupled decay.
 *   <li>{@code adagrad}: eps inside the square root, accumulator starting at 0.1, eps 1e-7.
 *   <li>{@code rmsprop}: {@code decay} is {@code alpha} (default 0.9), eps inside the root by default
 *       ({@code eps_in_sqrt=True}), {@code initial_scale} is {@code initial_accumulator_value}; its
 *       momentum buffer holds {@code lr * g / d} (equal iterates at a constant lr).
 *   <li>{@code lars}: the convention descent's {@link Lars} follows.
 * </ul>
 */
final class OptaxMapping {

    /** optax optimizers descent does not map (yet), each with the reason. */
    static final Map<String, String> UNSUPPORTED = Map.of(
            "lamb", "LAMB is in none of the lectures; descent has no LAMB optimizer");

    private static final Map<String, Function<Kwargs, DescentOptimizer>> BY_NAME = Map.of(
            "sgd", OptaxMapping::sgd,
            "adam", k -> adam(k, false),
            "adamw", OptaxMapping::adamw,
            "amsgrad", k -> adam(k, true),
            "adagrad", OptaxMapping::adagrad,
            "rmsprop", OptaxMapping::rmsprop,
            "lars", OptaxMapping::lars,
            "adabelief", OptaxMapping::adabelief);

    private OptaxMapping() {}

    static boolean supports(String optaxName) {
        return BY_NAME.containsKey(optaxName);
    }

    static DescentOptimizer optimizerFor(OptimizerFixtures.Case c) {
        Kwargs k = new Kwargs(c.id(), c.params());
        DescentOptimizer optimizer = BY_NAME.get(c.optimizer()).apply(k);
        k.finish();
        return optimizer;
    }

    private static DescentOptimizer sgd(Kwargs k) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lr", k.take("learning_rate"));
        Object momentum = k.take("momentum", null);
        if (momentum != null) {
            o.put("momentum", momentum);
        }
        o.put("nesterov", k.take("nesterov", false));
        k.require("accumulator_dtype", null, "descent keeps the buffer in the parameter's type");
        return Sgd.fromOptions(Options.of(o));
    }

    private static Map<String, Object> adamOptions(Kwargs k) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lr", k.take("learning_rate"));
        o.put("betas", List.of(k.take("b1", 0.9), k.take("b2", 0.999)));
        o.put("eps", k.take("eps", 1e-8));
        o.put("eps_root", k.take("eps_root", 0.0));
        k.require("mu_dtype", null, "descent keeps the moments in the parameter's type");
        return o;
    }

    private static DescentOptimizer adam(Kwargs k, boolean amsgrad) {
        Map<String, Object> o = adamOptions(k);
        if (amsgrad) {
            o.put("amsgrad", true);
            o.put("amsgrad_max", "corrected");
            k.require("bias_correction_mu", true, "descent corrects both moments or neither");
            k.require("bias_correction_nu", true, "descent corrects both moments or neither");
        } else {
            k.require("nesterov", false, "NAdam is not part of descent");
        }
        return Adam.fromOptions(Options.of(o));
    }

    private static DescentOptimizer adamw(Kwargs k) {
        Map<String, Object> o = adamOptions(k);
        o.put("weight_decay", k.take("weight_decay", 1e-4));
        k.require("mask", null, "descent decays every parameter");
        k.require("nesterov", false, "NAdamW is not part of descent");
        return AdamW.fromOptions(Options.of(o));
    }

    /** optax's eps (denominator) and eps_root (inside s) are separate, both 1e-16 by default. */
    private static DescentOptimizer adabelief(Kwargs k) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lr", k.take("learning_rate"));
        o.put("betas", List.of(k.take("b1", 0.9), k.take("b2", 0.999)));
        o.put("eps", k.take("eps", 1e-16));
        o.put("eps_root", k.take("eps_root", 1e-16));
        k.require("nesterov", false, "descent's AdaBelief has no Nesterov variant");
        return AdaBelief.fromOptions(Options.of(o));
    }

    private static DescentOptimizer adagrad(Kwargs k) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lr", k.take("learning_rate"));
        o.put("initial_accumulator_value", k.take("initial_accumulator_value", 0.1));
        o.put("eps", k.take("eps", 1e-7));
        o.put("eps_inside_sqrt", true);
        return Adagrad.fromOptions(Options.of(o));
    }

    private static DescentOptimizer rmsprop(Kwargs k) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lr", k.take("learning_rate"));
        o.put("alpha", k.take("decay", 0.9));
        o.put("eps", k.take("eps", 1e-8));
        o.put("initial_accumulator_value", k.take("initial_scale", 0.0));
        o.put("eps_inside_sqrt", k.take("eps_in_sqrt", true));
        o.put("centered", k.take("centered", false));
        Object momentum = k.take("momentum", null);
        if (momentum != null) {
            o.put("momentum", momentum);
        }
        k.require("nesterov", false, "descent's RMSprop has torch's heavy-ball momentum only");
        k.require("bias_correction", false, "descent's RMSprop has no bias correction (torch has none)");
        return RmsProp.fromOptions(Options.of(o));
    }

    private static DescentOptimizer lars(Kwargs k) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lr", k.take("learning_rate"));
        o.put("weight_decay", k.take("weight_decay", 0.0));
        o.put("trust_coefficient", k.take("trust_coefficient", 0.001));
        o.put("eps", k.take("eps", 0.0));
        o.put("momentum", k.take("momentum", 0.9));
        o.put("nesterov", k.take("nesterov", false));
        k.require("weight_decay_mask", true, "descent decays every parameter");
        k.require("trust_ratio_mask", true, "descent scales every parameter");
        return Lars.fromOptions(Options.of(o));
    }

    /** optax keyword arguments of one case; every one must be consumed. */
    private static final class Kwargs {
        private final String caseId;
        private final Map<String, Object> remaining;

        Kwargs(String caseId, Map<String, Object> values) {
            this.caseId = caseId;
            this.remaining = new LinkedHashMap<>(values);
        }

        Object take(String name) {
            if (!remaining.containsKey(name)) {
                throw new IllegalStateException(caseId + ": optax needs " + name);
            }
            return remaining.remove(name);
        }

        Object take(String name, Object optaxDefault) {
            return remaining.containsKey(name) ? remaining.remove(name) : optaxDefault;
        }

        /** A keyword that descent supports only at {@code supported} (optax's default). */
        void require(String name, Object supported, String reason) {
            Object v = take(name, supported);
            if (!Objects.equals(v, supported)) {
                throw new IllegalStateException(
                        caseId + ": optax " + name + "=" + v + " is not supported: " + reason);
            }
        }

        void finish() {
            if (!remaining.isEmpty()) {
                List<String> names = new ArrayList<>(remaining.keySet());
                throw new IllegalStateException(caseId + ": optax keyword(s) " + names + " are not mapped");
            }
        }
    }
}
