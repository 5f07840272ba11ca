package org.descentlab.exercise;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;

/**
 * The DJL-specific part of exercise 13's check ({@link DjlSgdExercise}): before any training, two small
 * parameters of the same shape are updated in turn for three steps outside a Trainer, and the student's
 * optimizer is watched for the mistakes a comparison of trained weights cannot name: the weight's
 * gradient not zeroed (DJL's PyTorch engine adds the next backward pass to it), temporaries not closed
 * (arrays left alive per update), one velocity shared by the parameters or a new one every step.
 */
final class DjlSgdProbe {

    private final Exercise<?> exercise;

    /** A probe whose failed results are {@code exercise}'s. */
    DjlSgdProbe(Exercise<?> exercise) {
        this.exercise = exercise;
    }

    private static final double PROBE_LR = 0.1;
    private static final double PROBE_MOMENTUM = 0.9;
    private static final String[] PROBE_IDS = {"layer1.weight", "layer2.weight"};

    /** The probe's gradient of parameter {@code p} at step {@code t} (1-based), 6 values. */
    private static float[] probeGradient(int p, int t) {
        float[] g = new float[6];
        for (int i = 0; i < 6; i++) {
            g[i] = (float) ((p == 0 ? 1 : -0.5) * (i + 1) * 0.1 + 0.3 * t - 0.2 * p * t * t);
        }
        return g;
    }

    private static float[] probeStart(int p) {
        float[] w = new float[6];
        for (int i = 0; i < 6; i++) {
            w[i] = (float) (0.25 * (i - 2) + p);
        }
        return w;
    }

    /** The probe's parameters after 3 steps if the velocity is per parameter, shared, or new at every step. */
    private static double[][] probeExpected(boolean shared, boolean lost) {
        double[][] w = new double[2][6];
        double[][] v = new double[2][6];
        for (int p = 0; p < 2; p++) {
            float[] s = probeStart(p);
            for (int i = 0; i < 6; i++) {
                w[p][i] = s[i];
            }
        }
        for (int t = 1; t <= 3; t++) {
            for (int p = 0; p < 2; p++) {
                double[] vel = shared ? v[0] : v[p];
                float[] g = probeGradient(p, t);
                for (int i = 0; i < 6; i++) {
                    vel[i] = (lost ? 0 : PROBE_MOMENTUM * vel[i]) + g[i];
                    w[p][i] -= PROBE_LR * vel[i];
                }
            }
        }
        return w;
    }

