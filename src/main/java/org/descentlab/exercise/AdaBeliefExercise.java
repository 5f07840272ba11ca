package org.descentlab.exercise;

import org.descentlab.optim.AdaBelief;

import java.util.List;

/** Exercise 9: AdaBelief, STAT 453 L12, slide "Algorithm 2: AdaBelief Optimizer". */
final class AdaBeliefExercise extends OptimizerExercise {

    AdaBeliefExercise() {
        super(new Statement("adabelief", "AdaBelief",
                "STAT 453 (Raschka), L12, slide \"Algorithm 2: AdaBelief Optimizer\"",
                "Implement one AdaBelief step: Adam whose second moment `s` averages the squared distance of the"
                        + " gradient from its moving average, `(g - m)^2` with the NEW `m` (the \"belief\"), not"
                        + " `g^2`. As in Algorithm 2, `eps` is added twice: inside `s` at every step and in the"
                        + " denominator. Both averages are bias-corrected (`t = s.t()` is 1 at the first step)."
                        + " Weight decay is decoupled (AdamW-style): shrink `w` by `lr * weightDecay * w` first."
                        + " Keep the averages in `s.buffer(\"m\")` and `s.buffer(\"s\")`.",
                "w  = w - lr * weightDecay * w                     (decoupled)\n"
                        + "m  = beta1 * m + (1 - beta1) * g\n"
                        + "s  = beta2 * s + (1 - beta2) * (g - m)^2 + eps\n"
                        + "m^ = m / (1 - beta1^t),   s^ = s / (1 - beta2^t)\n"
                        + "w  = w - lr * m^ / (sqrt(s^) + eps)"),
                "the library's AdaBelief (org.descentlab.optim.AdaBelief, eps_root = eps as in Algorithm 2)",
                "h.lr(), h.beta1(), h.beta2(), h.eps(), h.weightDecay(); s.t() is 1 at the first step",
                "s.buffer(\"m\") and s.buffer(\"s\") are zeros at the first step");
    }

    @Override
    public StudentOptimizer reference() {
        return LibraryReferences.optimizer("AdaBelief", h -> AdaBelief.builder().lr(h.lr())
                .betas(h.beta1(), h.beta2()).eps(h.eps()).weightDecay(h.weightDecay()).decoupledWeightDecay(true)
                .build());
    }

    @Override
    List<OptimizerCase> cases() {
        return AdamExercise.adamCases();
    }

    @Override
    List<Mistake<StudentOptimizer>> mistakes() {
        return List.of(
                new Mistake<>(Diagnosis.ADAM_SECOND_MOMENT, "Your values match s averaging g^2.", variant(Flaw.G_SQUARED)),
                new Mistake<>(Diagnosis.EPS_ONLY_IN_DENOMINATOR, "Your values match AdaBelief with eps_root = 0.",
                        LibraryReferences.optimizer("AdaBelief(eps_root 0)", h -> AdaBelief.builder().lr(h.lr())
                                .betas(h.beta1(), h.beta2()).eps(h.eps()).epsRoot(0).weightDecay(h.weightDecay())
                                .decoupledWeightDecay(true).build())),
                new Mistake<>(Diagnosis.BELIEF_WITH_OLD_MEAN, "", variant(Flaw.OLD_MEAN)),
                new Mistake<>(Diagnosis.MISSING_BIAS_CORRECTION, "", variant(Flaw.NO_BIAS_CORRECTION)),
                new Mistake<>(Diagnosis.COUPLED_WEIGHT_DECAY, "Your values match AdaBelief with coupled (L2) decay.",
                        LibraryReferences.optimizer("AdaBelief(coupled)", h -> AdaBelief.builder().lr(h.lr())
                                .betas(h.beta1(), h.beta2()).eps(h.eps()).weightDecay(h.weightDecay())
                                .decoupledWeightDecay(false).build())),
                new Mistake<>(Diagnosis.WEIGHT_DECAY_MISSING, "", variant(Flaw.NO_DECAY)),
                new Mistake<>(Diagnosis.WRONG_SIGN, "", variant(Flaw.SIGN)));
    }

    private enum Flaw { G_SQUARED, OLD_MEAN, NO_BIAS_CORRECTION, NO_DECAY, SIGN }

    private static StudentOptimizer variant(Flaw flaw) {
        return (w, grad, h, st) -> {
            double[] m = st.buffer("m");
            double[] s = st.buffer("s");
            boolean corrected = flaw != Flaw.NO_BIAS_CORRECTION;
            double c1 = corrected ? 1 - Math.pow(h.beta1(), st.t()) : 1;
            double c2 = corrected ? 1 - Math.pow(h.beta2(), st.t()) : 1;
            for (int i = 0; i < w.length; i++) {
                double g = grad[i];
                if (flaw != Flaw.NO_DECAY) {
                    w[i] -= h.lr() * h.weightDecay() * w[i];
                }
                double oldM = m[i];
                m[i] = h.beta1() * m[i] + (1 - h.beta1()) * g;
                double d = switch (flaw) {
                    case G_SQUARED -> g;
                    case OLD_MEAN -> g - oldM;
                    default -> g - m[i];
                };
                s[i] = h.beta2() * s[i] + (1 - h.beta2()) * d * d + h.eps();
                w[i] -= (flaw == Flaw.SIGN ? -1 : 1) * h.lr() * (m[i] / c1) / (Math.sqrt(s[i] / c2) + h.eps());
            }
        };
    }
}
