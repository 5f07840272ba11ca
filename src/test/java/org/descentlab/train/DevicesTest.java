package org.descentlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;

import org.junit.jupiter.api.Test;

/** Device spellings, their normal form, and a GPU that is not there as an error with its reason. */
class DevicesTest {

    @Test
    void spellingsAndTheirNormalForm() {
        assertEquals("auto", Devices.normalize(null));
        assertEquals("auto", Devices.normalize(" "));
        assertEquals("cpu", Devices.normalize("CPU"));
        assertEquals("gpu:0", Devices.normalize("gpu"));
        assertEquals("gpu:3", Devices.normalize(" gpu:3 "));
        for (String bad : new String[] {"cuda", "gpu:", "gpu:-1", "gpu0", "tpu"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.normalize(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains(Devices.VALID), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder("x").device("gpu1").build());
        assertEquals("gpu:0", TrainingConfig.builder("x").device("gpu").build().device());
        assertEquals("auto", TrainingConfig.builder("x").build().device());
    }

    @Test
    void namesUseTheOptionsSpelling() {
        assertEquals("cpu", Devices.name(Device.cpu()));
        assertEquals("gpu:2", Devices.name(Device.gpu(2)));
    }

    @Test
    void aGpuThatIsNotThereIsAnErrorThatSaysWhy() {
        assertEquals(Device.cpu(), Devices.resolve("cpu"));
        int gpus = Engine.getInstance().getGpuCount();
        if (gpus == 0) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.resolve("gpu"));
            assertTrue(e.getMessage().startsWith("device = 'gpu:0' is unavailable: the engine has no GPU ("), e.getMessage());
            assertTrue(e.getMessage().contains(EngineInfo.reasonForNoGpu()), e.getMessage());
            if (System.getenv(Devices.VARIABLE) == null) {
                assertEquals(Device.cpu(), Devices.resolve("auto"));
            }
        } else {
            assertEquals(Device.gpu(0), Devices.resolve("gpu"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.resolve("gpu:" + gpus));
            assertTrue(e.getMessage().contains("[0, " + (gpus - 1) + "]"), e.getMessage());
        }
    }

    @Test
    void theReasonForNoGpuNamesWhatIsMissing() {
        if (Engine.getInstance().getGpuCount() > 0) {
            assertEquals("", EngineInfo.probe().whyNoGpu());
            return;
        }
        String why = EngineInfo.reasonForNoGpu();
        boolean cudaBundled = EngineInfo.bundledBuilds().stream().anyMatch(f -> f.startsWith("cu"));
        assertTrue(cudaBundled ? !why.contains("-Pgpu") : why.contains("-Pgpu"), why);
        assertEquals(why, EngineInfo.probe().whyNoGpu());
    }

    @Test
    void flavorFromTheCacheDirectoryName() {
        assertEquals("cpu", EngineInfo.flavorOf("/home/u/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64"));
        assertEquals("cu124", EngineInfo.flavorOf("/home/u/.djl.ai/pytorch/2.5.1-20241113-cu124-linux-x86_64"));
        assertEquals("cpu", EngineInfo.flavorOf("/c/2.5.1-cpu-precxx11-linux-aarch64"));
        assertEquals("unknown", EngineInfo.flavorOf("/opt/libtorch"));
    }
}
