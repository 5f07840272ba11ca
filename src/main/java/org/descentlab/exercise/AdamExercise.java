package org.descentlab.exercise;

import org.descentlab.optim.Adam;
import org.descentlab.optim.AdamW;
import org.descentlab.optim.BiasCorrection;

import java.util.List;

/** Exercise 4: Adam with bias correction and AdamW's decoupled weight decay, CTU DLE L7, the slides with
 * torch.optim.Adam's defaults and with "Decoupled weight-decay". */
final class AdamExercise extends OptimizerExercise {

    AdamExercise() {
        super(new Statement("adam", "Adam with bias correction (and AdamW's weight decay)",
                "CTU DLE L7, slides with \"torch.optim.Adam(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08)\" and"
                        + " \"Decoupled weight-decay\"; STAT 453 L12, slide \"Adaptive Learning Rate via ADAM\" (Algorithm 1)",
                "Implement one Adam step with bias correction: moving averages `m` of the gradient (decay"
                        + " `beta1`) and `v` of its square (decay `beta2`), both divided by `1 - beta^t` before use"
                        + " (`t = s.t()` is 1 at the first step), and the step `lr * m^ / (sqrt(v^) + eps)`. Weight"
                        + " decay is DECOUPLED as in AdamW: shrink `w` by `lr * weightDecay * w` before the Adam step,"
                        + " without putting it into the gradient. Keep `m` and `v` in `s.buffer(\"m\")` and"
                        + " `s.buffer(\"v\")`.",
                "w  = w - lr * weightDecay * w                  (decoupled, AdamW)\n"
                        + "m  = beta1 * m + (1 - beta1) * g             (m_0 = 0)\n"
                        + "v  = beta2 * v + (1 - beta2) * g^2           (v_0 = 0)\n"
                        + "m^ = m / (1 - beta1^t),   v^ = v / (1 - beta2^t)\n"
                        + "w  = w - lr * m^ / (sqrt(v^) + eps)"),
                "the library's AdamW (org.descentlab.optim.AdamW)",
                "h.lr(), h.beta1(), h.beta2(), h.eps(), h.weightDecay(); s.t() is 1 at the first step",
                "s.buffer(\"m\") and s.buffer(\"v\") are zeros at the first step");
    }

    @Override
    public StudentOptimizer reference() {
        return LibraryReferences.optimizer("AdamW", h -> AdamW.builder().lr(h.lr()).betas(h.beta1(), h.beta2())
                .eps(h.eps()).weightDecay(h.weightDecay()).build());
    }

    @Override
    List<OptimizerCase> cases() {
        return adamCases();
    }

    /** The standard cases with Adam's settings (also AdaBelief's). */
    static List<OptimizerCase> adamCases() {
        Hyper base = Hyper.none().withLr(0.01).withBetas(0.9, 0.999).withEps(1e-8).withWeightDecay(0);
        return standardCases(base, base.withWeightDecay(0.1), base, base.withLr(0.05).withBetas(0.8, 0.99));
    }

    @Override
    List<Mistake<StudentOptimizer>> mistakes() {
        return List.of(
                new Mistake<>(Diagnosis.MISSING_BIAS_CORRECTION,
                        "Your values match AdamW with bias_correction = none.",
                        LibraryReferences.optimizer("AdamW(no bias correction)", h -> AdamW.builder().lr(h.lr())
                                .betas(h.beta1(), h.beta2()).eps(h.eps()).weightDecay(h.weightDecay())
                                .biasCorrection(BiasCorrection.NONE).build())),
                new Mistake<>(Diagnosis.BETAS_SWAPPED, "",
                        LibraryReferences.optimizer("AdamW(betas swapped)", h -> AdamW.builder().lr(h.lr())
                                .betas(h.beta2(), h.beta1()).eps(h.eps()).weightDecay(h.weightDecay()).build())),
                new Mistake<>(Diagnosis.COUPLED_WEIGHT_DECAY, "Your values match the library's Adam with weight decay.",
                        LibraryReferences.optimizer("Adam", h -> Adam.builder().lr(h.lr())
                                .betas(h.beta1(), h.beta2()).eps(h.eps()).weightDecay(h.weightDecay()).build())),
                new Mistake<>(Diagnosis.WEIGHT_DECAY_MISSING, "",
                        LibraryReferences.optimizer("AdamW(no decay)", h -> AdamW.builder().lr(h.lr())
                                .betas(h.beta1(), h.beta2()).eps(h.eps()).weightDecay(0).build())),
                new Mistake<>(Diagnosis.EPS_INSIDE_SQRT, "", variant(Flaw.EPS_INSIDE)),
                new Mistake<>(Diagnosis.SQRT_MISSING, "", variant(Flaw.NO_SQRT)),
                new Mistake<>(Diagnosis.WRONG_SIGN, "", variant(Flaw.SIGN)),
                new Mistake<>(Diagnosis.BIAS_CORRECTION_STEP_OFF_BY_ONE, "Your values match beta^(t - 1).",
                        variant(Flaw.T_MINUS_ONE)),
                new Mistake<>(Diagnosis.BIAS_CORRECTION_STEP_OFF_BY_ONE, "Your values match beta^(t + 1).",
                        variant(Flaw.T_PLUS_ONE)),
                new Mistake<>(Diagnosis.STATE_UPDATED_AFTER_USE,
                        "Your values match stepping with the previous m and v and updating them afterwards.",
                        variant(Flaw.AFTER_USE)));
    }

    private enum Flaw { EPS_INSIDE, NO_SQRT, SIGN, T_MINUS_ONE, T_PLUS_ONE, AFTER_USE }

    private static StudentOptimizer variant(Flaw flaw) {
        return (w, grad, h, s) -> {
            double[] m = s.buffer("m");
            double[] v = s.buffer("v");
            long t = s.t() + (flaw == Flaw.T_MINUS_ONE ? -1 : flaw == Flaw.T_PLUS_ONE ? 1 : 0);
            double c1 = 1 - Math.pow(h.beta1(), t);
            double c2 = 1 - Math.pow(h.beta2(), t);
            for (int i = 0; i < w.length; i++) {
                double g = grad[i];
                w[i] -= h.lr() * h.weightDecay() * w[i];
                double oldM = m[i];
                double oldV = v[i];
                m[i] = h.beta1() * m[i] + (1 - h.beta1()) * g;
                v[i] = h.beta2() * v[i] + (1 - h.beta2()) * g * g;
                double mHat = (flaw == Flaw.AFTER_USE ? oldM : m[i]) / c1;
                double vHat = (flaw == Flaw.AFTER_USE ? oldV : v[i]) / c2;
                double denom = switch (flaw) {
                    case EPS_INSIDE -> Math.sqrt(vHat + h.eps());
                    case NO_SQRT -> vHat + h.eps();
                    default -> Math.sqrt(vHat) + h.eps();
                };
                w[i] -= (flaw == Flaw.SIGN ? -1 : 1) * h.lr() * mHat / denom;
            }
        };
    }
}
