package org.descentlab.bench;

import org.descentlab.experiment.Experiment;
import org.descentlab.experiment.Experiments;
import org.descentlab.experiment.Reproduce;
import org.descentlab.util.DirectoryTree;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The lecture table (the 7 experiments with a lecture number x 3 seeds, full data) for a few epochs,
 * done one after another in one process ({@code --jobs 1}, every seed alone) and done the fast way
 * ({@code --jobs N} worker processes, the seeds of a run in lockstep where
 * {@link org.descentlab.train.lockstep.LockstepPolicy} says it pays), each mode in a JVM of its own
 * so that its peak memory is its own. Prints
 * {@code ratio table fast/sequential = <x>} (wall times), {@code projected full table = <N> min} and the
 * peak resident memory (sum of VmHWM over the mode's processes).
 *
 * <p>Projection to 100 epochs: the measured wall time plus the remaining epochs at each run's last
 * measured epoch time (a lockstep seed's is its share of its group's), summed over the runs and divided
 * over the workers. The first epoch of a process carries the JIT's warm-up, which the other 99 do not;
 * start-up (JVMs, MNIST) is paid once, as in a real reproduction. Besides the wall-time ratio of the
 * measured epochs (start-up and warm-up included, which weigh more in a short run than in the table), the
 * ratio of the two projections is printed: that of the full table. Two comment lines say where a short
 * run's time goes besides the epochs' steady work: the ratio of the runs' first epoch to their last (the
 * warm-up), and the wall time outside the epochs (the wall time less the runs' epoch seconds, those of the
 * fast way divided over its workers).
 *
 * <p>Usage (bin/bench-table): {@code TableBenchmark [--quick] [--epochs E] [--jobs N] [--rounds R]}; quick =
 * 2 epochs per run, else 3. With several rounds (the order of the two modes alternating) the ratio is the
 * median of the rounds' ratios: on a shared machine the load drifts between the parts of one round.
 */
public final class TableBenchmark {

    private static final String TAG = "@table ";
    private static final int SEEDS = 3;
    private static final int FULL_EPOCHS = 100;

