package org.descentlab.cli;

import org.descentlab.optim.Optimizers;
import org.descentlab.problem.Problems;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code bin/descent}: the command line. Only parsing and printing happen here; every number comes
 * from the registries ({@link Optimizers}, {@link Problems}) and the analysis runner.
 *
 * <p>Exit codes: 0 success, 2 bad input (a one-line message on stderr naming the parameter and its
 * valid range), 1 any other failure. {@code --debug} adds the stack trace.
 */
@Command(
        name = "descent",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {TrajectoryCommand.class, ListCommand.class, FiguresCommand.class, ReproduceCommand.class, ExercisesCommand.class,
            DoctorCommand.class},
        description = "Optimization for deep learning, one step at a time: optimizers on toy problems, the lecture figures and the MNIST experiments.",
        footer = {
            "",
            "Examples:",
            "  descent trajectory --problem rosenbrock --optimizer adam -p lr=0.01 --steps 100",
            "  descent list optimizers",
            "  descent figures --out target/figures",
            "  descent doctor",
            "  descent trajectory --help",
        })
public final class Main implements Runnable {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;
    /** Columns of help text (wide enough for the registry tables on one line each). */
    static final int USAGE_WIDTH = 120;
    /** Exit code for any other failure. */
    public static final int FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On error, print the stack trace too.")
    boolean debug;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** A fully configured command line (subcommands, help footers, error handling). */
    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setParameterExceptionHandler(Main::onBadArguments);
        cmd.setExecutionExceptionHandler(Main::onFailure);
        cmd.setUsageHelpWidth(USAGE_WIDTH);
        cmd.getSubcommands().get("trajectory").getCommandSpec().usageMessage()
                .footer(TrajectoryCommand.footer());
        cmd.getSubcommands().get("figures").getCommandSpec().usageMessage()
                .footer(FiguresCommand.footer());
        exitStatusHelp(cmd);
        return cmd;
    }

    /**
     * Adds the exit statuses to the help of every command that does not list its own (trajectory and
     * reproduce do: they say what a diverged run exits with).
     */
    private static void exitStatusHelp(CommandLine cl) {
        UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        if (usage.exitCodeList().isEmpty()) {
            Map<String, String> codes = new LinkedHashMap<>();
            codes.put("0", "success");
            codes.put(String.valueOf(FAILURE), "a failure other than bad input (the message says what; --debug adds the stack trace)");
            codes.put(String.valueOf(BAD_INPUT), "bad input: one line on standard error names the parameter and its valid range");
            usage.exitCodeListHeading("%nExit status:%n").exitCodeList(codes);
        }
        cl.getSubcommands().values().forEach(Main::exitStatusHelp);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "a command is required: trajectory, list, figures, reproduce, exercises or doctor");
    }

    /** Parse errors (unknown option, missing value, not a number): one line, exit 2. */
    private static int onBadArguments(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(prefix(cl) + "error: " + oneLine(String.valueOf(ex.getMessage()))
                + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        if (Arrays.asList(args).contains("--debug")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return BAD_INPUT;
    }

    /** Errors while running: bad input is exit 2, anything else exit 1; one line unless --debug. */
    private static int onFailure(Exception ex, CommandLine cl, ParseResult pr) {
        PrintWriter err = cl.getErr();
        boolean badInput = ex instanceof IllegalArgumentException;
        String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        err.println(prefix(cl) + "error: " + oneLine(message)
                + (badInput ? "" : " (" + ex.getClass().getSimpleName() + "; rerun with --debug for details)"));
        if (debugRequested(pr)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return badInput ? BAD_INPUT : FAILURE;
    }

    static String prefix(CommandLine cl) {
        return cl.getParent() == null ? "descent: " : "descent " + cl.getCommandName() + ": ";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static boolean debugRequested(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Formats a registry as aligned {@code name  description} lines. */
    static String[] table(Map<String, String> entries, String indent) {
        int width = entries.keySet().stream().mapToInt(String::length).max().orElse(0);
        return entries.entrySet().stream()
                .map(e -> indent + String.format("%-" + width + "s  %s", e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }

    /** The version of descent and of the engine it was built against, from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return new String[] {"descent (version unknown: built without resources)"};
                }
                p.load(in);
            }
            return new String[] {
                "descent " + p.getProperty("version"),
                "DJL " + p.getProperty("djl") + ", PyTorch " + p.getProperty("pytorch")
                        + ", Java " + System.getProperty("java.version"),
            };
        }
    }
}
