package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The DJL path: a float32 parameter with a gradient from autograd, updated through
 * {@code update("w", w, w.getGradient())} as a Trainer does, moves exactly as the named-parameter path
 * with the same gradient, and its gradient is zero afterwards.
 */
class DjlPathTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("adagrad", (Supplier<DescentOptimizer>) () -> Adagrad.of(0.1)),
                Arguments.of("rmsprop", (Supplier<DescentOptimizer>) () ->
                        RmsProp.builder().lr(0.01).centered(true).momentum(0.5).build()),
                Arguments.of("heavyball-nesterov", (Supplier<DescentOptimizer>) () ->
                        HeavyBall.builder().lr(0.05).momentum(0.9).nesterov(true).build()),
                Arguments.of("ema-momentum", (Supplier<DescentOptimizer>) () -> EmaMomentum.of(0.1, 0.9)),
                Arguments.of("local-gains", (Supplier<DescentOptimizer>) () -> LocalGains.of(0.05, 0.1)),
                Arguments.of("lars", (Supplier<DescentOptimizer>) () -> Lars.builder().lr(1.0).weightDecay(0.1).build()),
                Arguments.of("sgd-clip-by-value", (Supplier<DescentOptimizer>) () ->
                        Sgd.of(0.1).setClipping(GradientClipping.byValue(0.5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void updateEqualsTheNamedPathAndZeroesTheGradient(String name, Supplier<DescentOptimizer> maker) {
        float[] start = {1.0f, -2.0f, 0.5f};
        try (NDManager m = NDManager.newBaseManager();
                DescentOptimizer djl = maker.get();
                DescentOptimizer named = maker.get()) {
            NDArray d = m.create(new float[] {1.0f, 3.0f, 0.2f});
            NDArray w = m.create(start);
            w.setRequiresGradient(true);
            NDArray reference = m.create(start);
            for (int k = 0; k < 3; k++) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = w.mul(w).mul(d).sum().mul(0.5f);
                    collector.backward(loss);
                }
                NDArray grad = w.getGradient().duplicate();
                assertArrayEquals(d.mul(w).toFloatArray(), grad.toFloatArray(), 1e-6f, "autograd gradient");
                named.step(Map.of("w", reference), Map.of("w", grad));
                djl.update("w", w, w.getGradient());
                assertArrayEquals(reference.toFloatArray(), w.toFloatArray(), name + " at step " + (k + 1));
                assertArrayEquals(new float[3], w.getGradient().toFloatArray(), "gradient zeroed");
            }
            assertEquals(3L, djl.stateOf("w").step());
        }
    }

    @Test
    void trainingLoopClipsTheGradientsInPlaceBeforeTheUpdates() {
        for (GradientClipping rule : List.of(GradientClipping.byGlobalNorm(1.0), GradientClipping.byValue(0.5))) {
            try (NDManager m = NDManager.newBaseManager(); DescentOptimizer adam = Adam.of(0.1);
                    DescentOptimizer reference = Adam.of(0.1)) {
                NDArray a = m.create(new float[] {3.0f, -4.0f});
                NDArray b = m.create(new float[] {1.0f});
                a.setRequiresGradient(true);
                b.setRequiresGradient(true);
                NDArray a2 = m.create(new float[] {3.0f, -4.0f});
                NDArray b2 = m.create(new float[] {1.0f});
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(a.mul(a).sum().add(b.mul(b).sum()));    // gradients (6, -8) and (2)
                }
                Map<String, NDArray> clipped = rule.clip(Map.of("a", m.create(new float[] {6f, -8f}),
                        "b", m.create(new float[] {2f})));
                rule.clipInPlace(List.of(a.getGradient(), b.getGradient()));
                assertArrayEquals(clipped.get("a").toFloatArray(), a.getGradient().toFloatArray(), 0f, rule.toString());
                assertArrayEquals(clipped.get("b").toFloatArray(), b.getGradient().toFloatArray(), 0f, rule.toString());
                adam.update("a", a, a.getGradient());
                adam.update("b", b, b.getGradient());
                reference.step(Map.of("a", a2, "b", b2), clipped);
                assertArrayEquals(a2.toFloatArray(), a.toFloatArray(), rule.toString());
                assertArrayEquals(b2.toFloatArray(), b.toFloatArray(), rule.toString());
            }
        }
    }
}
