package org.descentlab.cli;

import org.descentlab.exercise.StudentVersion;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code descent exercises make-student}: the instructor's command; everything is done by {@link StudentVersion}. */
@Command(
        name = "exercises",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = ExercisesCommand.MakeStudent.class,
        description = "Course exercises: make the student notebooks from the solution notebooks.")
final class ExercisesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: make-student");
    }

    /** {@code make-student --in SOLUTIONS --out STUDENTS [--throw-only]}. */
    @Command(
            name = "make-student",
            mixinStandardHelpOptions = true,
            versionProvider = Main.Version.class,
            description = {
                "Write the student version of a solution notebook (or of every .ipynb under a directory):"
                        + " code between '// ### BEGIN SOLUTION' and '// ### END SOLUTION' becomes"
                        + " '// YOUR CODE HERE' and a throw of UnsupportedOperationException, markdown between"
                        + " '<!-- BEGIN SOLUTION -->' and '<!-- END SOLUTION -->' is removed, outputs are cleared.",
            },
            footer = {"", "Example:",
                "  descent exercises make-student --in notebooks/exercises/solutions --out notebooks/exercises"})
    static final class MakeStudent implements Runnable {

        @Spec
        CommandSpec spec;

        @Option(names = "--in", required = true, paramLabel = "FILE|DIR", description = "solution notebook or directory")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "FILE|DIR", description = "student notebook or directory")
        Path out;

        @Option(names = "--throw-only", description = "leave out the '// YOUR CODE HERE' comment line")
        boolean throwOnly;

        @Override
        public void run() {
            List<String> args = new ArrayList<>(List.of("--in", in.toString(), "--out", out.toString()));
            if (throwOnly) {
                args.add("--throw-only");
            }
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            int code;
            try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                    PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
                code = StudentVersion.run(args.toArray(String[]::new), po, pe);
            }
            spec.commandLine().getOut().print(o.toString(StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            if (code != 0) {
                String msg = e.toString(StandardCharsets.UTF_8).strip().replaceFirst("^error: ", "");
                throw new IllegalArgumentException(msg);
            }
        }
    }
}
