package org.descentlab.exercise;

import org.descentlab.optim.HeavyBall;
import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.Quadratic;
import org.descentlab.problem.Rosenbrock;

import java.util.List;
import java.util.OptionalLong;

/**
 * Exercise 2: Nesterov momentum, CTU DLE L7, slide "SGD with Nesterov momentum". The slide looks ahead to
 * {@code w + lr * v}; Sutskever et al. (2013) and torch's {@code SGD(nesterov=True)}, which notebook 04
 * runs, look ahead by the momentum part of the next step only, {@code w + lr * momentum * v}: the slide
 * omits the momentum factor. The task is the slide's form; torch's form passes too, with a note.
 */
final class NesterovExercise extends TrajectoryExercise<StudentNesterov> {

    /** Which look-ahead this instance checks against: the slide's (registered) or torch's (the accepted alternative). */
    private final HeavyBall.Lookahead lookahead;

    NesterovExercise() {
        this(HeavyBall.Lookahead.SLIDE);
    }

    private NesterovExercise(HeavyBall.Lookahead lookahead) {
        super(new Statement("nesterov", "Nesterov momentum",
                "CTU DLE L7, slide \"SGD with Nesterov momentum\"",
                "Implement one step of Nesterov momentum as on the slide: \"look one step ahead\" to"
                        + " `w + lr * v` (where the old velocity would take you), take the gradient THERE with"
                        + " `grad.at(point)`, then update the velocity and the parameters as in heavy-ball"
                        + " momentum. Keep `v` in `s.buffer(\"v\")`; update `w` in place.",
                "g = gradient at (w + lr * v)\nv = momentum * v - g          (v_0 = 0)\nw = w + lr * v"),
                StudentNesterov.class,
                lookahead == HeavyBall.Lookahead.SLIDE
                        ? "the library's HeavyBall with nesterov = true (org.descentlab.optim.HeavyBall)"
                        : "the library's HeavyBall with nesterov = true, lookahead = momentum (torch's look-ahead)");
        this.lookahead = lookahead;
    }

    /** The slide's look-ahead; if the student's values follow torch's instead, that check's pass. */
    @Override
    protected CheckResult checkNonNull(StudentNesterov student, OptionalLong hiddenSeed) {
        CheckResult slide = super.checkNonNull(student, hiddenSeed);
        if (slide.passed() || lookahead != HeavyBall.Lookahead.SLIDE) {
            return slide;
        }
        CheckResult torch = new NesterovExercise(HeavyBall.Lookahead.MOMENTUM).checkNonNull(student, hiddenSeed);
        return torch.passed() ? torch : slide;
    }

    @Override
    String passDetails(StudentNesterov student) {
        return lookahead == HeavyBall.Lookahead.SLIDE ? ""
                : "\n\nYou looked ahead to w + lr * momentum * v, as Sutskever et al. (2013) and torch's"
                        + " SGD(nesterov=True) do (notebook 04 runs that form). The slide writes w + lr * v: it omits"
                        + " the momentum factor. Both are accepted here; the task asked for the slide's form.";
    }

    @Override
    public StudentNesterov reference() {
        return LibraryReferences.nesterov(h -> HeavyBall.builder().lr(h.lr()).momentum(h.momentum())
                .nesterov(true).lookahead(lookahead).build(),
                h -> lookahead == HeavyBall.Lookahead.SLIDE ? 1 : h.momentum());
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
                        variant(false, 1, false, false)),
                new Mistake<>(Diagnosis.WRONG_SIGN, "", variant(true, -1, false, false)),
                new Mistake<>(Diagnosis.STATE_UPDATED_AFTER_USE,
                        "Your values match w = w + lr * v_old followed by the velocity update.",
                        variant(true, 1, true, false)),
                new Mistake<>(Diagnosis.EMA_INSTEAD_OF_HEAVY_BALL, "", variant(true, 1, false, true)));
    }

    private static StudentNesterov variant(boolean lookahead, int sign, boolean afterUse, boolean ema) {
        return (w, grad, h, s) -> {
            double[] v = s.buffer("v");
            double[] ahead = w.clone();
            if (lookahead) {
                for (int i = 0; i < w.length; i++) {
                    ahead[i] += h.lr() * v[i];
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
