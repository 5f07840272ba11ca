package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic gradient descent with coupled L2 weight decay, heavy-ball momentum and Nesterov
 * momentum, in torch's parameterization ({@code torch.optim.SGD}).
 *
 * <pre>
 *   g  = grad + weight_decay * w                      (coupled L2: decay enters the gradient)
 *   b  = g                                 at t = 1    (torch starts the buffer at the gradient)
 *   b  = momentum * b + (1 - dampening) * g  at t > 1
 *   d  = g + momentum * b   if nesterov, else b   (d = g when momentum = 0)
 *   w  = w - lr * d
 * </pre>
 *
 * <p>CTU DLE L7 (the momentum slides) and TTIC 31230 (slide "Heavy Ball Momentum") write the same method as
 * {@code v = mu v + eta g; w = w - v}: with dampening 0 that is this update with {@code v = lr * b}.
 * See {@link HeavyBall} for CTU DLE L7's own form and {@link EmaMomentum} for TTIC 31230's EMA form.
 * Defaults are torch's: momentum 0, dampening 0, weight_decay 0, nesterov false; torch has no
 * default lr, here it is 1e-3.
 */
public final class Sgd extends DescentOptimizer {

    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;

    private Sgd(Builder b) {
        super(b.lr);
        this.momentum = Check.unitInterval("momentum", b.momentum);
        this.dampening = Check.closedUnitInterval("dampening", b.dampening);
        this.weightDecay = Check.nonNegative("weight_decay", b.weightDecay);
        this.nesterov = b.nesterov;
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException(
                    "nesterov = true is invalid with momentum = " + momentum + " and dampening = "
                            + dampening + ": Nesterov momentum needs momentum in (0, 1) and dampening = 0");
        }
    }

    /** A builder with torch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Plain SGD with learning rate {@code lr}. */
    public static Sgd of(double lr) {
        return builder().lr(lr).build();
    }

    /** Builds from torch-named options: lr, momentum, dampening, weight_decay, nesterov. */
    public static Sgd fromOptions(Options o) {
        Sgd sgd = builder()
                .lr(o.getDouble("lr", 1e-3))
                .momentum(o.getDouble("momentum", 0))
                .dampening(o.getDouble("dampening", 0))
                .weightDecay(o.getDouble("weight_decay", 0))
                .nesterov(o.getBoolean("nesterov", false))
                .build();
        o.finish("SGD");
        return sgd;
    }

    @Override
    public String name() {
        return "SGD";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("momentum", momentum);
        h.put("dampening", dampening);
        h.put("weight_decay", weightDecay);
        h.put("nesterov", nesterov);
        return h;
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        // constant(x, w) is x as a cached 0-dim array: the same arithmetic as mul(x), without
        // creating a scalar array per operation (see DescentOptimizer#constant)
        NDArray g = weightDecay != 0 ? grad.add(w.mul(constant(weightDecay, w))) : grad;
        NDArray d = g;
        if (momentum != 0) {
            boolean first = !state.hasSlot("momentum_buffer");
            NDArray b = state.slot("momentum_buffer", w);
            if (first) {
                b.addi(g);
            } else {
                b.muli(constant(momentum, w)).addi(dampening != 0 ? g.mul(constant(1 - dampening, w)) : g);
            }
            d = nesterov ? g.add(b.mul(constant(momentum, w))) : b;
        }
        w.subi(d.mul(constant(lr, w)));
    }

    /** Builder with torch's defaults. */
    public static final class Builder {
        private double lr = 1e-3;
        private double momentum;
        private double dampening;
        private double weightDecay;
        private boolean nesterov;

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder dampening(double dampening) {
            this.dampening = dampening;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        public Sgd build() {
            return new Sgd(this);
        }
    }
}
