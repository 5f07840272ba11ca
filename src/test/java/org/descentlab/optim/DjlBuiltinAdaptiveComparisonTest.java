package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adagrad and RMSprop against DJL 0.35.1's built-ins, in the setting of
 * {@link DjlBuiltinComparisonTest} (float32 (5, 3) weight and (3) bias, 30 updates through
 * {@code update(id, weight, grad)}, fixed pseudo-random gradients, 1e-5 relative to max(|w|, 1)).
 *
 * <p>There is nothing to compare on DJL's PyTorch engine: {@code PtNDArrayEx.adagradUpdate} and
 * {@code rmspropUpdate} throw {@code UnsupportedOperationException("Not implemented")} (Adagrad
 * first converts the gradient with {@code toSparse(ROW_SPARSE)}). The tests below pin that down, so
 * that they fail, and a real comparison gets written, the day DJL implements them. What DJL's classes
 * describe is MXNet's update, which is not torch's anyway:
 * <ul>
 *   <li>DJL Adagrad's Javadoc: {@code history += g^2; w -= lr g / (sqrt(history) + eps)} with eps
 *       1e-8 by default: torch's Adagrad with lr_decay 0 and initial_accumulator_value 0 (torch's
 *       default eps is 1e-10);
 *   <li>DJL RmsProp: defaults rho 0.9, momentum 0.9, eps 1e-8, centered false (torch: alpha 0.99,
 *       momentum 0, eps 1e-8); its Javadoc formulas are garbled (e.g. "weight -= learning_rate *
 *       (sqrt(v) + epsilon)"), and MXNet's rmsprop puts eps inside the square root, torch outside.
 * </ul>
 * So descent's Adagrad and RmsProp are checked here against torch's update written out in double
 * precision in this test, on the same float32 data.
 */
class DjlBuiltinAdaptiveComparisonTest {

    static final Map<String, Double> WORST = new TreeMap<>();

    @Test
    void djlAdagradIsNotImplementedOnThePyTorchEngine() {
        Optimizer adagrad = Optimizer.adagrad().optLearningRateTracker(Tracker.fixed(0.1f)).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, 2f});
            NDArray g = manager.create(new float[] {0.5f, -0.5f});
            assertThrows(UnsupportedOperationException.class, () -> adagrad.update("w", w, g));
        }
    }

    @Test
    void djlRmsPropIsNotImplementedOnThePyTorchEngine() {
        Optimizer rmsprop = Optimizer.rmsprop().optLearningRateTracker(Tracker.fixed(0.01f)).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, 2f});
            NDArray g = manager.create(new float[] {0.5f, -0.5f});
            UnsupportedOperationException e =
                    assertThrows(UnsupportedOperationException.class, () -> rmsprop.update("w", w, g));
            assertEquals("Not implemented", e.getMessage());
        }
    }

    /** torch's Adagrad in double precision on the float32 data of the DJL comparison. */
    static Map<String, float[][]> torchAdagrad(double lr, double lrDecay, double wd, double init, double eps) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        int p = 0;
        for (Map.Entry<String, Shape> e : DjlBuiltinComparisonTest.SHAPES.entrySet()) {
            int n = (int) e.getValue().size();
            double[] w = toDouble(DjlBuiltinComparisonTest.values(100 + p, n, 1.0, 0.0));
            double[] sum = new double[n];
            java.util.Arrays.fill(sum, init);
            float[][] traj = new float[DjlBuiltinComparisonTest.STEPS][n];
            for (int k = 0; k < traj.length; k++) {
                float[] g32 = DjlBuiltinComparisonTest.values(1000L * k + p, n, 1.0, 0.3);
                double clr = lr / (1 + k * lrDecay);
                for (int i = 0; i < n; i++) {
                    double g = g32[i] + wd * w[i];
                    sum[i] += g * g;
                    w[i] -= clr * g / (Math.sqrt(sum[i]) + eps);
                    traj[k][i] = (float) w[i];
                }
            }
            out.put(e.getKey(), traj);
            p++;
        }
        return out;
    }

    /** torch's RMSprop in double precision on the float32 data of the DJL comparison. */
    static Map<String, float[][]> torchRmsprop(double lr, double alpha, double eps, double wd, double momentum,
            boolean centered) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        int p = 0;
        for (Map.Entry<String, Shape> e : DjlBuiltinComparisonTest.SHAPES.entrySet()) {
            int n = (int) e.getValue().size();
            double[] w = toDouble(DjlBuiltinComparisonTest.values(100 + p, n, 1.0, 0.0));
            double[] sq = new double[n];
            double[] ga = new double[n];
            double[] buf = new double[n];
            float[][] traj = new float[DjlBuiltinComparisonTest.STEPS][n];
            for (int k = 0; k < traj.length; k++) {
                float[] g32 = DjlBuiltinComparisonTest.values(1000L * k + p, n, 1.0, 0.3);
                for (int i = 0; i < n; i++) {
                    double g = g32[i] + wd * w[i];
                    sq[i] = alpha * sq[i] + (1 - alpha) * g * g;
                    double avg;
                    if (centered) {
                        ga[i] = alpha * ga[i] + (1 - alpha) * g;
                        avg = Math.sqrt(sq[i] - ga[i] * ga[i]) + eps;
                    } else {
                        avg = Math.sqrt(sq[i]) + eps;
                    }
                    if (momentum > 0) {
                        buf[i] = momentum * buf[i] + g / avg;
                        w[i] -= lr * buf[i];
                    } else {
                        w[i] -= lr * g / avg;
                    }
                    traj[k][i] = (float) w[i];
                }
            }
            out.put(e.getKey(), traj);
            p++;
        }
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static void check(String label, DescentOptimizer ours, Map<String, float[][]> expected) {
        double err = DjlBuiltinComparisonTest.maxRelative(DjlBuiltinComparisonTest.run(ours, DjlBuiltinComparisonTest.STEPS), expected);
        WORST.merge(label, err, Math::max);
        assertTrue(err <= DjlBuiltinComparisonTest.TOLERANCE, label + ": max relative difference " + err);
    }

    /** The configuration DJL's Adagrad documents (lr_decay 0, accumulator 0, eps 1e-8). */
    @Test
    void adagradAsDjlDocumentsIt() {
        check("Adagrad lr=0.1 eps=1e-8",
                Adagrad.fromOptions(Options.of(Map.of("lr", 0.1, "eps", 1e-8))),
                torchAdagrad(0.1, 0, 0, 0, 1e-8));
    }

    @Test
    void adagradWithTorchOptions() {
        check("Adagrad lr_decay, accumulator, weight_decay",
                Adagrad.fromOptions(Options.of(Map.of("lr", 0.1, "lr_decay", 0.01, "initial_accumulator_value", 0.1,
                        "weight_decay", 0.05))),
                torchAdagrad(0.1, 0.01, 0.05, 0.1, 1e-10));
    }

    @Test
    void rmspropTorchDefaults() {
        check("RMSprop lr=0.01", RmsProp.fromOptions(Options.of(Map.of("lr", 0.01))),
                torchRmsprop(0.01, 0.99, 1e-8, 0, 0, false));
    }

    /** DJL's defaults in torch's form: alpha (rho) 0.9, momentum 0.9 (eps 1e-8 as torch). */
    @Test
    void rmspropWithDjlsDefaultCoefficients() {
        check("RMSprop alpha=0.9 momentum=0.9",
                RmsProp.fromOptions(Options.of(Map.of("lr", 0.001, "alpha", 0.9, "momentum", 0.9))),
                torchRmsprop(0.001, 0.9, 1e-8, 0, 0.9, false));
    }

    @Test
    void rmspropCenteredWithMomentumAndWeightDecay() {
        check("RMSprop centered momentum=0.5 weight_decay=0.01",
                RmsProp.fromOptions(Options.of(Map.of("lr", 0.01, "centered", true, "momentum", 0.5,
                        "weight_decay", 0.01))),
                torchRmsprop(0.01, 0.99, 1e-8, 0.01, 0.5, true));
    }

    @AfterAll
    static void report() {
        WORST.forEach((k, v) -> System.out.printf("torch-form %-48s max relative difference %.3g%n", k, v));
    }
}
