package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.POSITIVE;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * SWATS, "Switching from Adam to SGD" (Keskar and Socher 2017, cited in STAT 453 L12,
 * slide "Improving Generalization Performance by Switching from Adam to
 * SGD"): start with Adam, estimate at every step which SGD learning rate would have taken the same
 * step along the gradient, and switch to SGD with momentum once that estimate has settled.
 *
 * <pre>
 *   Adam phase, step k (g = grad + weight_decay * w):
 *     m = beta1 * m + (1 - beta1) * g,   v = beta2 * v + (1 - beta2) * g^2
 *     p = -lr * m^ / (sqrt(v^) + eps)                  (Adam's step, hats = bias corrected)
 *     w = w + p
 *     if p.g != 0:
 *       gamma  = (p.p) / (-p.g)                       (SGD rate whose step projects onto p)
 *       lambda = beta2 * lambda + (1 - beta2) * gamma
 *       if k &gt; 1 and |lambda / (1 - beta2^k) - gamma| &lt; eps_switch:
 *         switch to SGD with Lambda = lambda / (1 - beta2^k)
 *   SGD phase:
 *     v_sgd = beta1 * v_sgd + g                        (v_sgd starts at 0 at the switch)
 *     w = w - (1 - beta1) * Lambda * v_sgd
 * </pre>
 *
 * <p>Choices, all documented here because the paper's Algorithm 1 leaves them open or differs:
 * <ul>
 *   <li>Granularity: Algorithm 1 is written for one parameter vector. Here every named parameter
 *       (DJL parameter id) runs the algorithm on its own: its own lambda, its own switch step and
 *       Lambda, kept as {@link ParamState} scalars ({@code phase}, {@code lambda}, {@code switch_step},
 *       {@code sgd_lr}, {@code lr_at_switch}) so that state save and restore cover them. See
 *       {@link #phase}, {@link #switchStep} and {@link #sgdLr}. The latest {@code gamma} and
 *       {@code lambda_hat} (= lambda / (1 - beta2^k), {@link #lambdaEstimate}) are kept too, for
 *       inspection: how far the switching test is from passing ({@code org.descentlab.train.SwatsSwitches}).
 *   <li>Adam's step is written as torch writes it, {@code m^ / (sqrt(v^) + eps)}, so that the Adam
 *       phase is exactly {@link Adam}. The paper writes Kingma and Ba's form
 *       {@code sqrt(1 - beta2^k) / (1 - beta1^k) * m / (sqrt(v) + eps)}, whose eps is not bias
 *       corrected; the two differ only in where eps enters.
 *   <li>The SGD phase is the paper's heavy-ball form with learning rate {@code (1 - beta1) * Lambda},
 *       i.e. EMA momentum with learning rate Lambda (TTIC 31230, slide "Heavy Ball Momentum").
 *   <li>Learning-rate schedules: the paper fixes Lambda at the switch. Here a schedule keeps acting
 *       after the switch: the SGD step uses {@code Lambda * lr / lr_at_switch}, so with a constant lr
 *       it is exactly Lambda.
 *   <li>Weight decay (not in Algorithm 1) is coupled L2 in both phases, as torch's Adam and SGD.
 *   <li>The step count k is the parameter's step count (1-based); steps with {@code p.g = 0} leave
 *       lambda unchanged but still count for the bias correction {@code 1 - beta2^k}.
 * </ul>
 *
 * <p>Defaults ({@link #HYPER}) are the paper's Algorithm 1 inputs; its one epsilon, used both in Adam's
 * denominator and as the switching tolerance, is here two hyper-parameters, {@code eps} and
 * {@code eps_switch}. torch.optim has no SWATS.
 */
public final class Swats extends AdamFamily {

    /** Which method a parameter is currently updated with. */
    public enum Phase {
        ADAM,
        SGD
    }

    static final HyperParameter<Double> EPS = HyperParameter.number(
            "eps", 1e-9, POSITIVE, "added to the root in the Adam phase's denominator");
    static final HyperParameter<Double> EPS_SWITCH = HyperParameter.number(
            "eps_switch", 1e-9, POSITIVE, "switching tolerance on |lambda^ - gamma| (the paper's epsilon)");

    /** SWATS' hyper-parameters: the inputs of the paper's Algorithm 1. */
    public static final HyperParameters HYPER = HyperParameters.of("SWATS", HyperParameter.lr(1e-3),
            HyperParameters.BETAS, EPS, EPS_SWITCH, HyperParameters.WEIGHT_DECAY);

    private final double beta1 = hyper(HyperParameters.BETAS)[0];
    private final double beta2 = hyper(HyperParameters.BETAS)[1];
    private final double eps = hyper(EPS);
    private final double epsSwitch = hyper(EPS_SWITCH);
    private final double weightDecay = hyper(HyperParameters.WEIGHT_DECAY);

    private Swats(HyperValues h) {
        super(h);
    }

    /** A builder with the paper's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** SWATS with learning rate {@code lr} (the Adam phase's) and the paper's other defaults. */
    public static Swats of(double lr) {
        return builder().lr(lr).build();
    }

    /** Builds from options: lr, betas, eps, eps_switch, weight_decay. */
    public static Swats fromOptions(Options o) {
        return builder().buildFrom(o);
    }

    /** The phase of a parameter: {@link Phase#ADAM} until its switch (and before its first update). */
    public Phase phase(String parameterId) {
        ParamState s = stateOf(parameterId);
        return s != null && s.scalar("phase", 0) == 1 ? Phase.SGD : Phase.ADAM;
    }

    /** The step k at which a parameter switched to SGD, if it has. */
    public OptionalLong switchStep(String parameterId) {
        ParamState s = stateOf(parameterId);
        return phase(parameterId) == Phase.SGD
                ? OptionalLong.of((long) s.scalar("switch_step", 0))
                : OptionalLong.empty();
    }

    /** Lambda, the SGD learning rate fixed at a parameter's switch, if it has switched. */
    public OptionalDouble sgdLr(String parameterId) {
        ParamState s = stateOf(parameterId);
        return phase(parameterId) == Phase.SGD
                ? OptionalDouble.of(s.scalar("sgd_lr", 0))
                : OptionalDouble.empty();
    }

    /** The current estimate lambda / (1 - beta2^k) of a parameter (NaN before any estimate). */
    public double lambdaEstimate(String parameterId) {
        ParamState s = stateOf(parameterId);
        return s == null ? Double.NaN : s.scalar("lambda_hat", Double.NaN);
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        NDArray g = coupledDecay(grad, w, weightDecay);
        if (state.scalar("phase", 0) == 1) {
            double lrAtSwitch = state.scalar("lr_at_switch", lr);
            double sgdLr = state.scalar("sgd_lr", 0) * (lr / lrAtSwitch);
            NDArray velocity = state.slot("sgd_momentum_buffer", w);
            velocity.muli(beta1).addi(g);
            w.subi(velocity.mul((1 - beta1) * sgdLr));
            return;
        }
        long k = state.step();
        NDArray m = firstMoment(state.slot("exp_avg", w), g, beta1);
        NDArray v = secondMoment(state.slot("exp_avg_sq", w), g.mul(g), beta2);
        double correction2 = correction(beta2, k);
        NDArray step = adaptiveStep(m, v, correction(beta1, k), correction2, eps, 0, lr);
        w.subi(step);
        // p = -step is Adam's step; gamma = (p.p) / (-p.g)
        double pp = dot(step, step);
        double pg = -dot(step, g);
        if (pg != 0) {
            double gamma = pp / -pg;
            double lambda = beta2 * state.scalar("lambda", 0) + (1 - beta2) * gamma;
            state.setScalar("lambda", lambda);
            double lambdaHat = lambda / correction2;
            // the two sides of the switching test at the latest step, kept for inspection
            state.setScalar("gamma", gamma);
            state.setScalar("lambda_hat", lambdaHat);
            if (k > 1 && Math.abs(lambdaHat - gamma) < epsSwitch) {
                state.setScalar("phase", 1);
                state.setScalar("switch_step", k);
                state.setScalar("sgd_lr", lambdaHat);
                state.setScalar("lr_at_switch", lr);
            }
        }
    }

    private static double dot(NDArray a, NDArray b) {
        try (NDArray s = a.mul(b).sum()) {
            return s.getDataType() == DataType.FLOAT64 ? s.getDouble() : s.toType(DataType.FLOAT64, false).getDouble();
        }
    }

    /** Builder with the paper's defaults ({@link #HYPER}). */
    public static final class Builder extends HyperBuilder<Builder, Swats>
            implements SharedSetters.Betas<Builder>, SharedSetters.Eps<Builder> {

        public Builder() {
            super(HYPER, Swats::new);
        }

        /** The switching tolerance on |lambda^ - gamma| (the paper's epsilon). */
        public Builder epsSwitch(double epsSwitch) {
            return set(EPS_SWITCH, epsSwitch);
        }
    }
}
