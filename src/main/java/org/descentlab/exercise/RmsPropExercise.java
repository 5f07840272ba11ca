package org.descentlab.exercise;

import org.descentlab.optim.RmsProp;

import java.util.List;

/**
 * Exercise 3: RMSProp, CTU DLE L7, slide with "torch.optim.RMSprop(params, lr=0.01, alpha=0.99)" (torch's form)
 * and CSC413 L4, slide "RMSprop and Adam".
 */
final class RmsPropExercise extends OptimizerExercise {

    RmsPropExercise() {
        super(new Statement("rmsprop", "RMSProp",
                "CTU DLE L7, slide with \"torch.optim.RMSprop(params, lr=0.01, alpha=0.99)\"; STAT 453 L12, slide"
                        + " \"Adaptive Learning Rate via RMSProp\"; CSC413 L4, slide \"RMSprop and Adam\"",
                "Implement one RMSProp step as torch.optim.RMSprop does it: keep a moving average `sq` of the"
                        + " SQUARED gradient with decay `alpha`, and divide each coordinate's step by the root of it"
                        + " plus `eps` (outside the root: CSC413 L4 writes sqrt(s + eps), torch, CTU DLE L7 and STAT 453 L12 write"
                        + " sqrt(s) + eps; here it is the latter). Weight decay is coupled: add"
                        + " `weightDecay * w` to the gradient first. Keep `sq` in `s.buffer(\"sq\")`.",
                "g  = grad + weightDecay * w\nsq = alpha * sq + (1 - alpha) * g^2      (sq_0 = 0)\n"
                        + "w  = w - lr * g / (sqrt(sq) + eps)"),
                "the library's RmsProp (org.descentlab.optim.RmsProp)",
                "h.lr(), h.alpha(), h.eps(), h.weightDecay(); s.buffer(\"sq\") is zeros at the first step");
    }

    @Override
    public StudentOptimizer reference() {
        return LibraryReferences.optimizer("RMSprop", h -> RmsProp.builder().lr(h.lr()).alpha(h.alpha()).eps(h.eps())
                .weightDecay(h.weightDecay()).build());
    }

    @Override
    List<OptimizerCase> cases() {
        Hyper base = Hyper.none().withLr(0.01).withAlpha(0.9).withEps(1e-8).withWeightDecay(0);
        return standardCases(base, base.withWeightDecay(0.1), base, base.withLr(0.01));
    }

    @Override
    List<Mistake<StudentOptimizer>> mistakes() {
        return List.of(
                new Mistake<>(Diagnosis.EPS_INSIDE_SQRT, "Your values match RmsProp with eps_inside_sqrt = true.",
                        LibraryReferences.optimizer("RMSprop(eps inside)", h -> RmsProp.builder().lr(h.lr())
                                .alpha(h.alpha()).eps(h.eps()).weightDecay(h.weightDecay()).epsInsideSqrt(true).build())),
                new Mistake<>(Diagnosis.G_INSTEAD_OF_G_SQUARED, "", variant(Flaw.G_NOT_SQUARED)),
                new Mistake<>(Diagnosis.SQRT_MISSING, "", variant(Flaw.NO_SQRT)),
                new Mistake<>(Diagnosis.DECAY_RATE_SWAPPED, "", variant(Flaw.SWAPPED)),
                new Mistake<>(Diagnosis.WRONG_SIGN, "", variant(Flaw.SIGN)),
                new Mistake<>(Diagnosis.STATE_UPDATED_AFTER_USE,
                        "Your values match dividing by the previous average and updating it afterwards.",
                        variant(Flaw.AFTER_USE)),
                new Mistake<>(Diagnosis.WEIGHT_DECAY_MISSING, "", variant(Flaw.NO_DECAY)),
                new Mistake<>(Diagnosis.DECOUPLED_WEIGHT_DECAY, "", variant(Flaw.DECOUPLED)));
    }

    private enum Flaw { G_NOT_SQUARED, NO_SQRT, SWAPPED, SIGN, AFTER_USE, NO_DECAY, DECOUPLED }

    private static StudentOptimizer variant(Flaw flaw) {
        return (w, grad, h, s) -> {
            double[] sq = s.buffer("sq");
            for (int i = 0; i < w.length; i++) {
                double g = grad[i];
                if (flaw == Flaw.DECOUPLED) {
                    w[i] -= h.lr() * h.weightDecay() * w[i];
                } else if (flaw != Flaw.NO_DECAY) {
                    g += h.weightDecay() * w[i];
                }
                double old = sq[i];
                double in = flaw == Flaw.G_NOT_SQUARED ? g : g * g;
                sq[i] = flaw == Flaw.SWAPPED ? (1 - h.alpha()) * sq[i] + h.alpha() * in
                        : h.alpha() * sq[i] + (1 - h.alpha()) * in;
                double used = flaw == Flaw.AFTER_USE ? old : sq[i];
                double denom = flaw == Flaw.NO_SQRT ? used + h.eps() : Math.sqrt(used) + h.eps();
                w[i] -= (flaw == Flaw.SIGN ? -1 : 1) * h.lr() * g / denom;
            }
        };
    }
}
