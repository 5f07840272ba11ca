package org.descentlab.cli;

import org.descentlab.optim.Optimizers;
import org.descentlab.problem.Problems;
import org.descentlab.schedule.Schedules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** {@code descent list optimizers|problems|schedules}: prints a registry, one name per line. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "List the names the other commands accept, each with a one-line description.")
final class ListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WHAT", description = "optimizers, problems or schedules")
    String what;

    /** The schedules to list: the registry's catalog unless a test swaps it. */
    Supplier<Map<String, String>> scheduleCatalog = Schedules::catalog;

    @Override
    public void run() {
        Map<String, String> entries = switch (what.toLowerCase(Locale.ROOT)) {
            case "optimizers" -> Optimizers.descriptions();
            case "problems" -> Problems.descriptions();
            case "schedules" -> scheduleCatalog.get();
            default -> throw new IllegalArgumentException(
                    "WHAT = '" + what + "' is invalid: must be one of optimizers, problems, schedules");
        };
        if (entries.isEmpty()) {
            spec.commandLine().getErr().println("descent list: no " + what + " are available in this build yet");
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String line : Main.table(entries, "")) {
            out.println(line);
        }
        out.flush();
    }
}
