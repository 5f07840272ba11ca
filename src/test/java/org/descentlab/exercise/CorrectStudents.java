package org.descentlab.exercise;

import org.descentlab.analysis.Hessians.Regime;

import java.util.List;

/** Correct solutions, written from the formulas (not from the library), as a student would. */
final class CorrectStudents {

    private CorrectStudents() {}

    static final StudentOptimizer HEAVY_BALL = (w, grad, h, s) -> {
        double[] v = s.buffer("v");
        for (int i = 0; i < w.length; i++) {
            double g = grad[i] + h.weightDecay() * w[i];
            v[i] = h.momentum() * v[i] - g;
            w[i] += h.lr() * v[i];
        }
    };

    static final StudentNesterov NESTEROV = (w, grad, h, s) -> {
        double[] v = s.buffer("v");
        double[] ahead = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            ahead[i] = w[i] + h.lr() * v[i];
        }
        double[] g = grad.at(ahead);
        for (int i = 0; i < w.length; i++) {
            v[i] = h.momentum() * v[i] - g[i];
            w[i] += h.lr() * v[i];
        }
    };

    static final StudentOptimizer RMSPROP = (w, grad, h, s) -> {
        double[] sq = s.buffer("sq");
        for (int i = 0; i < w.length; i++) {
            double g = grad[i] + h.weightDecay() * w[i];
            sq[i] = h.alpha() * sq[i] + (1 - h.alpha()) * g * g;
            w[i] -= h.lr() * g / (Math.sqrt(sq[i]) + h.eps());
        }
    };

    static final StudentOptimizer ADAM = (w, grad, h, s) -> {
        double[] m = s.buffer("m");
        double[] v = s.buffer("v");
        for (int i = 0; i < w.length; i++) {
            w[i] -= h.lr() * h.weightDecay() * w[i];
            m[i] = h.beta1() * m[i] + (1 - h.beta1()) * grad[i];
            v[i] = h.beta2() * v[i] + (1 - h.beta2()) * grad[i] * grad[i];
            double mHat = m[i] / (1 - Math.pow(h.beta1(), s.t()));
            double vHat = v[i] / (1 - Math.pow(h.beta2(), s.t()));
            w[i] -= h.lr() * mHat / (Math.sqrt(vHat) + h.eps());
        }
    };

    static final StudentEma EMA = (x, n, s) -> {
        double[] avg = s.buffer("avg");
        double r = 1.0 / Math.min(n, s.t());
        for (int i = 0; i < x.length; i++) {
            avg[i] = (1 - r) * avg[i] + r * x[i];
        }
        return avg;
    };

    static final StudentSchedule TRIANGULAR = (step, h) -> {
        long period = 2 * h.stepSize();
        double pos = step % period;
        double up = pos <= h.stepSize() ? pos / h.stepSize() : (period - pos) / h.stepSize();
        return h.baseLr() + (h.maxLr() - h.baseLr()) * up;
    };

    static final StudentSchedule WARMUP_COSINE = (step, h) -> {
        if (step < h.warmup()) {
            return h.maxLr() * step / h.warmup();
        }
        double progress = (double) (step - h.warmup()) / (h.total() - h.warmup());
        return h.minLr() + 0.5 * (h.maxLr() - h.minLr()) * (1 + Math.cos(Math.PI * progress));
    };

    static final StudentGradient GRADIENT = (f, w, h) -> {
        double[] g = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double[] p = w.clone();
            p[i] = w[i] + h;
            double up = f.value(p);
            p[i] = w[i] - h;
            double down = f.value(p);
            g[i] = (up - down) / (2 * h);
        }
        return g;
    };

    /** For eigenvalues 1, 5, 12: alpha = 0.15 gives alpha lambda = 0.15, 0.75, 1.8. */
    static final StabilityAnswer STABILITY = new StabilityAnswer(0.15,
            List.of(Regime.DECAY, Regime.DECAY, Regime.OSCILLATE),
            "the stiffest direction has 1 - alpha lambda = -0.8: it flips sign each step and shrinks");

    static final StudentOptimizer ADABELIEF = (w, grad, h, st) -> {
        double[] m = st.buffer("m");
        double[] s = st.buffer("s");
        double c1 = 1 - Math.pow(h.beta1(), st.t());
        double c2 = 1 - Math.pow(h.beta2(), st.t());
        for (int i = 0; i < w.length; i++) {
            w[i] *= 1 - h.lr() * h.weightDecay();
            m[i] = h.beta1() * m[i] + (1 - h.beta1()) * grad[i];
            double d = grad[i] - m[i];
            s[i] = h.beta2() * s[i] + (1 - h.beta2()) * d * d + h.eps();
            w[i] -= h.lr() * (m[i] / c1) / (Math.sqrt(s[i] / c2) + h.eps());
        }
    };

    static final StudentOptimizer CLIPPING = (w, grad, h, s) -> {
        double norm = 0;
        for (double g : grad) {
            norm += g * g;
        }
        double coef = Math.min(1, h.maxNorm() / (Math.sqrt(norm) + 1e-6));
        for (int i = 0; i < w.length; i++) {
            w[i] -= h.lr() * (coef * grad[i] + h.weightDecay() * w[i]);
        }
    };

    static final StudentTemperature TEMPERATURE = (eta0, b, mu) -> (1 - mu) * b * eta0;

    static final StudentPlateau PLATEAU = (a, h, s) -> {
        if (s.t() == 1) {
            s.setScalar("lr", h.lr());
            s.setScalar("best", h.max() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        double best = s.scalar("best");
        boolean better = h.max()
                ? (h.relative() ? a > best * (1 + h.threshold()) : a > best + h.threshold())
                : (h.relative() ? a < best * (1 - h.threshold()) : a < best - h.threshold());
        if (better) {
            s.setScalar("best", a);
            s.setScalar("bad", 0);
        } else {
            s.setScalar("bad", s.scalar("bad") + 1);
        }
        if (s.scalar("cool") > 0) {
            s.setScalar("cool", s.scalar("cool") - 1);
            s.setScalar("bad", 0);
        }
        if (s.scalar("bad") > h.patience()) {
            s.setScalar("lr", Math.max(s.scalar("lr") * h.factor(), h.minLr()));
            s.setScalar("cool", h.cooldown());
            s.setScalar("bad", 0);
        }
        return s.scalar("lr");
    };

    /**
     * SGD with momentum as a DJL optimizer, with the step kept as u = lr * v (u = mu u + lr g, w = w - u):
     * the same method, rounded differently in float32, so the check's tolerance is exercised.
     */
    static final class ScaledVelocitySgd extends DjlOptimizer {
        private final double lr;
        private final double momentum;
        private final java.util.Map<String, ai.djl.ndarray.NDArray> steps = new java.util.concurrent.ConcurrentHashMap<>();

        ScaledVelocitySgd(double lr, double momentum) {
            this.lr = lr;
            this.momentum = momentum;
        }

        @Override
        public void update(String parameterId, ai.djl.ndarray.NDArray weight, ai.djl.ndarray.NDArray grad) {
            ai.djl.ndarray.NDArray u = steps.computeIfAbsent(parameterId + "@" + weight.getDevice(), k -> weight.zerosLike());
            try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                scope.suppressNotUsedWarning();
                u.muli(momentum).addi(grad.mul(lr));
                weight.subi(u);
            }
            try (ai.djl.ndarray.NDArray own = weight.getGradient()) {
                own.muli(0);
            }
        }
    }

    static final StudentDjlOptimizer DJL_SGD = ScaledVelocitySgd::new;

    /** The correct implementation of each exercise, by id. */
    static Object of(String id) {
        return switch (id) {
            case "heavy-ball" -> HEAVY_BALL;
            case "nesterov" -> NESTEROV;
            case "rmsprop" -> RMSPROP;
            case "adam" -> ADAM;
            case "ema" -> EMA;
            case "schedule-triangular" -> TRIANGULAR;
            case "schedule-warmup-cosine" -> WARMUP_COSINE;
            case "gradient-check" -> GRADIENT;
            case "stability" -> STABILITY;
            case "adabelief" -> ADABELIEF;
            case "clipping" -> CLIPPING;
            case "temperature" -> TEMPERATURE;
            case "plateau" -> PLATEAU;
            case "djl-sgd" -> DJL_SGD;
            default -> throw new IllegalArgumentException(id);
        };
    }
}
