package org.descentlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The quick-mode switch of the notebooks. */
class ModeTest {

    @Test
    void quickValuesOfTheVariable() {
        for (String v : new String[] {"1", "true", "TRUE", " yes "}) {
            assertTrue(Mode.isQuick(v), v);
        }
        for (String v : new String[] {null, "", "0", "false", "no", "2"}) {
            assertFalse(Mode.isQuick(v), String.valueOf(v));
        }
    }

    @Test
    void pickFollowsTheEnvironment() {
        boolean quick = Mode.quick();
        assertEquals(quick ? 1 : 2, Mode.pick(1, 2));
        assertEquals(quick ? "a" : "b", Mode.pick("a", "b"));
        assertEquals(quick ? "quick" : "full", Mode.name());
        assertTrue(Mode.describe().contains(Mode.name() + " mode"));
    }

    @Test
    void theModeLineNamesTheDeviceAndTheEngineBuild() {
        String line = Mode.describe();
        assertTrue(line.contains("device " + Mode.device() + " (PyTorch "), line);
        assertTrue(line.matches(".*, (cpu|cu\\d+) build; DESCENT_DEVICE=.*"), line);
    }
}
