package org.descentlab.cli;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.GradientClipping;
import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;
import org.descentlab.problem.GradientSequence;
import org.descentlab.problem.Problem;
import org.descentlab.problem.Problems;
import org.descentlab.problem.StochasticProblem;
import org.descentlab.schedule.Schedule;
import org.descentlab.schedule.Schedules;
import org.descentlab.util.Check;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * {@code descent trajectory}: runs one optimizer on one problem and prints the visited points as CSV
 * ({@code step,lr,loss,w0,w1,...}, full double precision), computed by {@link TrajectoryRunner}.
 */
@Command(
        name = "trajectory",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Run an optimizer on a toy problem and write the trajectory as CSV: step,lr,loss,w0,w1,...",
            "Row 0 is the start, row k the point after k updates; numbers are printed at full double "
                    + "precision (they read back to the same doubles).",
            "A run that diverges stops at its first non-finite loss: that row (loss NaN or Infinity) is the "
                    + "last one written, and one line on standard error gives the step, the loss and the likely "
                    + "cause (for problems with a Hessian: lr against 2/lambda_max along the path).",
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the trajectory was written, also when the run diverged: divergence is a result to look at, "
                    + "not an error, and the CSV is complete up to it (scripts tell it by the line on "
                    + "standard error)",
            Main.FAILURE + ":another failure (e.g. the engine could not start)",
            Main.BAD_INPUT + ":bad input: one line on standard error names the parameter and its valid range",
        })
