package org.descentlab.exercise;

import org.descentlab.optim.ClipByGlobalNorm;
import org.descentlab.optim.Sgd;

import java.util.List;

/**
 * Exercise 10: gradient clipping by global norm, then weight decay, in one SGD step: the order of
 * torch's {@code clip_grad_norm_} before {@code optimizer.step()}.
 */
final class ClippingExercise extends OptimizerExercise {

    ClippingExercise() {
        super(new Statement("clipping", "Clipping by global norm, then weight decay",
                "CTU Deep Learning Essentials, 7. Optimization, slide \"Optimizers summary\" (clip_grad_norm_)",
                "Implement one SGD step with gradient clipping by global norm and (coupled, L2) weight decay, in"
                        + " torch's order: `clip_grad_norm_` rescales the loss gradient first, then the optimizer"
                        + " adds `weightDecay * w` inside its step. The clip factor is `maxNorm / (norm + 1e-6)`"
                        + " and applies only if it is below 1. `grad` is the whole gradient (one parameter here, so"
                        + " its norm is the global norm).",
                "norm = sqrt(sum_i grad_i^2)\n"
                        + "coef = min(1, maxNorm / (norm + 1e-6))\n"
                        + "g_i  = coef * grad_i + weightDecay * w_i      (decay after clipping)\n"
                        + "w_i  = w_i - lr * g_i"),
                "the library's Sgd with setClipping(new ClipByGlobalNorm(maxNorm)) (as torch's clip_grad_norm_)",
                "h.lr(), h.weightDecay(), h.maxNorm(); no state is needed");
    }

    @Override
    public StudentOptimizer reference() {
        return LibraryReferences.optimizer("Sgd + ClipByGlobalNorm", h -> Sgd.builder().lr(h.lr())
                .weightDecay(h.weightDecay()).build().setClipping(new ClipByGlobalNorm(h.maxNorm())));
    }

    @Override
    List<OptimizerCase> cases() {
        Hyper base = Hyper.none().withLr(0.05).withWeightDecay(0.01).withMaxNorm(1.0);
        return standardCases(base, base.withWeightDecay(0.5), base, base.withLr(0.002).withMaxNorm(5.0));
    }

    @Override
    List<Mistake<StudentOptimizer>> mistakes() {
        return List.of(
                new Mistake<>(Diagnosis.DECAY_CLIPPED, "Your values match clipping grad + weightDecay * w.",
                        variant(Flaw.DECAY_FIRST)),
                new Mistake<>(Diagnosis.CLIPPED_BY_VALUE, "", variant(Flaw.BY_VALUE)),
                new Mistake<>(Diagnosis.ALWAYS_RESCALED, "", variant(Flaw.ALWAYS)),
                new Mistake<>(Diagnosis.CLIP_EPS_MISSING, "", variant(Flaw.NO_EPS)),
                new Mistake<>(Diagnosis.WEIGHT_DECAY_MISSING, "", variant(Flaw.NO_DECAY)),
                new Mistake<>(Diagnosis.WRONG_SIGN, "", variant(Flaw.SIGN)));
    }

    private enum Flaw { DECAY_FIRST, BY_VALUE, ALWAYS, NO_EPS, NO_DECAY, SIGN, NONE }

    private static StudentOptimizer variant(Flaw flaw) {
        return (w, grad, h, s) -> {
            double decay = flaw == Flaw.NO_DECAY ? 0 : h.weightDecay();
            double[] g = grad.clone();
            if (flaw == Flaw.DECAY_FIRST) {
                for (int i = 0; i < w.length; i++) {
                    g[i] += decay * w[i];
                }
            }
            double sq = 0;
            for (double v : g) {
                sq += v * v;
            }
            double norm = Math.sqrt(sq);
            double coef = h.maxNorm() / (norm + (flaw == Flaw.NO_EPS ? 0 : ClipByGlobalNorm.EPS));
            for (int i = 0; i < w.length; i++) {
                double c = flaw == Flaw.BY_VALUE ? Math.max(-h.maxNorm(), Math.min(h.maxNorm(), g[i]))
                        : (flaw == Flaw.ALWAYS ? coef : Math.min(1, coef)) * g[i];
                double step = flaw == Flaw.DECAY_FIRST ? c : c + decay * w[i];
                w[i] -= (flaw == Flaw.SIGN ? -1 : 1) * h.lr() * step;
            }
        };
    }
}
