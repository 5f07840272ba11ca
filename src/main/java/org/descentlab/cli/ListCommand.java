package org.descentlab.cli;

import org.descentlab.optim.Optimizers;
import org.descentlab.problem.Problems;
import org.descentlab.schedule.Schedules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code descent list optimizers|problems|schedules}: prints a registry, one name per line;
 * {@code descent list optimizers NAME} prints that optimizer's hyper-parameters with their defaults,
 * valid values and meaning.
 */
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

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "with optimizers: one optimizer, to list its hyper-parameters")
    String name;

    /** The schedules to list: the registry's catalog unless a test swaps it. */
    Supplier<Map<String, String>> scheduleCatalog = Schedules::catalog;

    @Override
    public void run() {
        if (name != null) {
            if (!what.equalsIgnoreCase("optimizers")) {
                throw new IllegalArgumentException(
                        "NAME = '" + name + "' is invalid after " + what + ": only 'list optimizers NAME' takes one");
            }
            print(Optimizers.hyperParameters(name).table());
            return;
        }
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
        print(List.of(Main.table(entries, "")));
    }

    private void print(List<String> lines) {
        PrintWriter out = spec.commandLine().getOut();
        lines.forEach(out::println);
        out.flush();
    }
}
