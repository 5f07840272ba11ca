package org.descentlab.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Hessians.Regime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

/**
 * Typical wrong solutions, written out by hand as students write them: each check fails, names the
 * mistake, and shows expected vs actual at the first difference.
 */
class WrongStudentsTest {

    static Stream<Arguments> wrong() {
        return Stream.of(
                // 1 heavy ball
                Arguments.of("heavy-ball", "wrong-sign", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] v = s.buffer("v");
                    for (int i = 0; i < w.length; i++) {
                        v[i] = h.momentum() * v[i] + grad[i] + h.weightDecay() * w[i];
                        w[i] += h.lr() * v[i];
                    }
                }),
                Arguments.of("heavy-ball", "ema-instead-of-heavy-ball", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] v = s.buffer("v");
                    for (int i = 0; i < w.length; i++) {
                        double g = grad[i] + h.weightDecay() * w[i];
                        v[i] = h.momentum() * v[i] + (1 - h.momentum()) * g;
                        w[i] -= h.lr() * v[i];
                    }
                }),
                Arguments.of("heavy-ball", "state-updated-after-use", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] v = s.buffer("v");
                    for (int i = 0; i < w.length; i++) {
                        w[i] = w[i] + h.lr() * v[i];
                        v[i] = h.momentum() * v[i] - (grad[i] + h.weightDecay() * w[i]);
                    }
                }),
                Arguments.of("heavy-ball", "weight-decay-missing", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] v = s.buffer("v");
                    for (int i = 0; i < w.length; i++) {
                        v[i] = h.momentum() * v[i] - grad[i];
                        w[i] += h.lr() * v[i];
                    }
                }),
                // 2 Nesterov
                Arguments.of("nesterov", "nesterov-lookahead-missing", (StudentNesterov) (w, grad, h, s) -> {
                    double[] v = s.buffer("v");
                    double[] g = grad.at(w);
                    for (int i = 0; i < w.length; i++) {
                        v[i] = h.momentum() * v[i] - g[i];
                        w[i] += h.lr() * v[i];
                    }
                }),
                Arguments.of("nesterov", "wrong-sign", (StudentNesterov) (w, grad, h, s) -> {
                    double[] v = s.buffer("v");
                    double[] p = w.clone();
                    for (int i = 0; i < w.length; i++) {
                        p[i] += h.lr() * v[i];
                    }
                    double[] g = grad.at(p);
                    for (int i = 0; i < w.length; i++) {
                        v[i] = h.momentum() * v[i] + g[i];
                        w[i] += h.lr() * v[i];
                    }
                }),
                // 3 RMSProp
                Arguments.of("rmsprop", "eps-inside-sqrt", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] sq = s.buffer("sq");
                    for (int i = 0; i < w.length; i++) {
                        double g = grad[i] + h.weightDecay() * w[i];
                        sq[i] = h.alpha() * sq[i] + (1 - h.alpha()) * g * g;
                        w[i] -= h.lr() * g / Math.sqrt(sq[i] + h.eps());
                    }
                }),
                Arguments.of("rmsprop", "g-instead-of-g-squared", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] sq = s.buffer("sq");
                    for (int i = 0; i < w.length; i++) {
                        double g = grad[i] + h.weightDecay() * w[i];
                        sq[i] = h.alpha() * sq[i] + (1 - h.alpha()) * g;
                        w[i] -= h.lr() * g / (Math.sqrt(sq[i]) + h.eps());
                    }
                }),
                Arguments.of("rmsprop", "decay-rate-swapped", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] sq = s.buffer("sq");
                    for (int i = 0; i < w.length; i++) {
                        double g = grad[i] + h.weightDecay() * w[i];
                        sq[i] = (1 - h.alpha()) * sq[i] + h.alpha() * g * g;
                        w[i] -= h.lr() * g / (Math.sqrt(sq[i]) + h.eps());
                    }
                }),
                // 4 Adam
                Arguments.of("adam", "missing-bias-correction", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] m = s.buffer("m");
                    double[] v = s.buffer("v");
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= h.lr() * h.weightDecay() * w[i];
                        m[i] = h.beta1() * m[i] + (1 - h.beta1()) * grad[i];
                        v[i] = h.beta2() * v[i] + (1 - h.beta2()) * grad[i] * grad[i];
                        w[i] -= h.lr() * m[i] / (Math.sqrt(v[i]) + h.eps());
                    }
                }),
                Arguments.of("adam", "coupled-weight-decay", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] m = s.buffer("m");
                    double[] v = s.buffer("v");
                    for (int i = 0; i < w.length; i++) {
                        double g = grad[i] + h.weightDecay() * w[i];
                        m[i] = h.beta1() * m[i] + (1 - h.beta1()) * g;
                        v[i] = h.beta2() * v[i] + (1 - h.beta2()) * g * g;
                        double mh = m[i] / (1 - Math.pow(h.beta1(), s.t()));
                        double vh = v[i] / (1 - Math.pow(h.beta2(), s.t()));
                        w[i] -= h.lr() * mh / (Math.sqrt(vh) + h.eps());
                    }
                }),
                Arguments.of("adam", "betas-swapped", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] m = s.buffer("m");
                    double[] v = s.buffer("v");
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= h.lr() * h.weightDecay() * w[i];
                        m[i] = h.beta2() * m[i] + (1 - h.beta2()) * grad[i];
                        v[i] = h.beta1() * v[i] + (1 - h.beta1()) * grad[i] * grad[i];
                        double mh = m[i] / (1 - Math.pow(h.beta2(), s.t()));
                        double vh = v[i] / (1 - Math.pow(h.beta1(), s.t()));
                        w[i] -= h.lr() * mh / (Math.sqrt(vh) + h.eps());
                    }
                }),
                Arguments.of("adam", "eps-inside-sqrt", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] m = s.buffer("m");
                    double[] v = s.buffer("v");
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= h.lr() * h.weightDecay() * w[i];
                        m[i] = h.beta1() * m[i] + (1 - h.beta1()) * grad[i];
                        v[i] = h.beta2() * v[i] + (1 - h.beta2()) * grad[i] * grad[i];
                        double mh = m[i] / (1 - Math.pow(h.beta1(), s.t()));
                        double vh = v[i] / (1 - Math.pow(h.beta2(), s.t()));
                        w[i] -= h.lr() * mh / Math.sqrt(vh + h.eps());
                    }
                }),
                // 5 EMA
                Arguments.of("ema", "missing-bias-correction", (StudentEma) (x, n, s) -> {
                    double[] avg = s.buffer("avg");
                    double beta = 1 - 1.0 / n;
                    for (int i = 0; i < x.length; i++) {
                        avg[i] = beta * avg[i] + (1 - beta) * x[i];
                    }
                    return avg;
                }),
                Arguments.of("ema", "running-mean-not-ema", (StudentEma) (x, n, s) -> {
                    double[] avg = s.buffer("avg");
                    for (int i = 0; i < x.length; i++) {
                        avg[i] += (x[i] - avg[i]) / s.t();
                    }
                    return avg;
                }),
                Arguments.of("ema", "state-updated-after-use", (StudentEma) (x, n, s) -> {
                    double[] avg = s.buffer("avg");
                    double[] out = avg.clone();
                    double r = 1.0 / Math.min(n, s.t());
                    for (int i = 0; i < x.length; i++) {
                        avg[i] = (1 - r) * avg[i] + r * x[i];
                    }
                    return out;
                }),
                Arguments.of("ema", "adam-style-correction", (StudentEma) (x, n, s) -> {
                    double[] avg = s.buffer("avg");
                    double beta = 1 - 1.0 / n;
                    double[] out = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        avg[i] = beta * avg[i] + (1 - beta) * x[i];
                        out[i] = avg[i] / (1 - Math.pow(beta, s.t()));
                    }
                    return out;
                }),
                // 6 schedules
                Arguments.of("schedule-triangular", "schedule-off-by-one",
                        (StudentSchedule) (step, h) -> CorrectStudents.TRIANGULAR.lr(step + 1, h)),
                Arguments.of("schedule-triangular", "half-cycle-as-full-cycle", (StudentSchedule) (step, h) -> {
                    double pos = (double) (step % h.stepSize()) / h.stepSize();
                    double up = pos <= 0.5 ? 2 * pos : 2 * (1 - pos);
                    return h.baseLr() + (h.maxLr() - h.baseLr()) * up;
                }),
                Arguments.of("schedule-warmup-cosine", "schedule-off-by-one",
                        (StudentSchedule) (step, h) -> CorrectStudents.WARMUP_COSINE.lr(Math.max(0, step - 1), h)),
                Arguments.of("schedule-warmup-cosine", "cosine-not-shifted", (StudentSchedule) (step, h) -> {
                    if (step < h.warmup()) {
                        return h.maxLr() * step / h.warmup();
                    }
                    return h.minLr() + 0.5 * (h.maxLr() - h.minLr())
                            * (1 + Math.cos(Math.PI * step / (h.total() - h.warmup())));
                }),
                // 7 finite differences
                Arguments.of("gradient-check", "one-sided-difference", (StudentGradient) (f, w, h) -> {
                    double[] g = new double[w.length];
                    double f0 = f.value(w);
                    for (int i = 0; i < w.length; i++) {
                        double[] p = w.clone();
                        p[i] += h;
                        g[i] = (f.value(p) - f0) / h;
                    }
                    return g;
                }),
                Arguments.of("gradient-check", "missing-factor-two", (StudentGradient) (f, w, h) -> {
                    double[] g = new double[w.length];
                    for (int i = 0; i < w.length; i++) {
                        double[] p = w.clone();
                        double[] m = w.clone();
                        p[i] += h;
                        m[i] -= h;
                        g[i] = (f.value(p) - f.value(m)) / h;
                    }
                    return g;
                }),
                // 9 AdaBelief
                Arguments.of("adabelief", "adam-second-moment", (StudentOptimizer) (w, grad, h, st) -> {
                    double[] m = st.buffer("m");
                    double[] v = st.buffer("s");
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= h.lr() * h.weightDecay() * w[i];
                        m[i] = h.beta1() * m[i] + (1 - h.beta1()) * grad[i];
                        v[i] = h.beta2() * v[i] + (1 - h.beta2()) * grad[i] * grad[i] + h.eps();
                        double mHat = m[i] / (1 - Math.pow(h.beta1(), st.t()));
                        double vHat = v[i] / (1 - Math.pow(h.beta2(), st.t()));
                        w[i] -= h.lr() * mHat / (Math.sqrt(vHat) + h.eps());
                    }
                }),
                Arguments.of("adabelief", "eps-only-in-denominator", (StudentOptimizer) (w, grad, h, st) -> {
                    double[] m = st.buffer("m");
                    double[] v = st.buffer("s");
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= h.lr() * h.weightDecay() * w[i];
                        m[i] = h.beta1() * m[i] + (1 - h.beta1()) * grad[i];
                        double d = grad[i] - m[i];
                        v[i] = h.beta2() * v[i] + (1 - h.beta2()) * d * d;
                        double mHat = m[i] / (1 - Math.pow(h.beta1(), st.t()));
                        double vHat = v[i] / (1 - Math.pow(h.beta2(), st.t()));
                        w[i] -= h.lr() * mHat / (Math.sqrt(vHat) + h.eps());
                    }
                }),
                Arguments.of("adabelief", "belief-with-old-mean", (StudentOptimizer) (w, grad, h, st) -> {
                    double[] m = st.buffer("m");
                    double[] v = st.buffer("s");
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= h.lr() * h.weightDecay() * w[i];
                        double d = grad[i] - m[i];
                        m[i] = h.beta1() * m[i] + (1 - h.beta1()) * grad[i];
                        v[i] = h.beta2() * v[i] + (1 - h.beta2()) * d * d + h.eps();
                        double mHat = m[i] / (1 - Math.pow(h.beta1(), st.t()));
                        double vHat = v[i] / (1 - Math.pow(h.beta2(), st.t()));
                        w[i] -= h.lr() * mHat / (Math.sqrt(vHat) + h.eps());
                    }
                }),
                // 10 clipping and weight decay
                Arguments.of("clipping", "decay-clipped", (StudentOptimizer) (w, grad, h, s) -> {
                    double[] g = new double[w.length];
                    double norm = 0;
                    for (int i = 0; i < w.length; i++) {
                        g[i] = grad[i] + h.weightDecay() * w[i];
                        norm += g[i] * g[i];
                    }
                    double coef = Math.min(1, h.maxNorm() / (Math.sqrt(norm) + 1e-6));
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= h.lr() * coef * g[i];
                    }
                }),
                Arguments.of("clipping", "clipped-by-value", (StudentOptimizer) (w, grad, h, s) -> {
                    for (int i = 0; i < w.length; i++) {
                        double g = Math.max(-h.maxNorm(), Math.min(h.maxNorm(), grad[i]));
                        w[i] -= h.lr() * (g + h.weightDecay() * w[i]);
                    }
                }),
                Arguments.of("clipping", "always-rescaled", (StudentOptimizer) (w, grad, h, s) -> {
                    double norm = 0;
                    for (double g : grad) {
                        norm += g * g;
                    }
                    double coef = h.maxNorm() / (Math.sqrt(norm) + 1e-6);
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= h.lr() * (coef * grad[i] + h.weightDecay() * w[i]);
                    }
                }),
                // 11 temperature
                Arguments.of("temperature", "temperature-momentum-missing", (StudentTemperature) (eta0, b, mu) -> b * eta0),
                Arguments.of("temperature", "temperature-momentum-inverted",
                        (StudentTemperature) (eta0, b, mu) -> b * eta0 / (1 - mu)),
                Arguments.of("temperature", "temperature-sqrt-batch",
                        (StudentTemperature) (eta0, b, mu) -> (1 - mu) * Math.sqrt(b) * eta0),
                // 12 ReduceLROnPlateau
                Arguments.of("plateau", "plateau-patience-off-by-one", plateau(false, true, false)),
                Arguments.of("plateau", "plateau-threshold-ignored", plateau(true, false, false)),
                Arguments.of("plateau", "plateau-mode-ignored", plateau(false, false, true)),
                // 13 SGD as a DJL Optimizer
                Arguments.of("djl-sgd", "djl-gradient-not-zeroed", djl("zeroes the copy")),
                Arguments.of("djl-sgd", "djl-temporaries-not-closed", djl("no scope")),
                Arguments.of("djl-sgd", "djl-state-shared", djl("keyed by shape")),
                Arguments.of("djl-sgd", "djl-state-lost", djl("keyed by grad")),
                Arguments.of("djl-sgd", "wrong-sign", djl("adds the step")),
                Arguments.of("gradient-check", "perturbs-all-coordinates", (StudentGradient) (f, w, h) -> {
                    double[] p = w.clone();
                    double[] m = w.clone();
                    for (int i = 0; i < w.length; i++) {
                        p[i] += h;
                        m[i] -= h;
                    }
                    double d = (f.value(p) - f.value(m)) / (2 * h);
                    double[] g = new double[w.length];
                    java.util.Arrays.fill(g, d);
                    return g;
                }));
    }

    /** SGD with momentum as a DJL optimizer, with one typical slip. */
    private static StudentDjlOptimizer djl(String slip) {
        return (lr, momentum) -> new DjlOptimizer() {
            private final java.util.Map<String, ai.djl.ndarray.NDArray> velocity = new java.util.HashMap<>();

            @Override
            public void update(String parameterId, ai.djl.ndarray.NDArray weight, ai.djl.ndarray.NDArray grad) {
                String key = switch (slip) {
                    case "keyed by shape" -> weight.getShape().toString();
                    case "keyed by grad" -> String.valueOf(System.identityHashCode(grad));
                    default -> parameterId;
                };
                ai.djl.ndarray.NDArray v = velocity.computeIfAbsent(key, k -> weight.zerosLike());
                v.muli(momentum).addi(grad);
                if (slip.equals("no scope")) {
                    weight.subi(v.mul(lr));
                } else {
                    try (ai.djl.ndarray.NDArray step = v.mul(lr)) {
                        if (slip.equals("adds the step")) {
                            weight.addi(step);
                        } else {
                            weight.subi(step);
                        }
                    }
                }
                if (slip.equals("zeroes the copy")) {
                    grad.subi(grad);   // DJL's copy: the weight's own gradient keeps accumulating
                } else {
                    try (ai.djl.ndarray.NDArray own = weight.getGradient()) {
                        own.subi(own);
                    }
                }
            }
        };
    }

    /** ReduceLROnPlateau written with one of three typical slips. */
    private static StudentPlateau plateau(boolean noThreshold, boolean reduceAtPatience, boolean alwaysMin) {
        return (a, h, s) -> {
            boolean max = h.max() && !alwaysMin;
            if (s.t() == 1) {
                s.setScalar("lr", h.lr());
                s.setScalar("best", max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            double th = noThreshold ? 0 : h.threshold();
            double best = s.scalar("best");
            boolean better = max ? (h.relative() ? a > best * (1 + th) : a > best + th)
                    : (h.relative() ? a < best * (1 - th) : a < best - th);
            s.setScalar("bad", better ? 0 : s.scalar("bad") + 1);
            if (better) {
                s.setScalar("best", a);
            }
            if (s.scalar("cool") > 0) {
                s.setScalar("cool", s.scalar("cool") - 1);
                s.setScalar("bad", 0);
            }
            if (reduceAtPatience ? s.scalar("bad") >= h.patience() : s.scalar("bad") > h.patience()) {
                s.setScalar("lr", Math.max(s.scalar("lr") * h.factor(), h.minLr()));
                s.setScalar("cool", h.cooldown());
                s.setScalar("bad", 0);
            }
            return s.scalar("lr");
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("wrong")
    void diagnosed(String id, String diagnosis, Object student) {
        CheckResult r = Exercises.get(id).checkAny(student);
        assertFalse(r.passed(), r.message());
        assertEquals(diagnosis, r.diagnosisId(), r.message());
        assertTrue(r.message().contains("[" + diagnosis + "]"), r.message());
        assertTrue(r.message().contains("expected (reference):") && r.message().contains("yours:"), r.message());
        Divergence d = r.firstDivergence().orElseThrow();
        assertTrue(r.message().contains(d.caseName()), r.message());
        assertTrue(r.message().contains(d.quantity()), r.message());
        assertTrue(r.message().contains(ComparisonExercise.num(d.expected())), r.message());
        assertTrue(r.message().contains(ComparisonExercise.num(d.actual())), r.message());
    }

    static Stream<Arguments> wrongStability() {
        return Stream.of(
                Arguments.of("unstable-learning-rate", StabilityAnswer.of(0.5, Regime.DECAY, Regime.DIVERGE, Regime.DIVERGE)),
                Arguments.of("used-lambda-min", StabilityAnswer.of(1.9, Regime.DECAY, Regime.DIVERGE, Regime.DIVERGE)),
                Arguments.of("used-diagonal", new StabilityAnswer(usedDiagonalAlpha(), List.of(), "from H_ii")),
                Arguments.of("regimes-reversed", StabilityAnswer.of(0.15, Regime.OSCILLATE, Regime.DECAY, Regime.DECAY)),
                Arguments.of("regime-threshold", StabilityAnswer.of(0.15, Regime.DECAY, Regime.DECAY, Regime.DECAY)),
                Arguments.of("regime-threshold", StabilityAnswer.of(0.15, Regime.DECAY, Regime.DECAY, Regime.DIVERGE)),
                Arguments.of("wrong-regime-count", StabilityAnswer.of(0.15, Regime.DECAY, Regime.OSCILLATE)),
                Arguments.of("nonpositive-learning-rate", StabilityAnswer.of(Double.NaN)));
    }

    /** 2 / max(H_ii): stable for the diagonal, unstable for the spectrum. */
    static double usedDiagonalAlpha() {
        double[][] h = Exercises.stability().hessian();
        double max = 0;
        for (int i = 0; i < h.length; i++) {
            max = Math.max(max, h[i][i]);
        }
        return 0.99 * 2 / max;
    }

    @ParameterizedTest(name = "stability: {0}")
    @MethodSource("wrongStability")
    void stabilityDiagnosed(String diagnosis, StabilityAnswer answer) {
        CheckResult r = Exercises.stability().check(answer);
        assertFalse(r.passed(), r.message());
        assertEquals(diagnosis, r.diagnosisId(), r.message());
        assertTrue(r.firstDivergence().isPresent());
        if (!diagnosis.equals("wrong-regime-count") && !diagnosis.equals("nonpositive-learning-rate")) {
            assertTrue(r.message().contains("expected:") && r.message().contains("yours:"), r.message());
            assertTrue(r.image() != null, "gradient descent is shown");
        }
    }
}
