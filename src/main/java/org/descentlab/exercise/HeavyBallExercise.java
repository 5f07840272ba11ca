package org.descentlab.exercise;

import org.descentlab.optim.EmaMomentum;
import org.descentlab.optim.HeavyBall;
import org.descentlab.optim.Sgd;

import java.util.List;

/** Exercise 1: SGD with heavy-ball momentum, CTU DLE L7, slide with "Momentum partially suppresses
 * oscillations by averaging element-wise". */
final class HeavyBallExercise extends OptimizerExercise {

    HeavyBallExercise() {
        super(new Statement("heavy-ball", "SGD with heavy-ball momentum",
                "CTU DLE L7, slide with \"Momentum partially suppresses oscillations by averaging element-wise\"",
                "Implement one step of gradient descent with heavy-ball momentum, as on the slide: the velocity"
                        + " `v` remembers past gradients with weight `momentum` (beta) and the parameters move by"
                        + " `lr * v`. Weight decay is coupled (L2, as torch's SGD): add `weightDecay * w` to the"
                        + " gradient first. Keep `v` in `s.buffer(\"v\")` (zeros at the first step); update `w` in"
                        + " place and leave `grad` unchanged.",
                "g = grad + weightDecay * w\nv = momentum * v - g          (v_0 = 0)\nw = w + lr * v"),
                "the library's HeavyBall (org.descentlab.optim.HeavyBall)",
                "h.lr(), h.momentum(), h.weightDecay(); s.buffer(\"v\") is zeros at the first step");
    }

    @Override
    public StudentOptimizer reference() {
        return LibraryReferences.optimizer("HeavyBall", h -> HeavyBall.builder()
                .lr(h.lr()).momentum(h.momentum()).weightDecay(h.weightDecay()).build());
    }

    @Override
    List<OptimizerCase> cases() {
        Hyper base = Hyper.none().withLr(0.1).withMomentum(0.9).withWeightDecay(0);
        return standardCases(base, base.withWeightDecay(0.1), base,
                base.withLr(1e-3).withMomentum(0.8));
    }

    @Override
    List<Mistake<StudentOptimizer>> mistakes() {
        return List.of(
                new Mistake<>(Diagnosis.WRONG_SIGN, "Your values match v = momentum * v + g (or w = w - lr * v).",
                        variant(-1, false, false, false, false)),
                new Mistake<>(Diagnosis.EMA_INSTEAD_OF_HEAVY_BALL,
                        "Your values match the library's EmaMomentum (v = beta v + (1 - beta) g).",
                        LibraryReferences.optimizer("EmaMomentum", h -> EmaMomentum.builder()
                                .lr(h.lr()).momentum(h.momentum()).weightDecay(h.weightDecay()).build())),
                new Mistake<>(Diagnosis.NO_MOMENTUM, "Your values match plain SGD, w = w - lr * g.",
                        LibraryReferences.optimizer("Sgd", h -> Sgd.builder()
                                .lr(h.lr()).weightDecay(h.weightDecay()).build())),
                new Mistake<>(Diagnosis.STATE_UPDATED_AFTER_USE,
                        "Your values match w = w + lr * v_old followed by v = momentum * v - g.",
                        variant(1, true, false, false, false)),
                new Mistake<>(Diagnosis.WEIGHT_DECAY_MISSING, "", variant(1, false, true, false, false)),
                new Mistake<>(Diagnosis.DECOUPLED_WEIGHT_DECAY, "", variant(1, false, false, true, false)));
    }

    /** Heavy ball written out, with the usual mistakes as switches. */
    private static StudentOptimizer variant(
            int sign, boolean afterUse, boolean noDecay, boolean decoupled, boolean unused) {
        return (w, grad, h, s) -> {
            double[] v = s.buffer("v");
            for (int i = 0; i < w.length; i++) {
                double g = grad[i];
                if (!noDecay && !decoupled) {
                    g += h.weightDecay() * w[i];
                }
                if (decoupled) {
                    w[i] -= h.lr() * h.weightDecay() * w[i];
                }
                if (afterUse) {
                    w[i] += h.lr() * v[i];
                    v[i] = h.momentum() * v[i] - g;
                } else {
                    v[i] = h.momentum() * v[i] - sign * g;
                    w[i] += h.lr() * v[i];
                }
            }
        };
    }
}
