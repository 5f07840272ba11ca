package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each optimizer's {@link HyperParameters} declaration is what its builder, its option parsing, its
 * {@code hyperParameters()} and the registry use; the registry's spellings; the state's byte order.
 */
class HyperParameterDeclarationTest {

    @Test
    void everyRegisteredOptimizerShowsItsDeclarationInOrderWithTheDeclaredDefaults() {
        for (String name : Optimizers.names()) {
            HyperParameters declared = Optimizers.hyperParameters(name);
            try (DescentOptimizer o = Optimizers.create(name, Options.of(Map.of()))) {
                assertEquals(declared.lr().defaultValue(), o.lr(), name + " lr");
                List<String> names = new ArrayList<>();
                for (HyperParameter<?> p : declared.all().subList(1, declared.all().size())) {
                    names.add(p.name());
                }
                List<String> shown = new ArrayList<>(o.hyperParameters().keySet());
                assertTrue(names.containsAll(shown), name + ": " + shown + " not within " + names);
                assertEquals(names.stream().filter(shown::contains).toList(), shown, name + " order");
            }
        }
    }

    @Test
    void amsgradIsListedWithAmsgradOnAndAdamWithItOff() {
        assertEquals(true, Optimizers.hyperParameters("amsgrad").named("amsgrad").defaultValue());
        assertEquals("AMSGrad", Optimizers.hyperParameters("amsgrad").owner());
        assertEquals(false, Optimizers.hyperParameters("adam").named("amsgrad").defaultValue());
        assertEquals(Adam.HYPER.all().size(), Optimizers.hyperParameters("amsgrad").all().size());
        try (DescentOptimizer o = Optimizers.create("amsgrad", Options.of(Map.of()))) {
            assertEquals(true, o.hyperParameters().get("amsgrad"));
        }
        // a preset must name a declared hyper-parameter
        assertEquals("Adam has no hyper-parameter nesterov", assertThrows(IllegalArgumentException.class,
                () -> Adam.HYPER.presetting("x", HyperParameters.NESTEROV, true)).getMessage());
    }

    @Test
    void optionsBuilderAndDefaultsAgree() {
        Sgd typed = Sgd.builder().lr(0.1).momentum(0.9).nesterov(true).build();
        Sgd parsed = Sgd.fromOptions(Options.parse(List.of("lr=0.1", "momentum=0.9", "nesterov=true")));
        assertEquals(typed.toString(), parsed.toString());
        assertEquals("SGD(lr=0.1, momentum=0.9, dampening=0.0, weight_decay=0.0, nesterov=true)", typed.toString());
        assertEquals(0.01, ((Double) AdamW.of(1e-3).hyperParameters().get("weight_decay")), 0.0);
        assertEquals(0.0, ((Double) Adam.of(1e-3).hyperParameters().get("weight_decay")), 0.0);
        assertEquals("(0.9, 0.999)", Adam.of(1e-3).hyperParameters().get("betas"));
        assertEquals(1e-16, (Double) AdaBelief.of(1e-3).hyperParameters().get("eps_root"), 0.0);
        assertEquals(1e-7, (Double) AdaBelief.builder().eps(1e-7).build().hyperParameters().get("eps_root"), 0.0);
        assertEquals("lr=0.001 momentum=0.0 dampening=0.0 weight_decay=0.0 nesterov=false", Sgd.HYPER.defaults());
        assertTrue(AdaBelief.HYPER.defaults().contains("eps_root=eps"), AdaBelief.HYPER.defaults());
    }

    @Test
    void rangesComeFromTheDeclarationWithTheParameterNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sgd.builder().momentum(1.0).build());
        assertEquals("momentum = 1.0 is invalid: must be a number in [0, 1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adam.builder().betas(0.9, -0.1).build());
        assertEquals("betas[1] = -0.1 is invalid: must be a number in [0, 1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("rmsprop", Options.of(Map.of("lr", 0.1, "alpah", 0.9))));
        assertTrue(e.getMessage().contains("[alpah]") && e.getMessage().contains("alpha"), e.getMessage());
        List<String> table = Sgd.HYPER.table();
        assertEquals(5, table.size());
        assertTrue(table.get(1).startsWith("momentum") && table.get(1).contains("a number in [0, 1)"), table.get(1));
    }

    @Test
    void registryNamesUseHyphensAndAcceptClassNamesAndOldSpellings() {
        for (String name : Optimizers.names()) {
            assertTrue(name.matches("[a-z0-9]+(-[a-z0-9]+)*"), name);
        }
        assertEquals("heavy-ball", Optimizers.resolve("heavyball"));
        assertEquals("heavy-ball", Optimizers.resolve("HeavyBall"));
        assertEquals("ema-momentum", Optimizers.resolve("ema_momentum"));
        assertEquals("ema-momentum", Optimizers.resolve("EmaMomentum"));
        assertEquals("local-gains", Optimizers.resolve("LocalGains"));
        assertEquals("sgd", Optimizers.resolve("SGD"));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.resolve("heavy"));
    }

    @Test
    void slotBytesAreLittleEndianAndRoundTrip() {
        try (NDManager m = NDManager.newBaseManager(); Sgd sgd = Sgd.builder().lr(1).momentum(0.5).build()) {
            NDArray w = m.create(new double[] {0.0});
            sgd.step(Map.of("w", w), Map.of("w", m.create(new double[] {-1.0})));
            OptimizerState.Slot slot = sgd.state().params().get("w").slots().get("momentum_buffer");
            assertEquals(DataType.FLOAT64, slot.dataType());
            // -1.0 is 0xBFF0000000000000: little-endian puts the low byte first
            assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, (byte) 0xBF}, slot.data());
            try (Sgd restored = Sgd.builder().lr(1).momentum(0.5).build()) {
                restored.restore(OptimizerState.fromBytes(sgd.state().toBytes()));
                NDArray w2 = w.duplicate();
                restored.step(Map.of("w", w2), Map.of("w", m.create(new double[] {0.0})));
                sgd.step(Map.of("w", w), Map.of("w", m.create(new double[] {0.0})));
                assertArrayEquals(w.toDoubleArray(), w2.toDoubleArray(), 0.0);
                assertEquals(1.5, w2.getDouble(0), 0.0); // 0 + 1 (first step) + 0.5 (momentum)
            }
        }
    }
}
