package org.descentlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;

import org.descentlab.train.EngineInfo;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code descent doctor}: one line per fact, engine, build and device named, consistent with the engine. */
class DoctorCommandTest {

    @Test
    void namesEngineBuildDeviceAndTheirReasons() {
        CliRun r = CliRun.run("doctor");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Arrays.asList(r.out().split("\n"));
        for (String key : new String[] {"java: ", "djl: ", "engine: ", "native library: ", "bundled PyTorch builds: ",
            "gpus: ", "cuda runtime: ", "intra-op threads: ", "offline mode: ", "device: ", "mnist cache: "}) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(key)), "line '" + key + "' in\n" + r.out());
        }
        Engine e = Engine.getInstance();
        assertTrue(r.out().contains("djl: " + Engine.getDjlVersion() + "\n"), r.out());
        assertTrue(r.out().contains("engine: PyTorch " + e.getVersion() + ", flavor "), r.out());
        String flavor = EngineInfo.probe().flavor();
        assertTrue(flavor.equals("cpu") || flavor.matches("cu\\d+"), flavor);
        assertTrue(r.out().contains("native library: ") && r.out().contains(flavor), r.out());
        // offline mode is what surefire and bin/descent set (DJL_OFFLINE=true)
        assertTrue(r.out().contains("offline mode: true"), r.out());
        if (e.getGpuCount() == 0) {
            assertTrue(r.out().contains("gpus: 0 (") && r.out().contains("device: cpu (default;"), r.out());
        } else {
            assertTrue(r.out().contains("gpus: " + e.getGpuCount() + "\n  gpu:0 ") && r.out().contains("device: gpu:0"),
                    r.out());
        }
    }
}
