package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.UNIT;

import ai.djl.ndarray.NDArray;


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
 * Here {@code alpha} is {@code lr} and {@code beta} is {@code momentum}. This is exactly
 * {@code torch.optim.SGD(lr, momentum=beta, dampening=0)} with torch's buffer {@code b = -v}, with a
 * schedule too, since neither form keeps {@code lr} in the buffer. torch starts its buffer at the first
 * gradient, the slide at {@code v^0 = 0}: the first step is the same. TTIC 31230 (slide "Heavy Ball
 * Momentum") writes the method as {@code v = mu v + eta g; w = w - v}, with the rate inside the velocity:
 * the two forms agree only at a constant learning rate. When a schedule such as ReduceLROnPlateau lowers
 * the rate, this form (and torch's) scales the accumulated velocity down at once, TTIC 31230's
 * {@code v = mu v + eta g} only as the old steps fade (see {@link Sgd}).
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
 *   <li>{@code slide}: {@code c = alpha}, the look-ahead point {@code w + alpha v} exactly as
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
 * <p>Defaults ({@link #HYPER}): lr 1e-3 as {@link Sgd}, momentum 0.9; torch's names where torch has
 * the parameter.
 */
public final class HeavyBall extends DescentOptimizer {

    /** How far ahead the Nesterov gradient is taken. */
    public enum Lookahead {
        /** {@code w + alpha v}: CTU DLE L7's slide as written. */
        SLIDE,
        /** {@code w + alpha beta v}: Sutskever et al. 2013, torch's {@code nesterov=True}. */
        MOMENTUM
    }

    static final HyperParameter<Double> MOMENTUM = HyperParameter.number(
            "momentum", 0.9, UNIT, "beta: the weight of the old velocity");
    static final HyperParameter<Lookahead> LOOKAHEAD = HyperParameter.choice(
            "lookahead", Lookahead.class, Lookahead.SLIDE, "Nesterov look-ahead distance: lr (slide) or lr * beta");

    /** HeavyBall's hyper-parameters. */
    public static final HyperParameters HYPER = HyperParameters.of("HeavyBall", HyperParameter.lr(1e-3),
            MOMENTUM, HyperParameters.WEIGHT_DECAY, HyperParameters.NESTEROV, LOOKAHEAD);

    private final double momentum = hyper(MOMENTUM);
    private final double weightDecay = hyper(HyperParameters.WEIGHT_DECAY);
    private final boolean nesterov = hyper(HyperParameters.NESTEROV);
    private final Lookahead lookahead = hyper(LOOKAHEAD);

    private HeavyBall(HyperValues h) {
        super(h);
        HyperParameters.checkNesterov(nesterov, momentum);
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
        return builder().buildFrom(o);
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        NDArray g = coupledDecay(grad, w, weightDecay);
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

    /** Builder with the defaults above ({@link #HYPER}). */
    public static final class Builder extends HyperBuilder<Builder, HeavyBall>
            implements SharedSetters.Momentum<Builder>, SharedSetters.Nesterov<Builder> {

        public Builder() {
            super(HYPER, HeavyBall::new);
        }

        public Builder lookahead(Lookahead lookahead) {
            return set(LOOKAHEAD, lookahead);
        }
    }
}
