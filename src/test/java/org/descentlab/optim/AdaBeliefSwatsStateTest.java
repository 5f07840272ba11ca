package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * torch's state_dict round trip for AdaBelief, SWATS and AMSGrad: 20 steps, snapshot to bytes,
 * restore into a fresh optimizer, then 20 more steps in lockstep with bit-identical parameters.
 */
class AdaBeliefSwatsStateTest {

    interface Gradients {
        double[] at(int step, String name, int size);
    }

    static Gradients random(long seed) {
        return (step, name, size) -> {
            Random r = new Random(seed * 1000 + step * 31L + name.hashCode());
            double[] g = new double[size];
            for (int i = 0; i < size; i++) {
                g[i] = r.nextGaussian() + 0.2;
            }
            return g;
        };
    }

    /** Runs the round trip and returns the optimizer that was restored (still open) for more checks. */
    static void roundTrip(Supplier<DescentOptimizer> factory, Gradients gradients, DataType type,
            java.util.function.BiConsumer<DescentOptimizer, Integer> atStep) {
        try (NDManager manager = NDManager.newBaseManager();
                DescentOptimizer first = factory.get();
                DescentOptimizer second = factory.get()) {
            Map<String, NDArray> p1 = new LinkedHashMap<>();
            p1.put("layer.weight", manager.randomNormal(new Shape(5, 3)).toType(type, false));
            p1.put("layer.bias", manager.randomNormal(new Shape(3)).toType(type, false));
            for (int k = 0; k < 20; k++) {
                first.step(p1, grads(manager, p1, gradients, k, type));
                atStep.accept(first, k + 1);
            }
            byte[] bytes = first.state().toBytes();
            Map<String, NDArray> p2 = new LinkedHashMap<>();
            p1.forEach((n, w) -> p2.put(n, w.duplicate()));
            second.restore(OptimizerState.fromBytes(bytes), p2);
            for (int k = 20; k < 40; k++) {
                first.step(p1, grads(manager, p1, gradients, k, type));
                second.step(p2, grads(manager, p2, gradients, k, type));
                for (String n : p1.keySet()) {
                    assertArrayEquals(p1.get(n).toByteArray(), p2.get(n).toByteArray(), n + " at step " + (k + 1));
                }
                atStep.accept(second, k + 1);
            }
            assertEquals(first.state(), second.state());
        }
    }

    private static Map<String, NDArray> grads(NDManager manager, Map<String, NDArray> params, Gradients g, int step,
            DataType type) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.forEach((n, w) -> out.put(n, manager.create(g.at(step, n, (int) w.size()), w.getShape()).toType(type, false)));
        return out;
    }

    @Test
    void adaBelief() {
        roundTrip(() -> AdaBelief.builder().lr(0.01).weightDecay(0.1).build(), random(1), DataType.FLOAT64, (o, k) -> {});
    }

    @Test
    void adaBeliefAmsgradCoupledFloat32() {
        roundTrip(() -> AdaBelief.builder().lr(0.01).eps(1e-8).amsgrad(true).weightDecay(0.01)
                .decoupledWeightDecay(false).build(), random(2), DataType.FLOAT32, (o, k) -> {});
    }

    @Test
    void amsgrad() {
        roundTrip(() -> Adam.amsgrad(0.01), random(3), DataType.FLOAT64, (o, k) -> {});
    }

    /**
     * SWATS across the switch: the bias switches at step 2 (constant gradient, before the snapshot);
     * the weight gets small noise (gamma near 1, far from settled) for 20 steps, then a constant gradient, and switches after the restore.
     */
    @Test
    void swatsAcrossTheSwitch() {
        Gradients g = (step, name, size) -> {
            double[] out = new double[size];
            Random r = new Random(step);
            for (int i = 0; i < size; i++) {
                out[i] = name.endsWith("bias") ? 0.5 + i : (step < 20 ? 0.01 * r.nextGaussian() : 0.1 * (i % 4) - 0.15);
            }
            return out;
        };
        long[] weightSwitch = {0};
        roundTrip(() -> Swats.builder().lr(0.01).betas(0.5, 0.5).epsSwitch(1e-3).build(), g, DataType.FLOAT64,
                (o, k) -> {
                    Swats s = (Swats) o;
                    assertEquals(k >= 2 ? Swats.Phase.SGD : Swats.Phase.ADAM, s.phase("layer.bias"));
                    if (k == 20) {
                        assertEquals(Swats.Phase.ADAM, s.phase("layer.weight"), "weight switched before the snapshot");
                    }
                    if (k == 40) {
                        weightSwitch[0] = s.switchStep("layer.weight").orElse(-1);
                    }
                });
        System.out.println("SWATS round trip: layer.weight switched at step " + weightSwitch[0]);
        assertTrue(weightSwitch[0] > 20 && weightSwitch[0] < 40, "the weight switches after the restore, got " + weightSwitch[0]);
    }
}
