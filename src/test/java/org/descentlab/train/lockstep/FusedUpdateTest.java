package org.descentlab.train.lockstep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The fused CPU loops of {@link FusedUpdate} against the engine rules of {@link StackedOptimizer}: for
 * every rule and option, several steps on random stacked tensors with per-model rates leave parameters
 * and slots equal bit for bit ({@link Float#floatToRawIntBits}, so -0.0 and +0.0 differ), and the
 * buffers the loops write through are the tensors' own memory.
 */
class FusedUpdateTest {

    private static final int K = 3;
    private static final int STEPS = 6;
    /** Per-model shapes: a matrix, a vector, a 3-d tensor. */
    private static final List<Shape> SHAPES =
            List.of(new Shape(7, 19), new Shape(5), new Shape(2, 3, 4), new Shape(75, 78));
    private static final double[] LR = {0.005, 0.1, 0.03};
    private static final float[] NON_FINITE = {Float.NaN, Float.intBitsToFloat(0xffc00000), Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, 1e30f, -3e25f};

    static Stream<Map<String, Object>> rules() {
        return Stream.of(
                Map.of("name", "sgd", "lr", 0.1),
                Map.of("name", "sgd", "lr", 0.1, "momentum", 0.9),
                Map.of("name", "sgd", "lr", 0.1, "momentum", 0.9, "dampening", 0.3),
                Map.of("name", "sgd", "lr", 0.1, "momentum", 0.9, "nesterov", true),
                Map.of("name", "sgd", "lr", 0.1, "weight_decay", 0.01),
                Map.of("name", "sgd", "lr", 0.1, "momentum", 0.9, "weight_decay", 1e-4),
                Map.of("name", "sgd", "lr", 0.1, "momentum", 0.8, "nesterov", true, "weight_decay", 1e-3),
                Map.of("name", "adam", "lr", 0.005),
                Map.of("name", "adam", "lr", 0.005, "weight_decay", 0.01, "betas", List.of(0.8, 0.99)),
                Map.of("name", "adamw", "lr", 0.005),
                Map.of("name", "adamw", "lr", 0.005, "weight_decay", 0.0),
                Map.of("name", "adabelief", "lr", 0.005),
                Map.of("name", "adabelief", "lr", 0.005, "eps_root", 0.0, "eps", 1e-8),
                Map.of("name", "adabelief", "lr", 0.005, "weight_decay", 0.01),
                Map.of("name", "adabelief", "lr", 0.005, "weight_decay", 0.01, "decoupled_weight_decay", false,
                        "eps_root", 1e-12));
    }

    private static DescentOptimizer optimizer(Map<String, Object> spec) {
        Map<String, Object> options = new LinkedHashMap<>(spec);
        return Optimizers.create((String) options.remove("name"), Options.of(options));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void fusedStepsEqualEngineStepsBitForBit(Map<String, Object> spec) {
        assertFusedEqualsEngine(List.of(spec, spec, spec), spec.toString(), false);
    }

    /**
     * Gradients with NaN (Java's and x86's default NaN, whose sign bit is set), +-infinity and values whose
     * square overflows: the same NaNs and infinities, bit for bit, in parameters and slots.
     */
    @ParameterizedTest
    @MethodSource("rules")
    void nonFiniteGradientsGiveTheEnginesBits(Map<String, Object> spec) {
        assertFusedEqualsEngine(List.of(spec, spec, spec), spec.toString(), true);
    }

    /**
     * The lecture table's group: SGD with momentum and weight decay, Adam, AdamW, AdaBelief, three models
     * each, so every rule updates views with a storage offset.
     */
    @Test
    void aGroupOfFourRulesOnViewsEqualsTheEngineBitForBit() {
        List<Map<String, Object>> specs = new ArrayList<>();
        for (Map<String, Object> rule : List.<Map<String, Object>>of(
                Map.of("name", "sgd", "lr", 0.1, "momentum", 0.9, "weight_decay", 1e-4),
                Map.of("name", "adam", "lr", 0.005),
                Map.of("name", "adamw", "lr", 0.005),
                Map.of("name", "adabelief", "lr", 0.005))) {
            for (int m = 0; m < 3; m++) {
                specs.add(rule);
            }
        }
        assertFusedEqualsEngine(specs, "sgd, adam, adamw, adabelief x 3", false);
        assertFusedEqualsEngine(specs, "sgd, adam, adamw, adabelief x 3, non-finite gradients", true);
    }

    /**
     * Both paths from the same start, {@code specs.size()} models (one per spec), rates spread over two
     * decades; gradients with zeros of both signs and a spread of magnitudes.
     */
    private static void assertFusedEqualsEngine(List<Map<String, Object>> specs, String what, boolean nonFinite) {
        int k = specs.size();
        double[] lr = new double[k];
        for (int m = 0; m < k; m++) {
            lr[m] = LR[m % LR.length] * (1 + m / 7.0);
        }
        Random random = new Random(20261130L + what.hashCode());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            List<DescentOptimizer> holders = specs.stream().map(FusedUpdateTest::optimizer).toList();
            List<NDArray> fusedParams = new ArrayList<>();
            List<NDArray> engineParams = new ArrayList<>();
            for (Shape s : SHAPES) {
                NDArray w = manager.create(values(random, k * s.size(), 0.5f), stacked(k, s));
                fusedParams.add(w);
                engineParams.add(w.duplicate());
            }
            float[] start = fusedParams.get(0).toFloatArray();
            GroupOptimizer fused = new GroupOptimizer(holders, fusedParams);
            GroupOptimizer engine = new GroupOptimizer(holders, engineParams);
            engine.fused(false);
            for (int step = 0; step < STEPS; step++) {
                List<NDArray> grads = new ArrayList<>();
                for (Shape s : SHAPES) {
                    float[] g = values(random, k * s.size(), step == 0 ? 1f : 1e-3f);
                    if (nonFinite) {
                        for (int i = step; i < g.length; i += 13) {
                            g[i] = NON_FINITE[(i / 13) % NON_FINITE.length];
                        }
                    }
                    grads.add(manager.create(g, stacked(k, s)));
                }
                for (int i = 0; i < grads.size(); i++) {
                    NDArray w = fusedParams.get(i);
                    NDIndex segment = new NDIndex("1:2");
                    assertTrue(FusedUpdate.fits(w, grads.get(i)) && FusedUpdate.fits(w.get(segment),
                            grads.get(i).get(segment)), "the fused path applies");
                }
                fused.step(fusedParams, grads, lr, manager);
                engine.step(engineParams, grads, lr, manager);
                grads.forEach(NDArray::close);
                for (int i = 0; i < SHAPES.size(); i++) {
                    assertBitsEqual(engineParams.get(i).toFloatArray(), fusedParams.get(i).toFloatArray(),
                            what + ": parameter " + i + " after step " + (step + 1));
                    for (int m = 0; m < k; m++) {
                        for (String slot : engine.slotNames(m)) {
                            assertBitsEqual(engine.slot(i, slot, m), fused.slot(i, slot, m),
                                    what + ": slot " + slot + " of parameter " + i + ", model " + m + ", step "
                                            + (step + 1));
                        }
                    }
                }
            }
            float[] end = fusedParams.get(0).toFloatArray();
            assertFalse(java.util.Arrays.equals(start, end), "the parameters moved");
            boolean anyNaN = false;
            for (float x : end) {
                anyNaN |= Float.isNaN(x);
            }
            assertEquals(nonFinite, anyNaN, "NaN parameters where the gradients had non-finite values");
        }
    }

    /** Random floats of scale {@code scale}; one in 7 an exact zero (half of them -0.0), one in 11 x 1000. */
    private static float[] values(Random random, long n, float scale) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7 == 3 ? (random.nextBoolean() ? -0.0f : 0.0f)
                    : (float) random.nextGaussian() * scale * (i % 11 == 5 ? 1000 : 1);
        }
        return v;
    }

    private static Shape stacked(int k, Shape s) {
        long[] d = new long[s.dimension() + 1];
        d[0] = k;
        System.arraycopy(s.getShape(), 0, d, 1, s.dimension());
        return new Shape(d);
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + " (bits "
                        + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + "), the engine's " + expected[i]
                        + " (bits " + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + ")");
            }
        }
    }

    /**
     * The buffer of a view [1:2] of a stacked array (as GroupOptimizer slices its segments) is that view's
     * memory, storage offset included: writes through it reach the stacked array at model 1's elements,
     * and only there; an engine change is seen through it. A strided (non-contiguous) view does not fit.
     */
    @Test
    void theBufferOfASegmentViewIsItsOwnWritableMemory() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray stacked = manager.arange(0f, 24f).reshape(3, 2, 4);
            NDArray view = stacked.get(new NDIndex("1:2"));
            assertTrue(FusedUpdate.fits(view));
            FloatBuffer f = FusedUpdate.floats(view);
            assertEquals(8, f.capacity());
            assertEquals(8f, f.get(0));
            assertEquals(15f, f.get(7));
            f.put(0, -1f);
            f.put(7, -2f);
            float[] all = stacked.toFloatArray();
            for (int i = 0; i < all.length; i++) {
                float expected = i == 8 ? -1f : i == 15 ? -2f : i;
                assertEquals(expected, all[i], "element " + i);
            }
            view.addi(100f);
            assertEquals(99f, f.get(0));
            assertFalse(FusedUpdate.fits(stacked.transpose(0, 2, 1)), "a transposed view is not contiguous");
            assertFalse(FusedUpdate.fits(stacked.toType(DataType.FLOAT64, false)), "float64");
            assertFalse(FusedUpdate.fits(stacked, view), "different sizes");
        }
    }
}
