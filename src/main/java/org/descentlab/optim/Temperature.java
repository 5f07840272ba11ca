package org.descentlab.optim;

import org.descentlab.util.Check;

/**
 * Hyper-parameters that keep the "temperature" (the asymptotic loss level set by gradient noise)
 * fixed while the batch size, the momentum or Adam's averaging windows change. TTIC 31230,
 * slides "Batch Size and Temperature", "Making Temperature Independent
 * of Batch Size", "Heavy Ball Momentum" and "Decoupling Hyper-Parameters". The temperature is set
 * by {@code eta0}, the learning rate per training example (the rate of batch-size-1 SGD).
 *
 * <pre>
 *   vanilla SGD, batch B:           eta = B * eta0
 *   heavy ball (torch SGD), mu:     eta = (1 - mu) * B * eta0,  momentum = mu
 *   Adam, decoupled:                1 - beta_g = min(1, B / N_g0)      (N_g = max(1, N_g0 / B))
 *                                   1 - beta_s = min(1, B / N_s0)      (N_s = max(1, N_s0 / B))
 *                                   eps = eps0 * sqrt(B)
 *                                   eta = eps * B * eta0
 * </pre>
 *
 * <p><b>Reading of the "Decoupling Hyper-Parameters" slide.</b> It prints
 * {@code N_g = (1 - beta_g) = min(1, N_g^0/B)}, which cannot hold literally: the slide defines
 * {@code beta = 1 - 1/N} ("The Conventional Formulation of EMAs"), so {@code 1 - beta = 1/N}, not
 * {@code N}; and a rate {@code min(1, N_g^0/B)} would make the averaging window shrink for small
 * batches and grow for large ones, the opposite of the slide's intent. Reading {@code N_g^0} as a
 * window measured in training examples and {@code N_g} as the same window measured in batches of
 * {@code B} examples gives {@code N_g = max(1, N_g^0/B)} (at least one batch) and hence
 * {@code 1 - beta_g = 1/N_g = min(1, B/N_g^0)}: the window covers the same number of examples at
 * every batch size, and beta_g drops to 0 once one batch holds more than {@code N_g^0} examples.
 * That is the reading implemented here. With it, as {@code eps0 -> infinity} the Adam step
 * {@code eta * g~ / (sqrt(s) + eps)} tends to {@code B * eta0 * g~}: EMA-momentum SGD at the vanilla
 * rate {@code B * eta0}, which is the slide's "gracefully converges to vanilla SGD".
 */
public final class Temperature {

    private Temperature() {}

    /** Heavy-ball (torch SGD) settings: torch's {@code lr} and {@code momentum}. */
    public record HeavyBallSettings(double lr, double momentum) {
        /** torch-style SGD with these settings (dampening 0, no weight decay). */
        public Sgd toSgd() {
            return Sgd.builder().lr(lr).momentum(momentum).build();
        }
    }

    /**
     * Adam settings from the slide's decoupled parameterization, in torch's names: {@code lr},
     * {@code betas = (beta1, beta2)} ({@code beta_g, beta_s} on the slide) and {@code eps}.
     */
    public record AdamSettings(double lr, double beta1, double beta2, double eps) {
        /**
         * Adam with these settings and TTIC 31230's bias correction {@code 1/min(t, N)} (slide "Adam",
         * the one the decoupling slide reparameterizes).
         */
        public Adam toAdam() {
            return toAdam(BiasCorrection.MIN_T_N);
        }

        /** Adam with these settings and the given bias correction. */
        public Adam toAdam(BiasCorrection biasCorrection) {
            return Adam.builder().lr(lr).betas(beta1, beta2).eps(eps).biasCorrection(biasCorrection).build();
        }
    }

    /** Vanilla SGD's learning rate for batch size {@code batchSize}: {@code B * eta0}. */
    public static double sgdLr(double eta0, long batchSize) {
        checkEta0(eta0);
        checkBatchSize(batchSize);
        return batchSize * eta0;
    }

    /**
     * torch SGD (heavy ball) settings at the temperature of {@code eta0}: {@code lr = (1 - mu) B eta0},
     * {@code momentum = mu}. This heavy ball is the same method as EMA momentum
     * {@code g~ = mu g~ + (1 - mu) g, w = w - B eta0 g~}.
     *
     * @param mu the momentum, in [0, 1)
     */
    public static HeavyBallSettings heavyBallLr(double eta0, long batchSize, double mu) {
        checkEta0(eta0);
        checkBatchSize(batchSize);
        Check.unitInterval("mu", mu);
        return new HeavyBallSettings((1 - mu) * batchSize * eta0, mu);
    }

    /**
     * Adam settings from the slide's independent hyper-parameters (see the class comment for the
     * reading of the slide).
     *
     * @param ng0 the momentum window {@code N_g^0} in training examples, a finite number {@code >= 1}
     * @param ns0 the second-moment window {@code N_s^0} in training examples, {@code >= 1}
     * @param batchSize the batch size B, an integer {@code >= 1}
     * @param eps0 the per-example epsilon, a finite number {@code > 0}
     * @param eta0 the per-example learning rate, a finite number {@code > 0}
     */
    public static AdamSettings decoupledAdam(double ng0, double ns0, long batchSize, double eps0, double eta0) {
        checkWindow("N_g0", ng0);
        checkWindow("N_s0", ns0);
        checkBatchSize(batchSize);
        Check.positive("eps0", eps0);
        checkEta0(eta0);
        double beta1 = 1 - Math.min(1, batchSize / ng0);
        double beta2 = 1 - Math.min(1, batchSize / ns0);
        double eps = eps0 * Math.sqrt(batchSize);
        double lr = eps * batchSize * eta0;
        return new AdamSettings(Check.positive("lr", lr), beta1, beta2, Check.positive("eps", eps));
    }

    /** Adam built from {@link #decoupledAdam}, with TTIC 31230's {@code min(t, N)} bias correction. */
    public static Adam adam(double ng0, double ns0, long batchSize, double eps0, double eta0) {
        return decoupledAdam(ng0, ns0, batchSize, eps0, eta0).toAdam();
    }

    private static void checkEta0(double eta0) {
        Check.positive("eta0", eta0);
    }

    private static void checkBatchSize(long batchSize) {
        Check.atLeast("batch_size", batchSize, 1);
    }

    private static void checkWindow(String name, double n) {
        if (!(n >= 1) || Double.isInfinite(n)) {
            throw Check.invalid(name, n, "a finite number >= 1 (a window measured in examples)");
        }
    }
}
