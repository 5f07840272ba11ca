package org.descentlab.exercise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hyper-parameters of one optimizer test case. Each exercise sets the ones its formula uses and
 * leaves the others NaN (so using one by mistake shows up at once as NaN in your parameters).
 *
 * @param lr the learning rate (alpha / eta on the slides)
 * @param momentum heavy-ball or Nesterov momentum beta
 * @param beta1 Adam's decay of the first moment
 * @param beta2 Adam's decay of the second moment
 * @param alpha RMSProp's decay of the squared-gradient average (torch's {@code alpha})
 * @param eps the small constant that keeps a denominator away from 0
 * @param weightDecay the weight-decay coefficient lambda (0: off)
 * @param maxNorm the largest global gradient norm of clipping
 */
public record Hyper(
        double lr, double momentum, double beta1, double beta2, double alpha, double eps, double weightDecay,
        double maxNorm) {

    /** Every value NaN: the start of {@code Hyper.none().withLr(0.1)...}. */
    public static Hyper none() {
        double n = Double.NaN;
        return new Hyper(n, n, n, n, n, n, n, n);
    }

    public Hyper withLr(double v) {
        return new Hyper(v, momentum, beta1, beta2, alpha, eps, weightDecay, maxNorm);
    }

    public Hyper withMomentum(double v) {
        return new Hyper(lr, v, beta1, beta2, alpha, eps, weightDecay, maxNorm);
    }

    public Hyper withBetas(double b1, double b2) {
        return new Hyper(lr, momentum, b1, b2, alpha, eps, weightDecay, maxNorm);
    }

    public Hyper withAlpha(double v) {
        return new Hyper(lr, momentum, beta1, beta2, v, eps, weightDecay, maxNorm);
    }

    public Hyper withEps(double v) {
        return new Hyper(lr, momentum, beta1, beta2, alpha, v, weightDecay, maxNorm);
    }

    public Hyper withWeightDecay(double v) {
        return new Hyper(lr, momentum, beta1, beta2, alpha, eps, v, maxNorm);
    }

    public Hyper withMaxNorm(double v) {
        return new Hyper(lr, momentum, beta1, beta2, alpha, eps, weightDecay, v);
    }

    /**
     * These settings moved at random (for hidden cases): rates and decay times scaled by 0.7 to 1.3,
     * eps by 10^(-1 to 1); a decay factor b in (0, 1) stays there (1 - b is scaled); zeros and NaN stay.
     */
    Hyper jittered(java.util.Random rng) {
        return new Hyper(lr * scale(rng), decay(momentum, rng), decay(beta1, rng), decay(beta2, rng),
                decay(alpha, rng), eps * Math.pow(10, 2 * rng.nextDouble() - 1), weightDecay * scale(rng),
                maxNorm * scale(rng));
    }

    static double scale(java.util.Random rng) {
        return 0.7 + 0.6 * rng.nextDouble();
    }

    private static double decay(double b, java.util.Random rng) {
        return b > 0 && b < 1 ? 1 - (1 - b) * scale(rng) : b;
    }

    /** Only the values that are set, e.g. {@code lr=0.1, momentum=0.9, weightDecay=0}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        add(parts, "lr", lr);
        add(parts, "momentum", momentum);
        add(parts, "beta1", beta1);
        add(parts, "beta2", beta2);
        add(parts, "alpha", alpha);
        add(parts, "eps", eps);
        add(parts, "weightDecay", weightDecay);
        add(parts, "maxNorm", maxNorm);
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, double v) {
        if (!Double.isNaN(v)) {
            parts.add(name + "=" + fmt(v));
        }
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
