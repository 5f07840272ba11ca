package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Momentum in the form of CTU DLE L7 (slides with "Momentum partially suppresses oscillations by
 * averaging element-wise" and "SGD with Nesterov momentum"): a velocity {@code v} that the negative gradient accelerates, and a step of
 * {@code alpha v}.
 *
 * <pre>
 *   g   = grad + weight_decay * w                 (coupled L2, as in torch.optim.SGD)
 *   v^k = beta v^{k-1} - g                        (v^0 = 0)
 *   w^k = w^{k-1} + alpha v^k
 * </pre>
 *
 * Here {@code alpha} is {@code lr} and {@code beta} is {@code momentum}. With a constant {@code lr}
 * this is exactly {@code torch.optim.SGD(lr, momentum=beta, dampening=0)} with torch's buffer
 * {@code b = -v} (TTIC 31230, slide "Heavy Ball Momentum", shows the same method as {@code v = mu v + eta g});
 * this holds with a schedule too, since neither form keeps {@code lr} in the buffer. torch starts its
 * buffer at the first gradient, the slide at {@code v^0 = 0}: the first step is the same.
 *
 * <h2>Nesterov</h2>
 *
 * The slide "SGD with Nesterov momentum" takes the gradient at a look-ahead point:
 *
 * <pre>
 *   v^k = beta v^{k-1} - grad f(w^{k-1} + alpha v^{k-1})
 *   w^k = w^{k-1} + alpha v^k
 * </pre>
 *
 * An optimizer step only ever sees the gradient at the current parameter, so with {@code nesterov}
 * the parameter this optimizer updates is the look-ahead point itself,
 * {@code u^k = w^k + c v^k}, where {@code c} is the look-ahead distance (the standard change of
 * variables, Sutskever et al. 2013; Bengio et al. 2013). Given {@code g = grad f(u^{k-1})}:
 *
 * <pre>
 *   v^k = beta v^{k-1} - g
 *   u^k = u^{k-1} - c_{k-1} v^{k-1} + (alpha + c_k) v^k      (= w^k + c_k v^k)
 * </pre>
 *
 * and {@code u^0 = w^0} because {@code v^0 = 0}. The iterates seen (trajectory, loss) are therefore
 * the look-ahead points; the slide's {@code w^k} is {@code u^k - c_k v^k}. Two look-ahead distances
 * are offered ({@code lookahead}):
 *
 * <ul>
 *   <li>{@code slide} (default): {@code c = alpha}, the look-ahead point {@code w + alpha v} exactly as
 *       written on the CTU DLE L7 slide;
 *   <li>{@code momentum}: {@code c = alpha * beta}, the momentum part of the next step only
 *       (Sutskever et al. 2013). This is torch's {@code SGD(nesterov=True)}: with a constant lr it
 *       gives torch's iterates {@code w - lr (g + beta b)}.
 * </ul>
 *
 * {@code c_{k-1}} is remembered per parameter, so the change of variables stays exact when a
 * schedule changes {@code lr} (the look-ahead of step k used the lr of step k-1). Coupled weight
 * decay is evaluated at the point where the gradient is taken (the look-ahead point).
 *
 * <p>Defaults: lr 1e-3 (as {@link Sgd}), momentum 0.9, weight_decay 0, nesterov false, lookahead
 * slide. torch's names: {@code lr}, {@code momentum}, {@code weight_decay}, {@code nesterov}.
 */
public final class HeavyBall extends DescentOptimizer {

    /** How far ahead the Nesterov gradient is taken. */
    public enum Lookahead {
        /** {@code w + alpha v}: CTU DLE L7's slide as written. */
        SLIDE,
        /** {@code w + alpha beta v}: Sutskever et al. 2013, torch's {@code nesterov=True}. */
        MOMENTUM
    }

    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final Lookahead lookahead;

    private HeavyBall(Builder b) {
        super(b.lr);
        this.momentum = Check.unitInterval("momentum", b.momentum);
        this.weightDecay = Check.nonNegative("weight_decay", b.weightDecay);
        this.nesterov = b.nesterov;
        this.lookahead = Check.notNull("lookahead", b.lookahead);
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException(
                    "nesterov = true is invalid with momentum = " + momentum
                            + ": Nesterov momentum needs momentum in (0, 1)");
        }
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** Heavy-ball momentum with step size {@code lr} (alpha) and momentum {@code beta}. */
    public static HeavyBall of(double lr, double momentum) {
        return builder().lr(lr).momentum(momentum).build();
    }

    /** Builds from options: lr, momentum, weight_decay, nesterov, lookahead (slide|momentum). */
    public static HeavyBall fromOptions(Options o) {
        Builder b = builder()
                .lr(o.getDouble("lr", 1e-3))
                .momentum(o.getDouble("momentum", 0.9))
                .weightDecay(o.getDouble("weight_decay", 0))
                .nesterov(o.getBoolean("nesterov", false))
                .lookahead(o.getEnum("lookahead", Lookahead.class, Lookahead.SLIDE));
        HeavyBall hb = b.build();
        o.finish("HeavyBall");
        return hb;
    }

    @Override
    public String name() {
        return "HeavyBall";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("momentum", momentum);
        h.put("weight_decay", weightDecay);
        h.put("nesterov", nesterov);
        h.put("lookahead", lookahead.name().toLowerCase(Locale.ROOT));
        return h;
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        NDArray g = weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad;
        NDArray v = state.slot("velocity", w);
        if (!nesterov) {
            v.muli(momentum).subi(g);
            w.addi(v.mul(lr));
            return;
        }
        // w holds the look-ahead point u = w_slide + c v; undo the old look-ahead, step, look ahead again.
        double previousC = state.scalar("lookahead_distance", 0.0);
        double c = lookahead == Lookahead.SLIDE ? lr : lr * momentum;
        if (previousC != 0) {
            w.subi(v.mul(previousC));
        }
        v.muli(momentum).subi(g);
        w.addi(v.mul(lr + c));
        state.setScalar("lookahead_distance", c);
    }

    /** Builder with the defaults above. */
    public static final class Builder {
        private double lr = 1e-3;
        private double momentum = 0.9;
        private double weightDecay;
        private boolean nesterov;
        private Lookahead lookahead = Lookahead.SLIDE;

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
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

        public Builder lookahead(Lookahead lookahead) {
            this.lookahead = lookahead;
            return this;
        }

        public HeavyBall build() {
            return new HeavyBall(this);
        }
    }
}
