package org.descentlab.train.lockstep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

import org.descentlab.optim.AdamBase;
import org.descentlab.optim.BiasCorrection;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.HyperParameters;
import org.descentlab.optim.HyperValues;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The update rules of {@link org.descentlab.optim.Sgd}, {@link org.descentlab.optim.Adam},
 * {@link org.descentlab.optim.AdamW} and {@link org.descentlab.optim.AdaBelief} on stacked parameters
 * {@code [K, ...]}, with the learning rate, and everything derived from it, a per-model vector
 * broadcast over each model's slice. The step count t is shared, since the models of a group step
 * together. The hyper-parameters are read, typed, from the values the library optimizer built for model
 * 0 holds ({@link DescentOptimizer#hyperValues()}), so defaults and ranges are stated once, in its
 * declaration ({@code HYPER}).
 *
 * <p>Each rule is the library's, operation for operation and in the same order, so that a model's
 * per-step parameters equal those of its separate run (LockstepAgreementTest measures the largest
 * difference; 0 is bit-identical). Read them side by side:
 *
 * <ul>
 *   <li>{@code sgd}: {@code Sgd.apply};
 *   <li>{@code adam}: {@code Adam.apply} (coupled decay into g) or {@code AdamW.apply} (decay onto w),
 *       then {@code AdamBase.adamStep} with {@code BiasCorrection.EXPONENTIAL} and no AMSGrad: the
 *       moments are {@code AdamFamily.firstMoment} and {@code secondMoment}, the step
 *       {@code AdamFamily.adaptiveStep} with {@code eps_root = 0}, i.e. its folded form
 *       {@code foldedAdaptiveStep};
 *   <li>{@code adaBelief}: {@code AdaBelief.apply}: m is {@code DescentOptimizer.ema}, s
 *       {@code AdamFamily.secondMoment}, the step the same folded {@code adaptiveStep}.
 * </ul>
 *
 * Why restated, not called: the library's steps take one scalar rate and turn {@code lr * sqrt(c2) / c1}
 * and {@code 1 - lr * weight_decay} into a 0-dim constant; here each is a [K, 1, ...] array of K rates.
 * The moment updates do not involve the rate, but they are protected methods of the library's
 * optimizers, bound to the optimizer's own constant cache, and not part of its public API. The bias
 * corrections are called: {@link BiasCorrection#divisor}. On contiguous float32 CPU tensors the same
 * operations run as fused Java loops ({@link #applyFused}, a speed-up only: the engine rules below are the
 * reference and the result is the same bit for bit).
 *
 * <p>Not supported (the group trains separately instead; {@link #unsupported} says why): AMSGrad,
 * Adam's {@code bias_correction} other than exponential and {@code eps_root}, AdaBelief's AMSGrad,
 * every other optimizer (SWATS switches each tensor to SGD at its own step, which a stacked tensor
 * shared by K models cannot do; the others are not in the lecture table).
 */
final class StackedOptimizer {

    private enum Kind { SGD, ADAM, ADAMW, ADABELIEF }

    private final Kind kind;
    private final List<String> slotNames;
    /** Per trainable parameter, its slots by name (zeros until the first step; momentum: see {@link #first}). */
    private final List<Map<String, NDArray>> slots = new ArrayList<>();
    private final double weightDecay;
    /** SGD's. */
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    /** The Adam family's. */
    private final double beta1;
    private final double beta2;
    private final double eps;
    /** AdaBelief's. */
    private final double epsRoot;
    private final boolean decoupledWeightDecay;
    private boolean first = true;
    private long t;
    /** Whether {@link #applyFused} may take over from the engine rule (a switch for its test and benchmark). */
    private boolean fused = true;

    private StackedOptimizer(Kind kind, HyperValues h) {
        this.kind = kind;
        boolean sgd = kind == Kind.SGD;
        boolean adaBelief = kind == Kind.ADABELIEF;
        this.weightDecay = h.get("weight_decay", Double.class);
        this.momentum = sgd ? h.get("momentum", Double.class) : 0;
        this.dampening = sgd ? h.get("dampening", Double.class) : 0;
        this.nesterov = sgd && h.get(HyperParameters.NESTEROV);
        this.beta1 = sgd ? 0 : h.get(HyperParameters.BETAS)[0];
        this.beta2 = sgd ? 0 : h.get(HyperParameters.BETAS)[1];
        this.eps = sgd ? 0 : h.get("eps", Double.class);
        this.epsRoot = adaBelief ? h.get("eps_root", Double.class) : 0;
        this.decoupledWeightDecay = adaBelief && h.get("decoupled_weight_decay", Boolean.class);
        this.slotNames = switch (kind) {
            case SGD -> momentum != 0 ? List.of("momentum_buffer") : List.of();
            case ADAM, ADAMW -> List.of("exp_avg", "exp_avg_sq");
            case ADABELIEF -> List.of("exp_avg", "exp_avg_var");
        };
    }

    /** Why {@code optimizer}'s rule cannot run stacked, or empty if it can. */
    static Optional<String> unsupported(DescentOptimizer optimizer) {
        String name = optimizer.name();
        switch (name) {
            case "SGD":
                return Optional.empty();
            case "Adam", "AdamW": {
                HyperValues h = values(optimizer);
                if (h.get(HyperParameters.AMSGRAD)) {
                    return Optional.of(name + " with amsgrad");
                }
                if (h.get("bias_correction", BiasCorrection.class) != BiasCorrection.EXPONENTIAL
                        || h.get("eps_root", Double.class) != 0
                        || h.get("amsgrad_max", AdamBase.AmsgradMax.class) != AdamBase.AmsgradMax.RAW) {
                    return Optional.of(name + " with bias_correction, eps_root or amsgrad_max other than torch's");
                }
                return Optional.empty();
            }
            case "AdaBelief":
                return values(optimizer).get(HyperParameters.AMSGRAD)
                        ? Optional.of("AdaBelief with amsgrad") : Optional.empty();
            default:
                return Optional.of(name + " (lockstep runs SGD, Adam, AdamW and AdaBelief)");
        }
    }

    private static HyperValues values(DescentOptimizer optimizer) {
        return optimizer.hyperValues().orElseThrow(() -> new IllegalArgumentException(
                "optimizer = " + optimizer.name() + " is invalid here: it must be built from its HYPER declaration"));
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
        StackedOptimizer o = new StackedOptimizer(kind, values(optimizer));
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

    /** Lets {@link #applyFused} take over where it applies ({@code true}, the default) or not. */
    void fused(boolean on) {
        fused = on;
    }

    /** Continues after {@code steps} updates (slots already filled by the caller). */
    void resumeAt(long steps) {
        t = steps;
        first = steps == 0;
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
        float[] f = floats(values);
        long[] s = new long[like.getShape().dimension()];
        java.util.Arrays.fill(s, 1);
        s[0] = values.length;
        return manager.create(f, new Shape(s));
    }

    /** The float32 values the engine computes with. */
    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int m = 0; m < f.length; m++) {
            f[m] = (float) values[m];
        }
        return f;
    }

    private static double[] map(double[] lr, java.util.function.DoubleUnaryOperator f) {
        double[] out = new double[lr.length];
        for (int m = 0; m < lr.length; m++) {
            out[m] = f.applyAsDouble(lr[m]);
        }
        return out;
    }

    private void apply(Map<String, NDArray> s, NDArray w, NDArray grad, double[] lr, NDManager manager) {
        if (fused && applyFused(s, w, grad, lr)) { // SPEED: same result, fewer passes over memory
            return;
        }
        switch (kind) {
            case SGD -> sgd(s, w, grad, lr, manager);
            case ADAM -> adam(s, w, weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad, lr, manager);
            case ADAMW -> {
                if (weightDecay != 0) {
                    w.muli(perModel(decoupledDecay(lr), w, manager));
                }
                adam(s, w, grad, lr, manager);
            }
            case ADABELIEF -> adaBelief(s, w, grad, lr, manager);
        }
    }

    /** {@code Sgd.apply}. */
    private void sgd(Map<String, NDArray> s, NDArray w, NDArray grad, double[] lr, NDManager manager) {
        NDArray g = weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad;
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

    /** {@code AdamBase.adamStep}, torch's bias correction, no AMSGrad; {@code g} after any coupled decay. */
    private void adam(Map<String, NDArray> s, NDArray w, NDArray g, double[] lr, NDManager manager) {
        NDArray m = s.get("exp_avg");
        NDArray v = s.get("exp_avg_sq");
        m.subi(g).muli(beta1).addi(g); // firstMoment: m = (m - g) beta1 + g
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2)); // secondMoment: v = beta2 v + (1 - beta2) g^2
        adaptiveStep(w, m, v, lr, manager);
    }

    /** {@code AdaBelief.apply} without AMSGrad. */
    private void adaBelief(Map<String, NDArray> s, NDArray w, NDArray grad, double[] lr, NDManager manager) {
        NDArray g = grad;
        if (weightDecay != 0) {
            if (decoupledWeightDecay) {
                w.muli(perModel(decoupledDecay(lr), w, manager));
            } else {
                g = grad.add(w.mul(weightDecay));
            }
        }
        NDArray m = s.get("exp_avg");
        NDArray v = s.get("exp_avg_var");
        m.muli(beta1).addi(g.mul(1 - beta1)); // ema: m = beta1 m + (1 - beta1) g
        NDArray belief = g.sub(m);
        v.muli(beta2).addi(belief.muli(belief).muli(1 - beta2)); // secondMoment of (g - m)^2
        if (epsRoot != 0) {
            v.addi(epsRoot);
        }
        adaptiveStep(w, m, v, lr, manager);
    }

    /**
     * {@code w -= lr * (m / c1) / (sqrt(v / c2) + eps)} in {@code AdamFamily.foldedAdaptiveStep}'s form,
     * {@code [lr sqrt(c2) / c1] * m / (sqrt(v) + eps sqrt(c2))}, with model m's rate in its slice.
     */
    private void adaptiveStep(NDArray w, NDArray m, NDArray v, double[] lr, NDManager manager) {
        NDArray denom = v.sqrt().addi(foldedEps());
        w.subi(m.div(denom).muli(perModel(foldedRates(lr), w, manager)));
    }

    /** Decoupled weight decay's factor per model, {@code 1 - lr weight_decay} (AdamW, AdaBelief's decoupled decay). */
    private double[] decoupledDecay(double[] lr) {
        return map(lr, l -> 1 - l * weightDecay);
    }

    /** {@code eps sqrt(c2)} at step t. */
    private double foldedEps() {
        return eps * Math.sqrt(BiasCorrection.EXPONENTIAL.divisor(beta2, t));
    }

    /** {@code lr sqrt(c2) / c1} per model at step t. */
    private double[] foldedRates(double[] lr) {
        double c1 = BiasCorrection.EXPONENTIAL.divisor(beta1, t);
        double sqrtC2 = Math.sqrt(BiasCorrection.EXPONENTIAL.divisor(beta2, t));
        return map(lr, l -> l * sqrtC2 / c1);
    }

    /**
     * SPEED: the rules of this class as one Java loop per pass over the tensors' CPU memory
     * ({@link FusedUpdate}): the same float32 operations in the same order, bit for bit the engine rules'
     * result, the engine's {@code sqrt} kept; about half their time (bin/bench-fused-optimizer: 0.52 for
     * the lecture table's group of twelve, on a loaded machine). Returns false, having done nothing, where
     * the tensors are not contiguous float32 CPU PyTorch tensors. Each float32 scalar is the double the
     * engine rule passes, rounded as the engine rounds it; decoupled decay, {@code w (1 - lr wd)}, is done
     * in the step's loop: the moments do not read w then.
     */
    private boolean applyFused(Map<String, NDArray> s, NDArray w, NDArray grad, double[] lr) {
        List<NDArray> arrays = new ArrayList<>(List.of(w, grad));
        arrays.addAll(s.values());
        if (!FusedUpdate.fits(arrays.toArray(NDArray[]::new))) {
            return false;
        }
        FloatBuffer wb = FusedUpdate.floats(w);
        FloatBuffer gb = FusedUpdate.floats(grad);
        float wd = (float) weightDecay;
        boolean decay = weightDecay != 0;
        switch (kind) {
            case SGD -> FusedUpdate.sgd(wb, gb, momentum != 0 ? FusedUpdate.floats(s.get("momentum_buffer")) : null,
                    floats(lr), decay, wd, (float) momentum, first, dampening != 0, (float) (1 - dampening), nesterov);
            case ADAM, ADAMW -> {
                NDArray m = s.get("exp_avg");
                NDArray v = s.get("exp_avg_sq");
                FusedUpdate.adamMoments(wb, gb, FusedUpdate.floats(m), FusedUpdate.floats(v),
                        kind == Kind.ADAM && decay, wd, (float) beta1, (float) beta2, (float) (1 - beta2));
                adaptiveStepFused(wb, m, v, lr, kind == Kind.ADAMW && decay ? floats(decoupledDecay(lr)) : null);
            }
            case ADABELIEF -> {
                NDArray m = s.get("exp_avg");
                NDArray v = s.get("exp_avg_var");
                FusedUpdate.adaBeliefMoments(wb, gb, FusedUpdate.floats(m), FusedUpdate.floats(v),
                        decay && !decoupledWeightDecay, wd, (float) beta1, (float) (1 - beta1), (float) beta2,
                        (float) (1 - beta2), epsRoot != 0, (float) epsRoot);
                adaptiveStepFused(wb, m, v, lr, decay && decoupledWeightDecay ? floats(decoupledDecay(lr)) : null);
            }
        }
        return true;
    }

    /** {@link #adaptiveStep} after {@code w (1 - lr wd)} where {@code decay} is given; the root is the engine's. */
    private void adaptiveStepFused(FloatBuffer w, NDArray m, NDArray v, double[] lr, float[] decay) {
        FusedUpdate.adaptiveStep(w, FusedUpdate.floats(m), FusedUpdate.floats(v.sqrt()), (float) foldedEps(),
                floats(foldedRates(lr)), decay);
    }

    void close() {
        for (Map<String, NDArray> s : slots) {
            s.values().forEach(NDArray::close);
        }
    }
}
