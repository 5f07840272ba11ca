package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import org.descentlab.problem.Rosenbrock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Saving and restoring the state of each optimizer continues bit-identically: 20 steps on Rosenbrock,
 * snapshot, bytes, restore into a fresh optimizer, then 20 more steps of both in lockstep.
 */
class StateRoundTripTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("heavyball", (Supplier<DescentOptimizer>) () -> HeavyBall.of(2e-4, 0.9)),
                Arguments.of("heavyball-nesterov", (Supplier<DescentOptimizer>) () ->
                        HeavyBall.builder().lr(2e-4).momentum(0.9).nesterov(true).weightDecay(0.01).build()),
                Arguments.of("ema-momentum", (Supplier<DescentOptimizer>) () ->
                        EmaMomentum.builder().lr(2e-3).momentum(0.9).biasCorrection(BiasCorrection.MIN_T_N).build()),
                Arguments.of("adagrad", (Supplier<DescentOptimizer>) () ->
                        Adagrad.builder().lr(0.1).lrDecay(0.01).initialAccumulatorValue(0.1).build()),
                Arguments.of("rmsprop", (Supplier<DescentOptimizer>) () ->
                        RmsProp.builder().lr(1e-3).centered(true).momentum(0.5).weightDecay(0.01).build()),
                Arguments.of("local-gains", (Supplier<DescentOptimizer>) () ->
                        LocalGains.builder().lr(1e-4).beta(0.05).maxGain(10).build()),
                Arguments.of("lars", (Supplier<DescentOptimizer>) () ->
                        Lars.builder().lr(1.0).weightDecay(0.1).nesterov(true).build()),
                Arguments.of("adam-optax", (Supplier<DescentOptimizer>) () ->
                        Adam.builder().lr(1e-2).amsgrad(true).amsgradCorrectedMax(true).epsRoot(1e-8).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void restoredStateContinuesBitIdentically(String name, Supplier<DescentOptimizer> maker) {
        Rosenbrock problem = new Rosenbrock();
        try (NDManager m = NDManager.newBaseManager();
                DescentOptimizer original = maker.get();
                DescentOptimizer restored = maker.get()) {
            NDArray w1 = m.create(problem.start()).toType(DataType.FLOAT64, false);
            for (int k = 0; k < 20; k++) {
                step(problem, original, w1, k, m);
            }
            byte[] bytes = original.state().toBytes();
            NDArray w2 = w1.duplicate();
            restored.restore(OptimizerState.fromBytes(bytes), Map.of("w", w2));
            for (int k = 20; k < 40; k++) {
                step(problem, original, w1, k, m);
                step(problem, restored, w2, k, m);
                assertArrayEquals(w1.toDoubleArray(), w2.toDoubleArray(), name + " at step " + (k + 1));
            }
            assertTrue(original.state().equals(restored.state()), name + ": the states agree after 40 steps");
        }
    }

    private static void step(Rosenbrock problem, DescentOptimizer o, NDArray w, int k, NDManager m) {
        try (NDArray g = m.create(problem.gradient(w.toDoubleArray(), k))) {
            o.step(Map.of("w", w), Map.of("w", g));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void restoringIntoAnotherTypeOrShapeIsAClearError(String name, Supplier<DescentOptimizer> maker) {
        try (NDManager m = NDManager.newBaseManager();
                DescentOptimizer original = maker.get();
                DescentOptimizer other = original instanceof Sgd ? Adam.of(0.1) : Sgd.of(0.1);
                DescentOptimizer same = maker.get()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("w", m.create(new double[] {1.0, 2.0}));
            original.step(params, Map.of("w", m.create(new double[] {0.5, -0.5})));
            OptimizerState saved = OptimizerState.fromBytes(original.state().toBytes());
            IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> other.restore(saved));
            assertTrue(type.getMessage().contains(original.name()) && type.getMessage().contains(other.name()),
                    type.getMessage());
            IllegalStateException shape = assertThrows(IllegalStateException.class,
                    () -> same.restore(saved, Map.of("w", m.create(new double[] {1.0, 2.0, 3.0}))));
            assertTrue(shape.getMessage().contains("(2)") && shape.getMessage().contains("(3)"), shape.getMessage());
        }
    }
}
