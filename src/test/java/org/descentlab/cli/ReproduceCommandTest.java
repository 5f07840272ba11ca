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
    void outIsRequiredAndHelpNamesTheExperiments() {
        assertEquals(Main.BAD_INPUT, CliRun.run("reproduce", "adam").exitCode());
        CliRun help = CliRun.run("reproduce", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--quick") && help.out().contains("sgd-scheduler-momentum"), help.out());
    }
}