    /** A failed result if the probe shows a DJL-specific mistake (or the code fails), else null. */
    CheckResult run(StudentDjlOptimizer student) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Optimizer opt;
            try {
                opt = Guard.run("while creating your optimizer with create(" + PROBE_LR + ", " + PROBE_MOMENTUM + ")",
                        () -> student.create(PROBE_LR, PROBE_MOMENTUM));
            } catch (StudentFailure f) {
                return exercise.fail(f.diagnosis(), null, f.getMessage(), null);
            }
            if (opt == null) {
                return exercise.fail(Diagnosis.NULL_IMPLEMENTATION, null,
                        "`create(lr, momentum)` returned null: return a new optimizer, e.g. `new MySgd(lr, momentum)`.",
                        null);
            }
            try {
                return probe(opt, m);
            } finally {
                DjlSgdExercise.closeQuietly(opt);
            }
        }
    }

    /** The probe proper, on {@code m}'s arrays. */
    private CheckResult probe(Optimizer opt, NDManager m) {
        NDArray[] w = new NDArray[2];
        for (int p = 0; p < 2; p++) {
            w[p] = m.create(probeStart(p), new Shape(2, 3));
            w[p].setRequiresGradient(true);
        }
        Divergence notZeroed = null;
        Divergence leaked = null;
        for (int t = 1; t <= 3; t++) {
            for (int p = 0; p < 2; p++) {
                String id = PROBE_IDS[p];
                try (NDArray c = m.create(probeGradient(p, t), new Shape(2, 3))) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector();
                            NDArray prod = w[p].mul(c);
                            NDArray loss = prod.sum()) {
                        gc.backward(loss);
                    }
                }
                NDArray grad;
                try (NDArray own = w[p].getGradient()) {
                    grad = own.duplicate();   // what DJL's Trainer passes: a copy of the weight's gradient
                }
                NDArray weight = w[p];
                int before = m.getManagedArrays().size();
                int step = t;
                try {
                    Guard.run("in update(\"" + id + "\", weight, grad) at step " + t + " of the probe",
                            () -> {
                                opt.update(id, weight, grad);
                                return null;
                            });
                } catch (StudentFailure f) {
                    return exercise.fail(f.diagnosis(), null, "Case `" + PROBE + "` (" + PROBE_SETTINGS + "):\n\n"
                            + f.getMessage(), null);
                }
                int after = m.getManagedArrays().size();
                if (leaked == null && step > 1 && after > before) {
                    leaked = new Divergence(PROBE, PROBE_SETTINGS, step, "arrays alive after update(\"" + id
                            + "\", ...) minus before it, at step " + step, 0, after - before);
                }
                grad.close();
                float[] left;
                try (NDArray own = w[p].getGradient()) {
                    left = own.toFloatArray();
                }
                for (int i = 0; i < left.length && notZeroed == null; i++) {
                    if (left[i] != 0) {
                        notZeroed = new Divergence(PROBE, PROBE_SETTINGS, step, "the gradient of " + id + "[" + i
                                + "] after update(\"" + id + "\", ...) at step " + step, 0, left[i]);
                    }
                }
            }
        }
        if (notZeroed != null) {
            return failWith(Diagnosis.DJL_GRADIENT_NOT_ZEROED, notZeroed, "");
        }
        double[][] mine = {toDoubles(w[0].toFloatArray()), toDoubles(w[1].toFloatArray())};
        Divergence d = probeDivergence(probeExpected(false, false), mine);
        if (d != null) {
            if (probeDivergence(probeExpected(true, false), mine) == null) {
                return failWith(Diagnosis.DJL_STATE_SHARED, d,
                        "Your parameters after the probe match ONE velocity shared by both parameters.");
            }
            if (probeDivergence(probeExpected(false, true), mine) == null) {
                return failWith(Diagnosis.DJL_STATE_LOST, d,
                        "Your parameters after the probe match a velocity that starts from 0 at every step.");
            }
            return null;   // another difference: the training comparison shows where
        }
        if (leaked != null) {
            return failWith(Diagnosis.DJL_TEMPORARIES_NOT_CLOSED, leaked,
                    "Your update leaves arrays alive in the parameters' NDManager at every call.");
        }
        return null;
    }

    private static final String PROBE = "probe";
    private static final String PROBE_SETTINGS = "two parameters of shape (2, 3) updated in turn for 3 steps, lr "
            + PROBE_LR + ", momentum " + PROBE_MOMENTUM + ", outside a Trainer";

    private CheckResult failWith(Diagnosis d, Divergence div, String detail) {
        String body = "First difference from what the library's Sgd does: case `" + PROBE + "` (" + PROBE_SETTINGS + "), "
                + div.quantity() + "\n\n    expected (reference): " + ComparisonExercise.num(div.expected()) + "\n    yours:                "
                + ComparisonExercise.num(div.actual()) + "\n\nDiagnosis: **" + d.title() + "** [" + d.id() + "]\n" + d.explanation()
                + (detail.isEmpty() ? "" : "\n" + detail);
        return exercise.fail(d, div, body, null);
    }

    /** The first probe value that differs (float32 against float64: relative 1e-5), or null. */
    private static Divergence probeDivergence(double[][] expected, double[][] mine) {
        for (int p = 0; p < mine.length; p++) {
            for (int i = 0; i < mine[p].length; i++) {
                if (!(Math.abs(mine[p][i] - expected[p][i]) <= 1e-5 * Math.max(1, Math.abs(expected[p][i])))) {
                    return new Divergence(PROBE, PROBE_SETTINGS, 3, PROBE_IDS[p] + "[" + i + "] after step 3",
                            expected[p][i], mine[p][i]);
                }
            }
        }
        return null;
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