final class TrajectoryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--problem", required = true, paramLabel = "NAME",
            description = "The problem (see the list below).")
    String problem;

    @Option(names = {"-P", "--problem-option"}, paramLabel = "KEY=VALUE",
            description = "A problem option, e.g. -P diag=1,100 or -P file=grads.txt; repeatable.")
    List<String> problemOptions = new ArrayList<>();

    @Option(names = "--optimizer", required = true, paramLabel = "NAME",
            description = "The optimizer (see the list below; torch class names such as AdamW work too).")
    String optimizer;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
            description = "A hyper-parameter in torch's spelling, e.g. -p lr=0.01 -p betas=0.9,0.999; repeatable. "
                    + "Names: lr, momentum, dampening, nesterov, weight_decay, betas, eps, amsgrad, ... as the "
                    + "optimizer takes them; omitted ones get torch's defaults.")
    List<String> params = new ArrayList<>();

    @Option(names = "--start", paramLabel = "X,Y,...",
            description = "The start point, comma-separated (default: the problem's own start).")
    String start;

    @Option(names = "--steps", required = true, paramLabel = "N",
            description = "The number of updates, an integer >= 0.")
    int steps;

    @Option(names = "--batch-size", paramLabel = "B",
            description = "Mini-batch SGD on a problem that averages over data (noisy-quadratic): each update uses "
                    + "the mean gradient of B examples drawn without replacement, B in [1, data size]. "
                    + "Default: the full gradient.")
    Integer batchSize;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "The seed of the mini-batch sampling (with --batch-size); default 0.")
    long seed;

    @Option(names = "--schedule", paramLabel = "NAME",
            description = "A learning-rate schedule, stepped once per update (sets lr before each update).")
    String schedule;

    @Option(names = {"-s", "--schedule-option"}, paramLabel = "KEY=VALUE",
            description = "A schedule option, e.g. -s gamma=0.5; repeatable.")
    List<String> scheduleOptions = new ArrayList<>();

    @Option(names = "--clip-norm", paramLabel = "X",
            description = "Clip each gradient to L2 norm at most X (> 0) before the update.")
    Double clipNorm;

    @Option(names = "--clip-value", paramLabel = "X",
            description = "Clamp each gradient entry to [-X, X] (X > 0) before the update.")
    Double clipValue;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "-",
            description = "Where to write the CSV; - (the default) is standard output.")
    String out;

    /** Finds schedules by name: the schedule registry unless a test swaps it. */
    ScheduleLookup schedules = Schedules::fromOptions;

    /** Gives the optimizer its gradient clipping rule unless a test swaps it. */
    BiConsumer<DescentOptimizer, GradientClipping> clipping = DescentOptimizer::setClipping;

    @Override
    public void run() {
        // 1. Everything that can be checked without building anything.
        Options problemOpts = options("-P", problemOptions);
        Options optimizerOpts = options("-p", params);
        Options scheduleOpts = options("-s", scheduleOptions);
        if (schedule == null && !scheduleOptions.isEmpty()) {
            throw new IllegalArgumentException("-s is invalid without --schedule: name the schedule first");
        }
        double[] startPoint = start == null ? null : parsePoint("--start", start);
        Check.atLeast("--steps", steps, 0);
        GradientClipping clip = clip();
        if (batchSize != null && batchSize < 1) {
            throw new IllegalArgumentException("--batch-size = " + batchSize + " is invalid: must be an integer >= 1");
        }

        // 2. Build through the registries; each message is prefixed with what it is about.
        Problem p = within("problem", problem, () -> Problems.create(problem, problemOpts, startPoint));
        if (steps > 0 && !p.hasGradientAt(steps - 1)) {
            String available = p instanceof GradientSequence seq ? String.valueOf(seq.length()) : "fewer";
            throw new IllegalArgumentException(
                    "--steps = " + steps + " is invalid: problem " + p.name() + " has gradients for "
                            + available + " steps only, so --steps must be <= " + available);
        }
        Trajectory trajectory;
        try (DescentOptimizer base = within("optimizer", optimizer, () -> Optimizers.create(optimizer, optimizerOpts))) {
            Schedule lrSchedule = schedule == null
                    ? null
                    : within("schedule", schedule, () -> schedules.find(schedule, scheduleOpts, base.lr()));
            if (clip != null) {
                clipping.accept(base, clip);
            }
            // 3. The computation itself: one call.
            double[] from = startPoint == null ? p.start() : startPoint;
            if (batchSize == null) {
                trajectory = TrajectoryRunner.run(p, base, lrSchedule, from, steps);
            } else if (p instanceof StochasticProblem sp) {
                if (batchSize > sp.dataSize()) {
                    throw new IllegalArgumentException("--batch-size = " + batchSize + " is invalid: must be an integer"
                            + " in [1, " + sp.dataSize() + "] (the data size of problem " + p.name() + ")");
                }
                trajectory = TrajectoryRunner.runStochastic(sp, base, lrSchedule, from, steps, batchSize, seed);
            } else {
                throw new IllegalArgumentException("--batch-size is invalid for problem " + p.name()
                        + ": it has no data to sample (use a problem such as noisy-quadratic)");
            }
        }

        // 4. Printing; a divergence is reported, not failed (see the exit status in --help).
        if (out.equals("-")) {
            trajectory.writeCsv(spec.commandLine().getOut());
        } else {
            write(trajectory);
        }
        trajectory.divergence().ifPresent(d -> {
            spec.commandLine().getErr().println(Main.prefix(spec.commandLine()) + d.message());
            spec.commandLine().getErr().flush();
        });
    }

    private void write(Trajectory trajectory) {
        Path path;
        try {
            path = Path.of(out);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--out = '" + out + "' is not a valid path: " + e.getMessage(), e);
        }
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            trajectory.writeCsv(w);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out = '" + out + "' cannot be written ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /** The clipping rule {@code --clip-norm} or {@code --clip-value} asks for, validated; {@code null} if none. */
    private GradientClipping clip() {
        if (clipNorm != null && clipValue != null) {
            throw new IllegalArgumentException(
                    "--clip-norm and --clip-value are mutually exclusive: give at most one");
        }
        if (clipNorm != null) {
            return GradientClipping.byGlobalNorm(Check.positive("--clip-norm", clipNorm));
        }
        if (clipValue != null) {
            return GradientClipping.byValue(Check.positive("--clip-value", clipValue));
        }
        return null;
    }

    /** {@code KEY=VALUE} assignments as Options; a malformed or repeated one names the option. */
    private static Options options(String option, List<String> assignments) {
        Set<String> seen = new HashSet<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        option + " '" + a + "' is invalid: must be KEY=VALUE, e.g. " + option + " lr=0.01");
            }
            String key = a.substring(0, eq).trim();
            if (!seen.add(key)) {
                throw new IllegalArgumentException(option + " " + key + " is given twice: give each name once");
            }
        }
        return Options.parse(assignments);
    }

    private static double[] parsePoint(String option, String text) {
        String[] parts = text.split(",", -1);
        double[] w = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        option + " = '" + text + "' is invalid: '" + parts[i].trim()
                                + "' is not a number (must be comma-separated numbers, e.g. 1.5,1.5)", e);
            }
        }
        return w;
    }

    /**
     * Runs {@code build}, prefixing a bad-input message with what was being built ({@code kind name: })
     * unless the message already starts with {@code kind = }.
     */
    private static <T> T within(String kind, String name, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith(kind + " = ")) {
                throw e;
            }
            throw new IllegalArgumentException(kind + " " + name + ": " + message, e);
        }
    }

    /** The help footer: examples and the registries, so new entries show up without editing help. */
    static String[] footer() {
        List<String> lines = new ArrayList<>(List.of(
                "",
                "Examples:",
                "  descent trajectory --problem rosenbrock --optimizer adam -p lr=0.01 -p betas=0.9,0.999 \\",
                "      --start 1.5,1.5 --steps 100 > adam.csv",
                "  descent trajectory --problem quadratic -P diag=1,100 --optimizer sgd -p lr=0.015 \\",
                "      -p momentum=0.9 --steps 200 --out heavy-ball.csv",
                "  descent trajectory --problem sequence -P file=grads.txt --optimizer AdamW -p lr=0.1 --steps 5",
                "  descent trajectory --problem noisy-quadratic --batch-size 10 --seed 1 --optimizer sgd -p lr=0.1 --steps 50",
                "  descent trajectory --problem banana --optimizer sgd -p lr=0.002 -p momentum=0.9 --steps 300",
                "",
                "Optimizers (--optimizer NAME, hyper-parameters with -p):"));
        lines.addAll(List.of(Main.table(Optimizers.descriptions(), "  ")));
        lines.add("");
        lines.add("Their hyper-parameters and defaults ('descent list optimizers NAME' explains each):");
        for (String name : Optimizers.names()) {
            lines.add("  " + name + ": " + Optimizers.hyperParameters(name).defaults());
        }
        lines.add("");
        lines.add("Problems (--problem NAME, options with -P):");
        lines.addAll(List.of(Main.table(Problems.descriptions(), "  ")));
        lines.add("");
        lines.add("--debug adds the stack trace to an error. 'descent list schedules' lists the --schedule names.");
        return lines.toArray(String[]::new);
    }
}
