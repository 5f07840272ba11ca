package org.descentlab.experiment;

import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistSplits;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.Training;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingDivergedException;
import org.descentlab.train.TrainingResult;
import org.descentlab.util.Check;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs lecture experiments and writes, into an output directory: per run and seed
 * {@code <run>-seed<k>.csv} (the per-epoch table) and {@code <run>-seed<k>.png} (its curves), per
 * experiment with several runs {@code <experiment>.png} (seed 0 of each run overlaid), and {@code
 * report.md}: measured test accuracy (mean and standard deviation over seeds) next to the lecture's
 * number, with mode, epochs, updates, wall time and peak resident memory. Seed {@code k} is {@code
 * 123 + k}, so seed 0 is the lecture's.
 */
public final class Reproduce {

    /** One run's outcome over its seeds. */
    public record RunSummary(TrainingConfig config, Experiment experiment, List<Double> testAccuracies,
            List<Double> seconds, long updates, double secondsPerEpoch, String diverged) {

        public double mean() {
            return testAccuracies.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** Sample standard deviation (0 for one seed). */
        public double spread() {
            int n = testAccuracies.size();
            if (n < 2) {
                return 0;
            }
            double m = mean();
            double s = 0;
            for (double a : testAccuracies) {
                s += (a - m) * (a - m);
            }
            return Math.sqrt(s / (n - 1));
        }
    }

    private final boolean quick;
    private final Integer epochs;
    private final int seeds;
    private final Path out;
    private final PrintStream log;
    private final ProgressListener progress;

    /**
     * @param quick quick mode (subsets, {@value Experiment#QUICK_EPOCHS} epochs unless {@code epochs} is given)
     * @param epochs epochs per run as in {@link TrainingConfig#checkEpochs}, or {@code null} for the mode's own
     * @param seeds seeds per run, as in {@link #checkSeeds}
     * @param out output directory
     * @param log where the per-run lines go (standard output in the CLI)
     * @param progress progress of each run (a terminal bar on standard error in the CLI)
     */
    public Reproduce(boolean quick, Integer epochs, int seeds, Path out, PrintStream log, ProgressListener progress) {
        checkSeeds("seeds", seeds);
        if (epochs != null) {
            TrainingConfig.checkEpochs("epochs", epochs);
        }
        this.quick = quick;
        this.epochs = epochs;
        this.seeds = seeds;
        this.out = out;
        this.log = log;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /**
     * Checks a number of seeds per run, an integer {@code >= 1}, under the caller's name for it (the
     * command line says {@code --seeds}); the one place that states this range.
     */
    public static int checkSeeds(String name, int seeds) {
        return Check.atLeast(name, seeds, 1);
    }

    /** Runs the experiments and writes the files; returns one summary per run. */
    public List<RunSummary> run(List<Experiment> experiments) {
        long start = System.nanoTime();
        MnistSplits splits = MnistCache.loadStandard();
        List<RunSummary> summaries = new ArrayList<>();
        for (Experiment experiment : experiments) {
            List<TrainingResult> firstSeeds = new ArrayList<>();
            for (TrainingConfig base : epochs == null ? experiment.configs(quick) : experiment.configs(quick, epochs)) {
                List<Double> accs = new ArrayList<>();
                List<Double> secs = new ArrayList<>();
                long updates = 0;
                double perEpoch = 0;
                String diverged = null;
                for (int k = 0; k < seeds; k++) {
                    TrainingConfig c = base.toBuilder().seed(base.seed() + k).build();
                    String stem = c.name() + "-seed" + k;
                    try {
                        TrainingResult r = new Training(c, splits).progress(progress).run();
                        write(r, stem);
                        accs.add(r.testAccuracy());
                        secs.add(r.seconds());
                        updates = r.updates();
                        perEpoch = r.epochs().stream().mapToDouble(m -> m.seconds()).average().orElse(0);
                        if (k == 0) {
                            firstSeeds.add(r);
                        }
                        log.printf(Locale.ROOT, "%s seed %d: test accuracy %.2f%% after %d epochs, %d updates, %.1f s"
                                + " (%.2f s/epoch, %s, %d thread%s)%n", c.name(), k, r.testAccuracy(), c.epochs(),
                                r.updates(), r.seconds(), perEpoch, r.device(), r.threads(), r.threads() == 1 ? "" : "s");
                    } catch (TrainingDivergedException e) {
                        diverged = e.getMessage();
                        log.println(c.name() + " seed " + k + ": " + e.getMessage());
                    }
                }
                summaries.add(new RunSummary(base, experiment, accs, secs, updates, perEpoch, diverged));
            }
            if (firstSeeds.size() > 1) {
                RunFigure.write(firstSeeds, experiment.name(), out.resolve(experiment.name() + ".png"));
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long peak = peakResidentBytes();
        writeReport(summaries, wall, peak);
        log.printf(Locale.ROOT, "wrote %s; wall time %.1f s; peak resident memory (VmHWM) %s%n",
                out.resolve("report.md"), wall, peak < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", peak / 1e6));
        return summaries;
    }

    private void write(TrainingResult r, String stem) {
        try {
            Files.createDirectories(out);
            r.table().write().csv(out.resolve(stem + ".csv").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + out.resolve(stem + ".csv"), e);
        }
        RunFigure.write(List.of(r), r.config().name(), out.resolve(stem + ".png"));
    }

    private void writeReport(List<RunSummary> runs, double wall, long peak) {
        StringBuilder md = new StringBuilder();
        md.append("# Reproduced lecture experiments\n\n");
        md.append(String.format(Locale.ROOT, "Mode: %s. Seeds per run: %d (seed 0 = 123). Total wall time: %.1f s."
                        + " Peak resident memory: %s.\n\n", quick
                        ? "quick (" + Experiment.QUICK_TRAIN + " training / " + Experiment.QUICK_VALIDATION + " validation / "
                                + Experiment.QUICK_TEST + " test images; not comparable with the lecture's numbers)"
                        : "full (54000 training / 6000 validation / 10000 test images)",
                seeds, wall, peak < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", peak / 1e6)));
        md.append("| run | configuration | epochs | updates | test accuracy % (mean ± sd) | lecture % | difference |"
                + " wall time per seed (s) | s/epoch | source |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (RunSummary s : runs) {
            String lecture = s.experiment().lectureAccuracy().isPresent()
                    ? String.format(Locale.ROOT, "%.2f", s.experiment().lectureTestAccuracy()) : "-";
            String measured = s.testAccuracies().isEmpty() ? "diverged"
                    : String.format(Locale.ROOT, "%.2f ± %.2f", s.mean(), s.spread());
            String diff = s.testAccuracies().isEmpty() || s.experiment().lectureAccuracy().isEmpty() ? "-"
                    : String.format(Locale.ROOT, "%+.2f", s.mean() - s.experiment().lectureTestAccuracy());
            double secs = s.seconds().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %.1f | %.2f | %s |%n",
                    s.config().name(), s.config().describe(), s.config().epochs(), s.updates(), measured, lecture, diff,
                    secs, s.secondsPerEpoch(), s.experiment().reference()));
        }
        for (RunSummary s : runs) {
            if (s.diverged() != null) {
                md.append("\n- ").append(s.config().name()).append(": ").append(s.diverged()).append('\n');
            }
        }
        md.append("\nFiles: `<run>-seed<k>.csv` (per-epoch metrics), `<run>-seed<k>.png` (curves),"
                + " `<experiment>.png` (runs of one experiment overlaid).\n");
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("report.md"), md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + out.resolve("report.md"), e);
        }
    }

    /** Peak resident set size of this process (VmHWM in /proc/self/status), or -1 where unknown. */
    public static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
