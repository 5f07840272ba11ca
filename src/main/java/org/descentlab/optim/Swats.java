package org.descentlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Map;
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
 *       if k > 1 and |lambda / (1 - beta2^k) - gamma| < eps_switch:
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
 * <p>Defaults are the paper's (Algorithm 1 inputs): lr 1e-3, betas (0.9, 0.999), eps 1e-9 (used
 * there both in Adam's denominator and as the switching tolerance: here {@code eps} and
 * {@code eps_switch}, both 1e-9), weight_decay 0. torch.optim has no SWATS.
 */
public final class Swats extends DescentOptimizer {

    /** Which method a parameter is currently updated with. */
    public enum Phase {
        ADAM,
        SGD
    }

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double epsSwitch;
    private final double weightDecay;

    private Swats(Builder b) {
        super(b.lr);
        this.beta1 = Check.unitInterval("betas[0]", b.beta1);
        this.beta2 = Check.unitInterval("betas[1]", b.beta2);
        this.eps = Check.positive("eps", b.eps);
        this.epsSwitch = Check.positive("eps_switch", b.epsSwitch);
        this.weightDecay = Check.nonNegative("weight_decay", b.weightDecay);
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
        double[] betas = o.getPair("betas", 0.9, 0.999);
        Swats swats = builder()
                .lr(o.getDouble("lr", 1e-3))
                .betas(betas[0], betas[1])
                .eps(o.getDouble("eps", 1e-9))
                .epsSwitch(o.getDouble("eps_switch", 1e-9))
                .weightDecay(o.getDouble("weight_decay", 0))
                .build();
        o.finish("SWATS");
        return swats;
    }

    @Override
    public String name() {
        return "SWATS";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("betas", "(" + beta1 + ", " + beta2 + ")");
        h.put("eps", eps);
        h.put("eps_switch", epsSwitch);
        h.put("weight_decay", weightDecay);
        return h;
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
        NDArray g = weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad;
        if (state.scalar("phase", 0) == 1) {
            double lrAtSwitch = state.scalar("lr_at_switch", lr);
            double sgdLr = state.scalar("sgd_lr", 0) * (lr / lrAtSwitch);
            NDArray velocity = state.slot("sgd_momentum_buffer", w);
            velocity.muli(beta1).addi(g);
            w.subi(velocity.mul((1 - beta1) * sgdLr));
            return;
        }
        long k = state.step();
        NDArray m = state.slot("exp_avg", w);
        NDArray v = state.slot("exp_avg_sq", w);
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        double correction1 = 1 - Math.pow(beta1, k);
        double correction2 = 1 - Math.pow(beta2, k);
        NDArray denom = v.sqrt().divi(Math.sqrt(correction2)).addi(eps);
        NDArray p = m.div(denom).muli(-lr / correction1);
        w.addi(p);
        double pp = dot(p, p);
        double pg = dot(p, g);
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

    /** Builder with the paper's defaults. */
    public static final class Builder {
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-9;
        private double epsSwitch = 1e-9;
        private double weightDecay;

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** The switching tolerance on |lambda^ - gamma| (the paper's epsilon, 1e-9). */
        public Builder epsSwitch(double epsSwitch) {
            this.epsSwitch = epsSwitch;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Swats build() {
            return new Swats(this);
        }
    }
}
