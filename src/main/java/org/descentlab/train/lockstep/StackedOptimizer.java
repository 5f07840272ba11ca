package org.descentlab.train.lockstep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

import org.descentlab.optim.DescentOptimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The update rules of {@link org.descentlab.optim.Sgd}, {@link org.descentlab.optim.Adam},
 * {@link org.descentlab.optim.AdamW} and {@link org.descentlab.optim.AdaBelief} on stacked parameters
 * {@code [K, ...]}: the same operations in the same order as the library's optimizers (see their class
 * documentation for the formulas), with the learning rate, and everything derived from it, a
 * per-model vector broadcast over each model's slice. The step count t is shared, since the models of
 * a group step together. The hyper-parameters are read from the library optimizer built for model 0
 * ({@link DescentOptimizer#hyperParameters()}), so defaults are stated once, there.
 *
 * <p>Not supported (the group trains separately instead; {@link #unsupported} says why): AMSGrad,
 * Adam's {@code bias_correction} other than exponential and {@code eps_root}, AdaBelief's AMSGrad,
 * every other optimizer (SWATS switches each tensor to SGD at its own step, which a stacked tensor
 * shared by K models cannot do; the others are not in the lecture table).
 */
final class StackedOptimizer {

    private enum Kind { SGD, ADAM, ADAMW, ADABELIEF }

    private final Kind kind;
    private final Map<String, Object> hyper;
    private final List<String> slotNames;
    /** Per trainable parameter, its slots by name (zeros until the first step; momentum: see {@link #first}). */
    private final List<Map<String, NDArray>> slots = new ArrayList<>();
    private boolean first = true;
    private long t;

    private StackedOptimizer(Kind kind, Map<String, Object> hyper) {
        this.kind = kind;
        this.hyper = hyper;
        this.slotNames = switch (kind) {
            case SGD -> num("momentum") != 0 ? List.of("momentum_buffer") : List.of();
            case ADAM, ADAMW -> List.of("exp_avg", "exp_avg_sq");
            case ADABELIEF -> List.of("exp_avg", "exp_avg_var");
        };
    }

    /** Why {@code optimizer}'s rule cannot run stacked, or empty if it can. */
    static Optional<String> unsupported(DescentOptimizer optimizer) {
        Map<String, Object> h = optimizer.hyperParameters();
        String name = optimizer.name();
        switch (name) {
            case "SGD":
                return Optional.empty();
            case "Adam", "AdamW":
                if (Boolean.parseBoolean(String.valueOf(h.get("amsgrad")))) {
                    return Optional.of(name + " with amsgrad");
                }
                if (!"exponential".equals(String.valueOf(h.get("bias_correction"))) || h.containsKey("eps_root")
                        || h.containsKey("amsgrad_max")) {
                    return Optional.of(name + " with bias_correction, eps_root or amsgrad_max other than torch's");
                }
                return Optional.empty();
            case "AdaBelief":
                return Boolean.parseBoolean(String.valueOf(h.get("amsgrad")))
                        ? Optional.of("AdaBelief with amsgrad") : Optional.empty();
            default:
                return Optional.of(name + " (lockstep runs SGD, Adam, AdamW and AdaBelief)");
        }
    }

    /** The stacked rule of {@code optimizer}'s type and hyper-parameters, for {@code params}. */
    static StackedOptimizer of(DescentOptimizer optimizer, List<NDArray> params) {
        unsupported(optimizer).ifPresent(why -> {
            throw new IllegalArgumentException("optimizer = " + why + " is not supported by lockstep training");
        });
        Kind kind = switch (optimizer.name()) {
            case "SGD" -> Kind.SGD;
            case "Adam" -> Kind.ADAM;
            case "AdamW" -> Kind.ADAMW;
            default -> Kind.ADABELIEF;
        };
        StackedOptimizer o = new StackedOptimizer(kind, new LinkedHashMap<>(optimizer.hyperParameters()));
        for (NDArray p : params) {
            Map<String, NDArray> s = new LinkedHashMap<>();
            for (String n : o.slotNames) {
                s.put(n, p.zerosLike());
            }
            o.slots.add(s);
        }
        return o;
    }

    /** The slot names of this rule (as the library optimizer names them in its state). */
    List<String> slotNames() {
        return slotNames;
    }

    /** The stacked slot {@code name} of trainable parameter {@code i}. */
    NDArray slot(int i, String name) {
        return slots.get(i).get(name);
    }

    /** Steps taken (each model's update count). */
    long steps() {
        return t;
    }

    /** Continues after {@code steps} updates (slots already filled by the caller). */
    void resumeAt(long steps) {
        t = steps;
        first = steps == 0;
    }

    private double num(String key) {
        return Double.parseDouble(String.valueOf(hyper.get(key)));
    }

    private double[] betas() {
        String s = String.valueOf(hyper.get("betas")).replace("(", "").replace(")", "");
        String[] f = s.split(",");
        return new double[] {Double.parseDouble(f[0].trim()), Double.parseDouble(f[1].trim())};
    }

    /**
     * One update of every model: {@code w -= ...} in place for each parameter, with model m's rate
     * {@code lr[m]}; gradients are read, not changed.
     */
    void step(List<NDArray> params, List<NDArray> grads, double[] lr, NDManager manager) {
        t++;
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i);
                apply(slots.get(i), w, grads.get(i), lr, manager);
            }
        }
        first = false;
    }

    /** {@code values[m]} as a float32 array [K, 1, ...] that broadcasts over {@code like}'s per-model slice. */
    private static NDArray perModel(double[] values, NDArray like, NDManager manager) {
        float[] f = new float[values.length];
        for (int m = 0; m < f.length; m++) {
            f[m] = (float) values[m];
        }
        long[] s = new long[like.getShape().dimension()];
        java.util.Arrays.fill(s, 1);
        s[0] = values.length;
        return manager.create(f, new Shape(s));
    }

    private static double[] map(double[] lr, java.util.function.DoubleUnaryOperator f) {
        double[] out = new double[lr.length];
        for (int m = 0; m < lr.length; m++) {
            out[m] = f.applyAsDouble(lr[m]);
        }
        return out;
    }

    private void apply(Map<String, NDArray> s, NDArray w, NDArray grad, double[] lr, NDManager manager) {
        switch (kind) {
            case SGD -> sgd(s, w, grad, lr, manager);
            case ADAM -> {
                double wd = num("weight_decay");
                adam(s, w, wd != 0 ? grad.add(w.mul(wd)) : grad, lr, manager);
            }
            case ADAMW -> {
                double wd = num("weight_decay");
                if (wd != 0) {
                    w.muli(perModel(map(lr, l -> 1 - l * wd), w, manager));
                }
                adam(s, w, grad, lr, manager);
            }
            case ADABELIEF -> adaBelief(s, w, grad, lr, manager);
        }
    }

    private void sgd(Map<String, NDArray> s, NDArray w, NDArray grad, double[] lr, NDManager manager) {
        double momentum = num("momentum");
        double dampening = num("dampening");
        double wd = num("weight_decay");
        boolean nesterov = Boolean.parseBoolean(String.valueOf(hyper.get("nesterov")));
        NDArray g = wd != 0 ? grad.add(w.mul(wd)) : grad;
        NDArray d = g;
        if (momentum != 0) {
            NDArray b = s.get("momentum_buffer");
            if (first) {
                b.addi(g);
            } else {
                b.muli(momentum).addi(dampening != 0 ? g.mul(1 - dampening) : g);
            }
            d = nesterov ? g.add(b.mul(momentum)) : b;
        }
        w.subi(d.mul(perModel(lr, w, manager)));
    }

    private void adam(Map<String, NDArray> s, NDArray w, NDArray g, double[] lr, NDManager manager) {
        double[] beta = betas();
        double eps = num("eps");
        NDArray m = s.get("exp_avg");
        NDArray v = s.get("exp_avg_sq");
        // as AdamBase writes it: m = (m - g) (1 - rate1) + g, v = (1 - rate2) v + rate2 g^2
        double rate1 = 1 - beta[0];
        double rate2 = 1 - beta[1];
        m.subi(g).muli(1 - rate1).addi(g);
        v.muli(1 - rate2).addi(g.mul(g).muli(rate2));
        double correction1 = 1 - Math.pow(beta[0], t);
        double correction2 = 1 - Math.pow(beta[1], t);
        double sqrtCorrection2 = Math.sqrt(correction2);
        NDArray denom = v.sqrt().addi(eps * sqrtCorrection2);
        w.subi(m.div(denom).muli(perModel(map(lr, l -> l * sqrtCorrection2 / correction1), w, manager)));
    }

    private void adaBelief(Map<String, NDArray> s, NDArray w, NDArray grad, double[] lr, NDManager manager) {
        double[] beta = betas();
        double eps = num("eps");
        double epsRoot = num("eps_root");
        double wd = num("weight_decay");
        NDArray g = grad;
        if (wd != 0) {
            if (Boolean.parseBoolean(String.valueOf(hyper.get("decoupled_weight_decay")))) {
                w.muli(perModel(map(lr, l -> 1 - l * wd), w, manager));
            } else {
                g = grad.add(w.mul(wd));
            }
        }
        NDArray m = s.get("exp_avg");
        NDArray v = s.get("exp_avg_var");
        m.muli(beta[0]).addi(g.mul(1 - beta[0]));
        NDArray belief = g.sub(m);
        v.muli(beta[1]).addi(belief.muli(belief).muli(1 - beta[1]));
        if (epsRoot != 0) {
            v.addi(epsRoot);
        }
        double correction1 = 1 - Math.pow(beta[0], t);
        double correction2 = 1 - Math.pow(beta[1], t);
        NDArray denom = v.sqrt().divi(Math.sqrt(correction2)).addi(eps);
        w.subi(m.div(denom).muli(perModel(map(lr, l -> l / correction1), w, manager)));
    }

    void close() {
        for (Map<String, NDArray> s : slots) {
            s.values().forEach(NDArray::close);
        }
    }
}
