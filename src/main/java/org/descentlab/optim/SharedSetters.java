package org.descentlab.optim;

/**
 * The typed builder setters that several optimizers share, each written once. A builder implements the
 * interface of every shared hyper-parameter its optimizer declares ({@code Sgd.Builder implements
 * Momentum<Builder>, Nesterov<Builder>}); the meaning, default and valid range stay in that optimizer's
 * {@link HyperParameters} declaration, and {@link HyperBuilder#build()} checks the value against it.
 */
public final class SharedSetters {

    private SharedSetters() {}

    /** @param <B> the builder */
    public interface Momentum<B> {
        /** Sets {@code momentum}. */
        default B momentum(double momentum) {
            return HyperBuilder.setNamed(this, "momentum", momentum);
        }
    }

    /** @param <B> the builder */
    public interface Nesterov<B> {
        /** Sets {@code nesterov} (it needs momentum > 0). */
        default B nesterov(boolean nesterov) {
            return HyperBuilder.setNamed(this, "nesterov", nesterov);
        }
    }

    /** @param <B> the builder */
    public interface Eps<B> {
        /** Sets {@code eps}, the epsilon that keeps the denominator away from 0. */
        default B eps(double eps) {
            return HyperBuilder.setNamed(this, "eps", eps);
        }
    }

    /** @param <B> the builder */
    public interface Betas<B> {
        /** Sets {@code betas}, the EMA coefficients of the first and second moments. */
        default B betas(double beta1, double beta2) {
            return HyperBuilder.setNamed(this, "betas", new double[] {beta1, beta2});
        }
    }

    /** @param <B> the builder */
    public interface Amsgrad<B> {
        /** Sets {@code amsgrad}: keep the running maximum of the second moment. */
        default B amsgrad(boolean amsgrad) {
            return HyperBuilder.setNamed(this, "amsgrad", amsgrad);
        }
    }

    /** @param <B> the builder */
    public interface EpsRoot<B> {
        /** Sets {@code eps_root}, the epsilon added under the root (see the optimizer's declaration). */
        default B epsRoot(double epsRoot) {
            return HyperBuilder.setNamed(this, "eps_root", epsRoot);
        }
    }

    /** @param <B> the builder */
    public interface EpsInsideSqrt<B> {
        /** Sets {@code eps_inside_sqrt}: {@code sqrt(s + eps)} instead of {@code sqrt(s) + eps}. */
        default B epsInsideSqrt(boolean epsInsideSqrt) {
            return HyperBuilder.setNamed(this, "eps_inside_sqrt", epsInsideSqrt);
        }
    }

    /** @param <B> the builder */
    public interface InitialAccumulatorValue<B> {
        /** Sets {@code initial_accumulator_value}, the start of the accumulated squares. */
        default B initialAccumulatorValue(double initialAccumulatorValue) {
            return HyperBuilder.setNamed(this, "initial_accumulator_value", initialAccumulatorValue);
        }
    }

    /** @param <B> the builder */
    public interface BiasCorrectionSetter<B> {
        /** Sets {@code bias_correction}, how the zero start of the moving averages is corrected. */
        default B biasCorrection(BiasCorrection biasCorrection) {
            return HyperBuilder.setNamed(this, "bias_correction", biasCorrection);
        }
    }
}
