package org.descentlab.exercise;

import org.descentlab.optim.HeavyBall;
import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.Quadratic;
import org.descentlab.problem.Rosenbrock;

import java.util.List;

/** Exercise 2: Nesterov momentum, CTU DLE L7, slide "SGD with Nesterov momentum". */
final class NesterovExercise extends TrajectoryExercise<StudentNesterov> {

    NesterovExercise() {
        super("nesterov", "Nesterov momentum",
                "CTU DLE L7, slide \"SGD with Nesterov momentum\"",
                "Implement one step of Nesterov momentum as on the slide: \"look one step ahead\" to"
                        + " `w + lr * v` (where the old velocity would take you), take the gradient THERE with"
                        + " `grad.at(point)`, then update the velocity and the parameters as in heavy-ball"
                        + " momentum. Keep `v` in `s.buffer(\"v\")`; update `w` in place.",
                "g = gradient at (w + lr * v)\nv = momentum * v - g          (v_0 = 0)\nw = w + lr * v",
                StudentNesterov.class);
    }

    @Override
    public StudentNesterov reference() {
        return LibraryReferences.nesterov(h -> HeavyBall.builder().lr(h.lr()).momentum(h.momentum())
                .nesterov(true).lookahead(HeavyBall.Lookahead.SLIDE).build());
    }

    @Override
    String referenceName() {
        return "the library's HeavyBall with nesterov = true (org.descentlab.optim.HeavyBall)";
    }

    @Override
    void callStep(StudentNesterov impl, double[] w, double[] grad, GradientAt oracle, Hyper h, State s) {
        impl.step(w, oracle, h, s);
    }

    @Override
    List<OptimizerCase> cases() {
        Hyper h = Hyper.none().withLr(0.02).withMomentum(0.9);
        return List.of(
                OptimizerCase.on("first step", new DiagonalQuadratic(new double[] {2, 20}, new double[] {1, -1}), 1, h),
                OptimizerCase.on("start at the minimum (zero gradient)",
                        new DiagonalQuadratic(new double[] {2, 20}, new double[] {0, 0}), 3, h),
                OptimizerCase.on("ravine f = (w0^2 + 50 w1^2) / 2",
                        new DiagonalQuadratic(new double[] {1, 50}, new double[] {1, 1}), 30, h),
                OptimizerCase.on("rotated quadratic (lambda 1 and 20)", Quadratic.rotated2d(1, 20, 0.5, null, null),
                        25, Hyper.none().withLr(0.04).withMomentum(0.8)),
                OptimizerCase.on("large gradients (curvature 1e6)",
                        new DiagonalQuadratic(new double[] {1e6, 2e6}, new double[] {1, -1}), 5,
                        Hyper.none().withLr(2e-7).withMomentum(0.9)),
                OptimizerCase.on("Rosenbrock from (-1.2, 1)", new Rosenbrock(), 40,
                        Hyper.none().withLr(1e-3).withMomentum(0.8)));
    }

    @Override
    public String skeletonCell() {
        return """
                StudentNesterov mine = (w, grad, h, s) -> {
                    // h.lr(), h.momentum(); grad.at(point) is the gradient at any point; s.buffer("v") starts at zeros
                    throw new UnsupportedOperationException("TODO: your code here");
                };""";
    }

    @Override
    List<Mistake<StudentNesterov>> mistakes() {
        return List.of(
                new Mistake<>(Diagnosis.NESTEROV_LOOKAHEAD_MISSING, "Your values match heavy-ball momentum.",
                        variant(false, false, 1, false, false)),
                new Mistake<>(Diagnosis.NESTEROV_LOOKAHEAD_DISTANCE, "", variant(true, true, 1, false, false)),
                new Mistake<>(Diagnosis.WRONG_SIGN, "", variant(true, false, -1, false, false)),
                new Mistake<>(Diagnosis.STATE_UPDATED_AFTER_USE,
                        "Your values match w = w + lr * v_old followed by the velocity update.",
                        variant(true, false, 1, true, false)),
                new Mistake<>(Diagnosis.EMA_INSTEAD_OF_HEAVY_BALL, "", variant(true, false, 1, false, true)));
    }

    private static StudentNesterov variant(boolean lookahead, boolean byMomentum, int sign, boolean afterUse, boolean ema) {
        return (w, grad, h, s) -> {
            double[] v = s.buffer("v");
            double[] ahead = w.clone();
            if (lookahead) {
                for (int i = 0; i < w.length; i++) {
                    ahead[i] += (byMomentum ? h.lr() * h.momentum() : h.lr()) * v[i];
                }
            }
            double[] g = grad.at(ahead);
            for (int i = 0; i < w.length; i++) {
                double scale = ema ? 1 - h.momentum() : 1;
                if (afterUse) {
                    w[i] += h.lr() * v[i];
                    v[i] = h.momentum() * v[i] - g[i];
                } else {
                    v[i] = h.momentum() * v[i] - sign * scale * g[i];
                    w[i] += h.lr() * v[i];
                }
            }
        };
    }
}
