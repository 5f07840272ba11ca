package org.descentlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code descent reproduce}: bad names and options are bad input (exit 2) naming what is valid. */
class ReproduceCommandTest {

    @Test
    void unknownExperimentListsTheKnownOnes() {
        CliRun r = CliRun.run("reproduce", "adma", "--quick", "--out", "target/descent-never-written");
        assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("'adma' is unknown") && r.err().contains("batchsize-1024")
                && r.err().contains("linear-scaling"), r.err());
    }

    @Test
    void aGpuThatIsNotThereIsBadInputWithTheReason() {
        CliRun bad = CliRun.run("reproduce", "adam", "--quick", "--device", "gpu1", "--out", "target/descent-never-written");
        assertEquals(Main.BAD_INPUT, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("device = 'gpu1' is invalid: must be cpu, gpu, gpu:N"), bad.err());
        if (ai.djl.engine.Engine.getInstance().getGpuCount() == 0) {
            CliRun r = CliRun.run("reproduce", "adam", "--quick", "--device", "gpu", "--out", "target/descent-never-written");
            assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("descent reproduce: error: device = 'gpu:0' is unavailable: the engine has no GPU ("),
                    r.err());
            assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("target/descent-never-written")), "nothing written");
        } else {
            CliRun r = CliRun.run("reproduce", "adam", "--quick", "--device", "gpu:99", "--out", "target/descent-never-written");
            assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
            assertTrue(r.err().contains("'gpu:99' is unavailable"), r.err());
        }
    }

    @Test
    void outIsRequiredAndHelpNamesTheExperiments() {
        assertEquals(Main.BAD_INPUT, CliRun.run("reproduce", "adam").exitCode());
        CliRun help = CliRun.run("reproduce", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--quick") && help.out().contains("sgd-scheduler-momentum")
                && help.out().contains("--device=cpu|gpu|gpu:N"), help.out());
    }
}
