package org.descentlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rescales all gradients of a step together when their joint Euclidean norm exceeds {@code max_norm},
 * as {@code torch.nn.utils.clip_grad_norm_} (CTU DLE L7, slide "Optimizers summary"):
 *
 * <pre>
 *   total = sqrt(sum_i ||g_i||^2)                (over every entry of every gradient)
 *   coef  = max_norm / (total + 1e-6)
 *   g_i   = coef * g_i   for all i, if coef &lt; 1  (otherwise unchanged)
 * </pre>
 *
 * The direction of the whole step is kept; only its length is limited. torch multiplies by
 * {@code min(coef, 1)} always, which gives the same numbers. A non-finite total (a NaN or infinite
 * gradient) is an error here, as torch's {@code error_if_nonfinite=True}: scaling by it would silently
 * turn every parameter into NaN. The norm is computed in double precision.
 */
public final class ClipByGlobalNorm implements GradientClipping {

    /** torch's guard against division by zero in {@code coef}. */
    public static final double EPS = 1e-6;

    private final double maxNorm;

    /** @param maxNorm the largest allowed global norm, a finite number {@code > 0} */
    public ClipByGlobalNorm(double maxNorm) {
        this.maxNorm = Check.positive("max_norm", maxNorm);
    }

    /** The largest allowed global norm. */
    public double maxNorm() {
        return maxNorm;
    }

    /** {@code sqrt(sum_i ||g_i||^2)} over all gradients, in double precision. */
    public static double globalNorm(Iterable<NDArray> gradients) {
        Check.notNull("gradients", gradients);
        double sum = 0;
        for (NDArray g : gradients) {
            Check.notNull("gradient", g);
            try (NDArray sq = g.toType(DataType.FLOAT64, true).square(); NDArray s = sq.sum()) {
                sum += s.getDouble();
            }
        }
        return Math.sqrt(sum);
    }

    /** The factor applied to every gradient of a step whose global norm is {@code total} (1 if none). */
    public double coefficient(double total) {
        if (!Double.isFinite(total)) {
            throw new IllegalStateException(
                    "the global gradient norm is " + total + ": a gradient holds NaN or infinity,"
                            + " so clipping to max_norm = " + maxNorm + " is not possible");
        }
        double coef = maxNorm / (total + EPS);
        return coef < 1 ? coef : 1.0;
    }

    @Override
    public Map<String, NDArray> clip(Map<String, NDArray> gradients) {
        Check.notNull("gradients", gradients);
        double coef = coefficient(globalNorm(gradients.values()));
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : gradients.entrySet()) {
            out.put(e.getKey(), coef < 1 ? e.getValue().mul(coef) : e.getValue());
        }
        return out;
    }

    @Override
    public void clipInPlace(Iterable<NDArray> gradients) {
        double coef = coefficient(globalNorm(gradients));
        if (coef < 1) {
            for (NDArray g : gradients) {
                g.muli(coef);
            }
        }
    }

    /** Like {@link #clipInPlace(Iterable)}, returning the global norm before clipping (torch's return value). */
    public double clipInPlaceAndNorm(List<NDArray> gradients) {
        double total = globalNorm(gradients);
        double coef = coefficient(total);
        if (coef < 1) {
            for (NDArray g : gradients) {
                g.muli(coef);
            }
        }
        return total;
    }

    @Override
    public boolean isPerParameter() {
        return false;
    }

    @Override
    public NDArray clipOne(NDArray gradient) {
        throw new IllegalStateException(
                "clipping by global norm needs the gradients of all parameters at once, but a DJL Trainer"
                        + " calls update() one parameter at a time: clip in the training loop with"
                        + " GradientClipping.clipInPlace(gradients) before trainer.step(), and do not set"
                        + " it on the optimizer (or use step(params, grads), which sees all gradients)");
    }

    @Override
    public String toString() {
        return "ClipByGlobalNorm(max_norm=" + maxNorm + ")";
    }
}
