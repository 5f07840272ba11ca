package org.descentlab.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs {@link Main} in-process with captured standard output and error. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        return run(cmd -> {}, args);
    }

    /** Runs after {@code configure} has had the chance to swap the trajectory command's wiring. */
    static CliRun run(Consumer<TrajectoryCommand> configure, String... args) {
        CommandLine cmd = Main.newCommandLine();
        configure.accept((TrajectoryCommand) cmd.getSubcommands().get("trajectory").getCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The CSV rows after the header, each parsed to doubles. */
    List<double[]> rows() {
        String[] lines = out.split("\n");
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                row[j] = Double.parseDouble(cells[j]);
            }
            rows.add(row);
        }
        return rows;
    }

    String header() {
        return out.split("\n", 2)[0];
    }
}
