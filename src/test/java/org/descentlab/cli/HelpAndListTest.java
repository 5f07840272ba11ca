package org.descentlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.Optimizers;
import org.descentlab.problem.Problems;
import org.descentlab.schedule.Schedules;
import org.junit.jupiter.api.Test;

import java.util.Map;

class HelpAndListTest {

    @Test
    void trajectoryHelpListsEveryOptimizerAndProblemWithExamples() {
        CliRun run = CliRun.run("trajectory", "--help");
        assertEquals(0, run.exitCode());
        for (String name : Optimizers.names()) {
            assertTrue(run.out().contains("\n  " + name + " "), "help lists optimizer " + name + ":\n" + run.out());
        }
        for (String name : Problems.names()) {
            assertTrue(run.out().contains("\n  " + name + " "), "help lists problem " + name);
        }
        assertTrue(run.out().contains("Examples:"));
        assertTrue(run.out().contains("--clip-norm"));
    }

    @Test
    void everyCommandsHelpListsItsExitStatuses() {
        for (String[] args : new String[][] {{"--help"}, {"trajectory", "--help"}, {"reproduce", "--help"},
            {"figures", "--help"}, {"list", "--help"}, {"exercises", "make-student", "--help"}}) {
            CliRun run = CliRun.run(args);
            assertEquals(0, run.exitCode());
            String help = run.out();
            assertTrue(help.contains("Exit status:") && help.contains("  0 ") && help.contains("  1 ")
                    && help.contains("  2   bad input"), String.join(" ", args) + ":\n" + help);
        }
        String trajectory = CliRun.run("trajectory", "--help").out();
        assertTrue(trajectory.contains("also when the run diverged"), trajectory);
        assertTrue(CliRun.run("reproduce", "--help").out().contains("an integer >= 1"));
    }

    @Test
    void topLevelHelpNamesTheCommands() {
        CliRun run = CliRun.run("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("trajectory"));
        assertTrue(run.out().contains("list"));
    }

    @Test
    void versionNamesDescentAndTheEngine() {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("descent "), run.out());
        assertTrue(run.out().contains("DJL 0.35.1"), run.out());
        assertTrue(!run.out().contains("${"), "version.properties is filtered by the build: " + run.out());
    }

    @Test
    void listPrintsEachRegistryWithDescriptions() {
        CliRun optimizers = CliRun.run("list", "optimizers");
        assertEquals(0, optimizers.exitCode());
        assertEquals(Optimizers.names().size(), optimizers.out().lines().count());
        for (Map.Entry<String, String> e : Optimizers.descriptions().entrySet()) {
            assertTrue(optimizers.out().lines().anyMatch(l -> l.startsWith(e.getKey() + " ") && l.endsWith(e.getValue())),
                    e.getKey());
        }
        CliRun problems = CliRun.run("list", "problems");
        assertEquals(0, problems.exitCode());
        assertEquals(Problems.names().size(), problems.out().lines().count());
    }

    @Test
    void listSchedulesPrintsEveryRegisteredSchedule() {
        CliRun run = CliRun.run("list", "schedules");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Schedules.names().size(), run.out().lines().count());
        for (String name : Schedules.names()) {
            assertTrue(run.out().contains(name), "lists " + name);
        }
    }
}
