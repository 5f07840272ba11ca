package org.descentlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;

import org.descentlab.problem.Banana;
import org.descentlab.problem.Problem;
import org.descentlab.problem.Rosenbrock;
import org.junit.jupiter.api.Test;

import java.util.Optional;

/** CSC413 L4, slide "Recap": incorrect gradients, finite differences. Tolerance: GradientCheck's default 1e-6 relative. */
class GradientCheckTest {

    @Test
    void correctProblemGradientPasses() {
        GradientCheck.Report r = GradientCheck.check(new Rosenbrock(), new double[] {-0.7, 2.1});
        System.out.println(r);
        assertTrue(r.passed(), r.toString());
        assertTrue(r.worstError() < 1e-8, "central differences are much better than the tolerance: " + r.worstError());
    }

    /** A gradient whose y-derivative is 1% too large fails, and the report names w[1]. */
    @Test
    void wrongProblemGradientFailsNamingTheCoordinate() {
        Banana banana = new Banana();
        Problem wrong = new Problem() {
            public String name() { return "banana-with-a-bug"; }
            public int dimension() { return 2; }
            public double loss(double[] w) { return banana.loss(w); }
            public double[] gradient(double[] w, long step) {
                double[] g = banana.gradient(w, step);
                g[1] *= 1.01;
                return g;
            }
            public double[] start() { return banana.start(); }
            public Optional<double[]> optimum() { return banana.optimum(); }
        };
        GradientCheck.Report r = GradientCheck.check(wrong, new double[] {0.3, 0.8});
        System.out.println(r);
        assertFalse(r.passed());
        assertEquals("w[1]", r.worstCoordinate());
        assertEquals(java.util.List.of("w[1]"), r.failures());
        assertEquals(0.01 / 1.01, r.worstError(), 1e-6);
        assertTrue(r.toString().contains("FAILED") && r.toString().contains("w[1]"), r.toString());
    }

    static SequentialBlock mlp() {
        SequentialBlock b = new SequentialBlock();
        b.add(Linear.builder().setUnits(4).build());
        b.add(Activation::tanh);
        b.add(Linear.builder().setUnits(1).build());
        return b;
    }

    static NDList[] data(NDManager m) {
        m.getEngine().setRandomSeed(3);
        NDArray x = m.randomNormal(new Shape(6, 3)).toType(DataType.FLOAT64, false);
        NDArray y = m.randomNormal(new Shape(6, 1)).toType(DataType.FLOAT64, false);
        return new NDList[] {new NDList(x), new NDList(y)};
    }

    /** Linear(4) -> tanh -> Linear(1) built in float64: autograd = central differences for all 21 parameters. */
    @Test
    void djlBlockBuiltInFloat64Passes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList[] d = data(m);
            SequentialBlock b = mlp();
            b.initialize(m, DataType.FLOAT64, new Shape(6, 3));
            GradientCheck.Report r = GradientCheck.check(b, d[0], d[1], Loss.l2Loss());
            System.out.println(r);
            assertEquals(3 * 4 + 4 + 4 * 1 + 1, r.names().size());
            assertTrue(r.passed(), r.toString());
            assertTrue(r.worstError() < 1e-7, r.toString());
        }
    }

    /**
     * A float32 block: DJL 0.35.1's block.cast(FLOAT64) is not implemented for SequentialBlock, so its
     * values are copied into a float64 twin, which passes.
     */
    @Test
    void float32BlockCheckedThroughAFloat64Twin() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList[] d = data(m);
            SequentialBlock b32 = mlp();
            b32.initialize(m, DataType.FLOAT32, new Shape(6, 3));
            assertThrows(UnsupportedOperationException.class, () -> b32.cast(DataType.FLOAT64));
            SequentialBlock b64 = mlp();
            b64.initialize(m, DataType.FLOAT64, new Shape(6, 3));
            GradientCheck.copyParameters(b32, b64);
            NDArray w32 = b32.getParameters().get(0).getValue().getArray();
            NDArray w64 = b64.getParameters().get(0).getValue().getArray();
            assertEquals(DataType.FLOAT64, w64.getDataType());
            org.junit.jupiter.api.Assertions.assertArrayEquals(w32.toType(DataType.FLOAT64, false).toDoubleArray(),
                    w64.toDoubleArray(), 0.0);
            GradientCheck.Report r = GradientCheck.check(b64, d[0], d[1], Loss.l2Loss());
            assertTrue(r.passed(), r.toString());
        }
    }

    /** A float32 block is refused with a message telling how to convert it. */
    @Test
    void float32BlockIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList[] d = data(m);
            SequentialBlock b = mlp();
            b.initialize(m, DataType.FLOAT32, new Shape(6, 3));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GradientCheck.check(b, d[0], d[1], Loss.l2Loss()));
            assertTrue(e.getMessage().contains("float64") && e.getMessage().contains("01Linear_weight"), e.getMessage());
        }
    }
}
