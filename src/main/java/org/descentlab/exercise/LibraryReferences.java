package org.descentlab.exercise;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.descentlab.optim.DescentOptimizer;

import java.util.Map;
import java.util.function.Function;

/**
 * The library's optimizers behind the student interfaces, so that references and library-made
 * variants run through exactly the code a student's implementation runs through. Each {@link State}
 * gets its own optimizer, built from the case's hyper-parameters at the first step; parameters are
 * float64 arrays, so values agree with plain {@code double} arithmetic up to rounding.
 */
final class LibraryReferences {

    private LibraryReferences() {}

    /** A library optimizer and the manager of the arrays it steps. */
    private static final class Holder implements AutoCloseable {
        final DescentOptimizer optimizer;
        final NDManager manager = NDManager.newBaseManager(Device.cpu());

        Holder(DescentOptimizer optimizer) {
            this.optimizer = optimizer;
        }

        /** One step of the optimizer on {@code w} (updated in place) with gradient {@code grad}. */
        void step(double[] w, double[] grad) {
            try (NDManager sub = manager.newSubManager()) {
                NDArray wa = sub.create(w.clone());
                NDArray ga = sub.create(grad.clone());
                optimizer.step(Map.of("w", wa), Map.of("w", ga));
                double[] out = wa.toDoubleArray();
                System.arraycopy(out, 0, w, 0, w.length);
            }
        }

        @Override
        public void close() {
            optimizer.close();
            manager.close();
        }
    }

    /** A {@link StudentOptimizer} that is the library optimizer {@code factory} builds for a case. */
    static StudentOptimizer optimizer(String name, Function<Hyper, DescentOptimizer> factory) {
        return new StudentOptimizer() {
            @Override
            public void step(double[] w, double[] grad, Hyper h, State s) {
                Holder holder = s.internal(this, () -> new Holder(factory.apply(h)));
                holder.step(w, grad);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * Nesterov as the library's {@code HeavyBall(nesterov = true)}: the library keeps the look-ahead point
     * {@code u = w + c v} as its parameter and takes the gradient there, with {@code c = r lr}
     * ({@code r = 1} for the slide's look-ahead, {@code r = momentum} for torch's); the slide's iterate
     * follows from {@code u_k = w_k + r lr v_k} and {@code w_k = w_{k-1} + lr v_k}:
     * {@code w_k = (u_k + r w_{k-1}) / (1 + r)}.
     */
    static StudentNesterov nesterov(Function<Hyper, DescentOptimizer> factory,
            java.util.function.ToDoubleFunction<Hyper> lookaheadOverLr) {
        return new StudentNesterov() {
            @Override
            public void step(double[] w, GradientAt grad, Hyper h, State s) {
                Holder holder = s.internal(this, () -> new Holder(factory.apply(h)));
                double[] u = s.internal("lookahead", () -> w.clone());
                double[] previous = w.clone();
                holder.step(u, grad.at(u.clone()));
                double r = lookaheadOverLr.applyAsDouble(h);
                for (int i = 0; i < w.length; i++) {
                    w[i] = (u[i] + r * previous[i]) / (1 + r);
                }
            }

            @Override
            public String toString() {
                return "HeavyBall(nesterov)";
            }
        };
    }

    /**
     * The EMA of TTIC 31230 as the library's {@code EmaMomentum} with {@code lr = 1}, momentum
     * {@code 1 - 1/N} and bias correction {@code bc}: stepping from {@code w = 0} with the observation as
     * the gradient leaves {@code w = -estimate}.
     */
    static StudentEma ema(org.descentlab.optim.BiasCorrection bc) {
        return new StudentEma() {
            @Override
            public double[] update(double[] x, int n, State s) {
                Holder holder = s.internal(this, () -> new Holder(org.descentlab.optim.EmaMomentum.builder()
                        .lr(1).momentum(1 - 1.0 / n).biasCorrection(bc).build()));
                double[] w = new double[x.length];
                holder.step(w, x);
                for (int i = 0; i < w.length; i++) {
                    w[i] = -w[i];
                }
                return w;
            }

            @Override
            public String toString() {
                return "EmaMomentum(" + bc + ")";
            }
        };
    }
}
