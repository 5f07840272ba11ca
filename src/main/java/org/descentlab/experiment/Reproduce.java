package org.descentlab.experiment;

import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistSplits;
import org.descentlab.train.Devices;
import org.descentlab.train.EngineInfo;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingResult;
import org.descentlab.util.AtomicFiles;
import org.descentlab.util.ProcessMemory;
import org.descentlab.util.Check;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs lecture experiments and writes, into an output directory: per run and seed
 * {@code <run>-seed<k>.csv} (the per-epoch table), {@code <run>-seed<k>.png} (its curves) and the
 * checkpoints and result files that let an interrupted reproduction continue ({@link RunFiles}), per
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
    private int jobs = 1;
    private boolean lockstep = true;
    private PrintStream display;
    private String device = Devices.AUTO;

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

    /** Checks a number of worker processes, an integer {@code >= 1}, under the caller's name for it. */
    public static int checkJobs(String name, int jobs) {
        return Check.atLeast(name, jobs, 1);
    }

    /**
     * Runs every experiment on {@code spec} ({@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}:
     * {@link Devices}); checked now, so a GPU that is not there fails before any data is read.
     *
     * @throws IllegalArgumentException for a bad spelling or an unavailable GPU, with the reason
     */
    public Reproduce device(String spec) {
        this.device = Devices.name(Devices.resolve(spec));
        return this;
    }

    /**
     * Runs the seed runs on {@code n} worker processes side by side ({@link Workers}), longest first,
     * each with one intra-op thread; 1 (the default) runs them one after another in this process.
     */
    public Reproduce jobs(int n) {
        this.jobs = checkJobs("jobs", n);
        return this;
    }

    /**
     * Whether the seeds of a run may train together in lockstep (default: yes, where
     * {@link org.descentlab.train.lockstep.LockstepPolicy} says it pays and the configuration allows it;
     * {@link SeedGroup}). A seed trained in lockstep is reproducible and resumable, but its dropout masks
     * differ from those of the same seed trained alone, so its numbers do too; off, every seed trains alone.
     */
    public Reproduce lockstep(boolean on) {
        this.lockstep = on;
        return this;
    }

    /** Where the workers' progress lines go when {@link #jobs} is above 1 (standard error in the CLI; null: nowhere). */
    public Reproduce workerDisplay(PrintStream display) {
        this.display = display;
        return this;
    }

    /**
     * Runs the experiments and writes the files; returns one summary per run. Runs finished in {@code out}
     * by an earlier call with the same arguments are kept; interrupted ones continue from their latest
     * checkpoint ({@link SeedRun#execute}).
     */
    public List<RunSummary> run(List<Experiment> experiments) {
        long start = System.nanoTime();
        if (Devices.AUTO.equals(device)) {
            device(Devices.AUTO);
        }
        List<SeedRun> plan = SeedRun.plan(experiments, quick, epochs, seeds, jobs > 1, device);
        SeedRun.Outcome[] outcomes = new SeedRun.Outcome[plan.size()];
        List<SeedRun> pending = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            outcomes[i] = plan.get(i).kept(out).orElse(null);
            if (outcomes[i] == null) {
                pending.add(plan.get(i));
            } else {
                logRun(plan.get(i), outcomes[i]);
            }
        }
        List<List<SeedRun>> units = SeedGroup.units(pending, out, lockstep, jobs);
        int workers = Math.min(jobs, units.size());
        long workerPeak = 0;
        Map<SeedRun, SeedRun.Outcome> byRun = new IdentityHashMap<>();
        if (workers <= 1) {
            MnistSplits splits = pending.isEmpty() ? null : MnistCache.loadStandard();
            for (List<SeedRun> unit : units) {
                List<SeedRun.Outcome> o = SeedGroup.execute(unit, splits, out, progress);
                for (int j = 0; j < unit.size(); j++) {
                    byRun.put(unit.get(j), o.get(j));
                    logRun(unit.get(j), o.get(j));
                }
            }
        } else {
            units = new ArrayList<>(units);
            units.sort(java.util.Comparator.comparingDouble(SeedGroup::cost).reversed()); // longest first
            WorkerBoard board = new WorkerBoard(display, workers, display != null && WorkerBoard.terminal());
            Workers pool = new Workers(workers, out, board, Workers.ANY_SPLITS);
            byRun.putAll(pool.run(units, (r, o) -> board.above(() -> logRun(r, o))));
            workerPeak = pool.peakBytes();
        }
        for (int i = 0; i < plan.size(); i++) {
            if (outcomes[i] == null) {
                outcomes[i] = byRun.get(plan.get(i));
            }
        }
        List<RunSummary> summaries = new ArrayList<>();
        for (int i = 0; i < plan.size(); i += seeds) {
            SeedRun first = plan.get(i);
            List<Double> accs = new ArrayList<>();
            List<Double> secs = new ArrayList<>();
            long updates = 0;
            double perEpoch = 0;
            String diverged = null;
            for (int k = 0; k < seeds; k++) {
                SeedRun.Outcome o = outcomes[i + k];
                if (o.diverged() != null) {
                    diverged = o.diverged();
                    continue;
                }
                accs.add(o.result().testAccuracy());
                secs.add(o.seconds());
                updates = o.result().updates();
                perEpoch = secondsPerEpoch(o.result());
            }
            TrainingConfig base = SeedRun.configs(first.experiment(), quick, epochs).get(first.runIndex());
            summaries.add(new RunSummary(base, first.experiment(), accs, secs, updates, perEpoch, diverged));
        }
        figures(plan, outcomes);
        double wall = (System.nanoTime() - start) / 1e9;
        long own = ProcessMemory.peakResidentBytes();
        long peak = own < 0 ? -1 : own + workerPeak;
        writeReport(summaries, wall, peak, workers);
        log.printf(Locale.ROOT, "wrote %s; wall time %.1f s; peak resident memory (VmHWM) %s%s%n",
                out.resolve("report.md"), wall, megabytes(peak), workers <= 1 ? ""
                        : String.format(Locale.ROOT, " (sum of this process, %s, and of %d workers, %s)",
                                megabytes(own), workers, megabytes(workerPeak)));
        return summaries;
    }

    /** Seed 0 of each run of an experiment overlaid, for experiments with several runs. */
    private void figures(List<SeedRun> plan, SeedRun.Outcome[] outcomes) {
        Map<Experiment, List<TrainingResult>> firstSeeds = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).seedIndex() == 0 && outcomes[i].result() != null) {
                firstSeeds.computeIfAbsent(plan.get(i).experiment(), e -> new ArrayList<>()).add(outcomes[i].result());
            }
        }
        firstSeeds.forEach((e, runs) -> {
            if (SeedRun.configs(e, quick, epochs).size() > 1 && runs.size() > 1) {
                RunFigure.write(runs, e.name(), out.resolve(e.name() + ".png"));
            }
        });
    }

    private void logRun(SeedRun run, SeedRun.Outcome o) {
        if (o.diverged() != null) {
            log.println(run.label() + ": " + o.diverged());
            return;
        }
        TrainingResult r = o.result();
        if (o.kept()) {
            log.printf(Locale.ROOT, "%s: test accuracy %.2f%% after %d epochs (finished earlier; kept)%n", run.label(),
                    r.testAccuracy(), r.epochs().size());
            return;
        }
        log.printf(Locale.ROOT, "%s: test accuracy %.2f%% after %d epochs, %d updates, %.1f s"
                + " (%.2f s/epoch, %s, %d thread%s)%s%n", run.label(), r.testAccuracy(), r.epochs().size(),
                r.updates(), o.seconds(), secondsPerEpoch(r), r.device(), r.threads(), r.threads() == 1 ? "" : "s",
                o.epochsBefore() > 0 ? "; resumed after epoch " + o.epochsBefore() : "");
    }

    private static double secondsPerEpoch(TrainingResult r) {
        return r.epochs().stream().mapToDouble(m -> m.seconds()).average().orElse(0);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    private void writeReport(List<RunSummary> runs, double wall, long peak, int workers) {
        StringBuilder md = new StringBuilder();
        md.append("# Reproduced lecture experiments\n\n");
        md.append(String.format(Locale.ROOT, "Mode: %s. Device: %s (%s). Seeds per run: %d (seed 0 = 123)."
                        + " Total wall time: %.1f s. Peak resident memory: %s%s.\n\n", quick
                        ? "quick (" + Experiment.QUICK_TRAIN + " training / " + Experiment.QUICK_VALIDATION + " validation / "
                                + Experiment.QUICK_TEST + " test images; not comparable with the lecture's numbers)"
                        : "full (54000 training / 6000 validation / 10000 test images)",
                device, EngineInfo.build(), seeds, wall, megabytes(peak), workers <= 1 ? "" : " (the sum of the peaks of this process and its "
                        + workers + " worker processes, which ran the seed runs side by side)"));
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
        AtomicFiles.writeString(out.resolve("report.md"), md.toString());
    }
}