    private TableBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        int epochs = intOption(a, "--epochs", quick ? 2 : 3);
        int jobs = intOption(a, "--jobs", Runtime.getRuntime().availableProcessors());
        if (a.contains("--child")) {
            child(epochs, intOption(a, "--child", 1), a.contains("--lockstep"), Path.of(a.get(a.indexOf("--out") + 1)));
            return;
        }
        Path base = Path.of("target", "bench-table");
        List<String> names = Experiments.lectureTable().stream().map(Experiment::name).toList();
        System.out.printf(Locale.ROOT, "# the lecture table: %s; %d seeds, %d epoch%s each, full data%n", names, SEEDS,
                epochs, epochs == 1 ? "" : "s");
        System.out.println("# the machine may be shared: the load average (1, 5, 15 min) is printed before each part");
        int rounds = intOption(a, "--rounds", 1);
        List<Double> ratios = new ArrayList<>();
        List<Double> projected = new ArrayList<>();
        List<Double> projectedSeq = new ArrayList<>();
        double peakFast = 0;
        double peakSeq = 0;
        List<double[]> fastRounds = new ArrayList<>();
        List<double[]> seqRounds = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            // alternate which mode goes first, so that a drift in the machine's load favours neither
            double[] seq = null;
            double[] fast = null;
            for (boolean fastNow : r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                if (fastNow) {
                    fast = mode(base.resolve("fast"), epochs, jobs, true);
                    System.out.printf(Locale.ROOT, "round %d fast (%d worker processes, longest first, lockstep seeds"
                            + " where LockstepPolicy says it pays): %.1f s,"
                            + " peak RSS %.0f MB%n", r + 1, jobs, fast[0], fast[1] / 1e6);
                } else {
                    seq = mode(base.resolve("sequential"), epochs, 1, false);
                    System.out.printf(Locale.ROOT, "round %d sequential (one process, one run after another): %.1f s,"
                            + " peak RSS %.0f MB%n", r + 1, seq[0], seq[1] / 1e6);
                }
            }
            fastRounds.add(fast);
            seqRounds.add(seq);
            ratios.add(fast[0] / seq[0]);
            projected.add(project(fast, epochs, jobs));
            projectedSeq.add(project(seq, epochs, 1));
            peakFast = Math.max(peakFast, fast[1]);
            peakSeq = Math.max(peakSeq, seq[1]);
        }
        System.out.println("# " + load());
        System.out.printf(Locale.ROOT, "ratio table fast/sequential = %.2f (wall time of %d epoch%s per run, start-up"
                + " included%s)%n", median(ratios), epochs, epochs == 1 ? "" : "s",
                rounds == 1 ? "" : "; median of the rounds' ratios " + format(ratios));
        List<Double> fullRatios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            fullRatios.add(projected.get(r) / projectedSeq.get(r));
        }
        System.out.printf(Locale.ROOT, "ratio full table fast/sequential = %.2f (the projections below%s)%n",
                median(fullRatios), rounds == 1 ? "" : "; median of the rounds' ratios " + format(fullRatios));
        System.out.printf(Locale.ROOT, "projected full table = %.0f min (sequential: %.0f min; %d epochs per run%s)%n",
                median(projected) / 60, median(projectedSeq) / 60, FULL_EPOCHS, rounds == 1 ? "" : "; medians");
        System.out.printf(Locale.ROOT, "peak resident memory = %.0f MB (fast), %.0f MB (sequential)%n", peakFast / 1e6,
                peakSeq / 1e6);
        if (epochs > 1) {
            System.out.printf(Locale.ROOT, "# first epoch / last epoch = %.2f (fast), %.2f (sequential): the warm-up (JIT"
                    + " compilation, which in the fast way competes with the training threads for the cores)%s%n",
                    median(fastRounds.stream().map(m -> m[3] / m[2]).toList()),
                    median(seqRounds.stream().map(m -> m[3] / m[2]).toList()), rounds == 1 ? "" : " (medians)");
        }
        System.out.printf(Locale.ROOT, "# wall time outside the epochs = %.1f s (fast), %.1f s (sequential): start-up (JVMs,"
                + " engine, MNIST), test-set evaluations, result files; the epochs alone, fast/sequential = %.2f%s%n",
                median(fastRounds.stream().map(m -> m[0] - m[4] / jobs).toList()),
                median(seqRounds.stream().map(m -> m[0] - m[4]).toList()),
                median(IntStream.range(0, rounds)
                        .mapToObj(r -> fastRounds.get(r)[4] / jobs / seqRounds.get(r)[4]).toList()),
                rounds == 1 ? "" : " (medians)");
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String format(List<Double> v) {
        return v.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList().toString();
    }

    /** Wall seconds to 100 epochs from {wall, peak, sum of the runs' last epoch seconds, ...}. */
    private static double project(double[] m, int epochs, int jobs) {
        return m[0] + (FULL_EPOCHS - epochs) * m[2] / jobs;
    }

    /**
     * Runs one mode in a JVM of its own; returns {wall seconds, peak bytes, and the sums over the runs of
     * their last epoch's, first epoch's and all epochs' seconds}.
     */
    private static double[] mode(Path out, int epochs, int jobs, boolean lockstep) throws IOException, InterruptedException {
        DirectoryTree.delete(out);
        System.out.println("# " + load());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.awt.headless=true"));
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("descent.") || k.startsWith("ai.djl.") || k.startsWith("org.slf4j.")) {
                cmd.add("-D" + k + "=" + System.getProperty(k));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TableBenchmark.class.getName(),
                "--epochs", Integer.toString(epochs), "--child", Integer.toString(jobs), "--out", out.toString()));
        if (lockstep) {
            cmd.add("--lockstep");
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        double[] result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith(TAG)) {
                    result = Arrays.stream(line.substring(TAG.length()).split(" ")).mapToDouble(Double::parseDouble).toArray();
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the " + (jobs == 1 ? "sequential" : "fast") + " part failed (exit code "
                    + p.exitValue() + ")");
        }
        return result;
    }

    private static void child(int epochs, int jobs, boolean lockstep, Path out) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long start = System.nanoTime();
        new Reproduce(false, epochs, SEEDS, out, new PrintStream(log, true, StandardCharsets.UTF_8), null).jobs(jobs)
                .lockstep(lockstep).run(Experiments.lectureTable());
        double wall = (System.nanoTime() - start) / 1e9;
        String text = log.toString(StandardCharsets.UTF_8);
        System.err.print(text);
        double[] epochSeconds = new double[3]; // sums over the runs: last epoch, first epoch, all epochs
        try (Stream<Path> files = Files.list(out)) {
            for (Path csv : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                double[] e = epochSeconds(csv);
                epochSeconds[0] += e[e.length - 1];
                epochSeconds[1] += e[0];
                epochSeconds[2] += Arrays.stream(e).sum();
            }
        }
        System.out.println(TAG + wall + " " + peakFrom(text) + " " + epochSeconds[0] + " " + epochSeconds[1] + " "
                + epochSeconds[2]);
    }

    /** The combined peak in bytes from Reproduce's last log line ("peak resident memory (VmHWM) N MB"). */
    private static double peakFrom(String log) {
        String key = "peak resident memory (VmHWM) ";
        int i = log.lastIndexOf(key);
        String mb = log.substring(i + key.length()).split(" ")[0];
        return Double.parseDouble(mb) * 1e6;
    }

    /** A run's seconds per epoch, from its CSV (a lockstep seed's: its share of its group's epoch). */
    private static double[] epochSeconds(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int col = Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        return lines.subList(1, lines.size()).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[col])).toArray();
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load average " + f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors()
                    + " cores)";
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    private static int intOption(List<String> args, String name, int dflt) {
        int i = args.indexOf(name);
        if (i < 0) {
            return dflt;
        }
        int v = i + 1 < args.size() ? Integer.parseInt(args.get(i + 1)) : 0;
        if (v < 1) {
            throw new IllegalArgumentException(name + " = " + (i + 1 < args.size() ? args.get(i + 1) : "(missing)")
                    + " is invalid: must be an integer >= 1");
        }
        return v;
    }
}
