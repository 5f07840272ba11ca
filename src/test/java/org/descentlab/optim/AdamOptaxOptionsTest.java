package org.descentlab.optim;

import static org.descentlab.optim.Runs.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;

/** optax's eps_root and AMSGrad maximum of the bias-corrected second moment, by hand. */
class AdamOptaxOptionsTest {

    private static final double[][] G = {{1.0, -2.0}, {-3.0, 0.5}, {0.25, 4.0}};

    @Test
    void epsRootGoesInsideTheRoot() {
        double b1 = 0.9;
        double b2 = 0.99;
        double epsRoot = 0.01;
        double[][] w = Runs.replay(Adam.builder().lr(0.1).betas(b1, b2).eps(1e-3).epsRoot(epsRoot).build(),
                new double[] {0.0, 0.0}, G);
        checkByHand(w, b1, b2, 1e-3, epsRoot, false);
    }

    @Test
    void amsgradCorrectedMaxKeepsTheLargestBiasCorrectedSecondMoment() {
        double b1 = 0.5;
        double b2 = 0.9;
        double[][] w = Runs.replay(Adam.builder().lr(0.1).betas(b1, b2).eps(1e-8).amsgrad(true)
                .amsgradCorrectedMax(true).build(), new double[] {0.0, 0.0}, G);
        checkByHand(w, b1, b2, 1e-8, 0.0, true);
    }

    private static void checkByHand(double[][] w, double b1, double b2, double eps, double epsRoot, boolean ams) {
        double[] x = new double[2];
        double[] m = new double[2];
        double[] v = new double[2];
        double[] vMax = new double[2];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 2; i++) {
                double g = G[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                if (ams) {
                    vMax[i] = Math.max(vMax[i], vHat);
                    vHat = vMax[i];
                }
                x[i] -= 0.1 * mHat / (Math.sqrt(vHat + epsRoot) + eps);
                assertRelative(x[i], w[t][i], 1e-14, "w" + i + " at step " + t);
            }
        }
    }

    @Test
    void defaultsKeepTorchsFormAndNamesOnlyListOptionsInUse() {
        assertEquals("Adam(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weight_decay=0.0, amsgrad=false,"
                + " bias_correction=exponential)", Adam.of(1e-3).toString());
        Adam optaxLike = Adam.fromOptions(Options.parse(List.of("eps_root=1e-8", "amsgrad=true", "amsgrad_max=corrected")));
        assertEquals(1e-8, optaxLike.hyperParameters().get("eps_root"));
        assertEquals("corrected", optaxLike.hyperParameters().get("amsgrad_max"));
    }
}
