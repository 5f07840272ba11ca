package org.descentlab.analysis;

import java.util.Arrays;
import java.util.Locale;

/**
 * Why a trajectory stopped early: at row {@code step} its loss (or, for a problem without a loss such
 * as a replayed gradient sequence, a coordinate) was no longer finite. The trajectory keeps that row as
 * its last, so it shows the value that broke; every earlier row is finite.
 *
 * <p>The likely cause is checked against the curvature when the problem has an analytic Hessian:
 * plain gradient descent is stable only for {@code lr < 2 / lambda_max} (CSC413/2516, Lecture 4, slide
 * "Just showed"). Along the finite part of the path, the row checked is the first whose update used
 * {@code lr * lambda_max(w_k) > 2}; if no update did, the row where {@code lr * lambda_max} was
 * largest (the closest the run came to the bound).
 *
 * @param step the row (number of updates taken) whose loss is not finite; the trajectory's last row
 * @param loss the loss there (NaN or infinite; NaN also when the problem defines no loss)
 * @param point the parameters there (some may be finite, some not)
 * @param lr the learning rate of the update that led to that row
 * @param curvatureStep the row checked against the curvature, or -1 if the problem has no analytic
 *     Hessian (or no positive curvature anywhere on the path)
 * @param curvatureLr the learning rate of the update taken from row {@code curvatureStep} (NaN if none)
 * @param lambdaMax the largest eigenvalue of the Hessian at row {@code curvatureStep} (NaN if none)
 */
public record NonFiniteLoss(int step, double loss, double[] point, double lr, int curvatureStep, double curvatureLr,
        double lambdaMax) {

    /** At most this many coordinates of {@link #point} go into the message. */
    static final int MAX_SHOWN = 4;

    /** Whether the problem's curvature was checked ({@link #curvatureStep} {@code >= 0}). */
    public boolean curvatureKnown() {
        return curvatureStep >= 0;
    }

    /** {@code 2 / lambda_max} at row {@link #curvatureStep}: plain gradient descent's largest stable rate there. */
    public double stableLr() {
        return 2 / lambdaMax;
    }

    /** Whether the update from row {@link #curvatureStep} used a rate above {@code 2 / lambda_max}. */
    public boolean exceededStableLr() {
        return curvatureKnown() && curvatureLr * lambdaMax > 2;
    }

    /** One line: the step, the loss and the likely cause, with what to try. */
    public String message() {
        String head = String.format(Locale.ROOT, "diverged: the loss is %s at step %d (w = %s, lr = %s); the"
                + " trajectory stops there (that row is its last). Likely cause: ", loss, step, shown(point), lr);
        if (exceededStableLr()) {
            return head + String.format(Locale.ROOT, "lr = %s > 2/lambda_max = %.4g at %s (lambda_max = %.4g, the"
                    + " largest eigenvalue of the Hessian there), where gradient descent is unstable;"
                    + " take lr below %.4g or clip the gradients", curvatureLr, stableLr(), where(curvatureStep),
                    lambdaMax, stableLr());
        }
        if (curvatureKnown()) {
            return head + String.format(Locale.ROOT, "not the plain gradient-descent bound: lr stayed below"
                    + " 2/lambda_max along the path (closest at %s: lr = %s, 2/lambda_max = %.4g), so the"
                    + " optimizer's own steps (momentum, adaptive scaling) overshot; lower lr or clip the gradients",
                    where(curvatureStep), curvatureLr, stableLr());
        }
        return head + String.format(Locale.ROOT, "the learning rate is too large for this problem (it has no"
                + " analytic Hessian to compare lr with 2/lambda_max); lower lr (e.g. %s, a tenth) or clip the"
                + " gradients", lr / 10);
    }

    /** The point, its first coordinates only when there are many. */
    private static String shown(double[] w) {
        if (w.length <= MAX_SHOWN) {
            return Arrays.toString(w);
        }
        return Arrays.toString(Arrays.copyOf(w, MAX_SHOWN)).replace("]", ", ... (" + w.length + " coordinates)]");
    }

    private static String where(int row) {
        return row == 0 ? "the start (step 0)" : "step " + row;
    }
}
