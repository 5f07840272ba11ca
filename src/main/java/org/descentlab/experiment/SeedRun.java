package org.descentlab.experiment;

import org.descentlab.data.MnistSplits;
import org.descentlab.train.Checkpoint;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.Training;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingDivergedException;
import org.descentlab.train.TrainingResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One seed of one run of an experiment: the unit that {@link Reproduce} schedules, whether in this
 * process or in a worker process. Running it picks up where its files in the output directory left
 * off ({@link RunFiles}): a finished run is kept, an interrupted one continues from its latest
 * checkpoint (bit-identical to an uninterrupted run), and a checkpoint is written after every epoch.
 *
 * @param experiment the experiment
 * @param runIndex which of the experiment's configs
 * @param seedIndex seed number k (the config's seed plus k)
 * @param config the config of this seed
 */
public record SeedRun(Experiment experiment, int runIndex, int seedIndex, TrainingConfig config) {

    /**
     * What running it gave.
     *
     * @param result the result (null if it diverged)
     * @param kept the run had finished before: its files were kept as they were
     * @param epochsBefore epochs already done when this session started (0: a fresh start)
     * @param seconds wall time of the whole run, over all its sessions
     * @param divergence why it diverged, or null
     */
    public record Outcome(TrainingResult result, boolean kept, int epochsBefore, double seconds,
            TrainingDivergedException divergence) {

        /** The divergence message, or null. */
        public String diverged() {
            return divergence == null ? null : divergence.getMessage();
        }
    }

    /**
     * The seed runs of {@code experiments}, in registry order: each config with seeds {@code seed + k},
     * k = 0 .. seeds-1.
     *
     * @param epochs epochs per run, or {@code null} for the mode's own
     * @param oneThread give every run one intra-op thread (runs side by side), unless its config sets threads
     * @param device the device every run trains on ({@link org.descentlab.train.Devices})
     */
    public static List<SeedRun> plan(List<Experiment> experiments, boolean quick, Integer epochs, int seeds,
            boolean oneThread, String device) {
        List<SeedRun> plan = new ArrayList<>();
        for (Experiment e : experiments) {
            List<TrainingConfig> configs = configs(e, quick, epochs);
            for (int i = 0; i < configs.size(); i++) {
                for (int k = 0; k < seeds; k++) {
                    plan.add(of(e, configs.get(i), i, k, oneThread, device));
                }
            }
        }
        return plan;
    }

    /** The seed run {@code seedIndex} of config {@code runIndex} of {@code experiment}, as {@link #plan} makes it. */
    public static SeedRun of(Experiment experiment, boolean quick, Integer epochs, int runIndex, int seedIndex,
            boolean oneThread, String device) {
        return of(experiment, configs(experiment, quick, epochs).get(runIndex), runIndex, seedIndex, oneThread, device);
    }

    /** The experiment's configs in the given mode, with {@code epochs} or, if it is null, the mode's own. */
    public static List<TrainingConfig> configs(Experiment experiment, boolean quick, Integer epochs) {
        return epochs == null ? experiment.configs(quick) : experiment.configs(quick, epochs);
    }

    private static SeedRun of(Experiment e, TrainingConfig base, int runIndex, int k, boolean oneThread,
            String device) {
        TrainingConfig.Builder b = base.toBuilder().seed(base.seed() + k).device(device);
        if (oneThread && base.threads() == 0) {
            b.threads(1);
        }
        return new SeedRun(e, runIndex, k, b.build());
    }

    /** The plan with the longest runs first (by {@link #cost}), so that the last ones to start are short. */
    public static List<SeedRun> longestFirst(List<SeedRun> plan) {
        List<SeedRun> sorted = new ArrayList<>(plan);
        sorted.sort(Comparator.comparingDouble(SeedRun::cost).reversed());
        return sorted;
    }

    /**
     * A rough relative duration, used only to order runs: per epoch, the batches times (1 + B/128),
     * since at these sizes a step's fixed per-operation overhead costs about as much as the arithmetic
     * of 128 images (per-epoch times at B 64 / 256 / 1024 are about 1.6 : 0.8 : 0.5).
     */
    public double cost() {
        int images = config.trainSize() > 0 ? config.trainSize() : 54_000;
        double c = 0;
        for (int e = 0; e < config.epochs(); e++) {
            int b = config.batchSizeAt(e);
            c += (double) (images / b) * (1 + b / 128.0);
        }
        return c;
    }

    /** {@code <run> seed <k>}, for log lines. */
    public String label() {
        return config.name() + " seed " + seedIndex;
    }

    /** The run's files in {@code out}. */
    public RunFiles files(Path out) {
        return new RunFiles(out, config, seedIndex);
    }

    /**
     * The outcome of this run if it finished earlier in {@code out} with the same configuration.
     *
     * @throws IllegalArgumentException if {@code out} holds this run with another configuration, or with
     *     more epochs
     */
    public Optional<Outcome> kept(Path out) {
        RunFiles files = files(out);
        files.claim();
        return files.finished().map(r -> new Outcome(r, true, config.epochs(), r.seconds(), null));
    }

    /**
     * Runs it in this process against the files in {@code out}: keeps a finished run, continues an
     * interrupted one, writes a checkpoint per epoch and, when done, the table, curves and result.
     */
    public Outcome execute(MnistSplits splits, Path out, ProgressListener progress) {
        Optional<Outcome> kept = kept(out);
        if (kept.isPresent()) {
            return kept.get();
        }
        RunFiles files = files(out);
        Optional<Checkpoint> from = files.latest();
        Training training = new Training(config, splits).progress(progress).checkpoints(files.checkpointDir(), false);
        from.ifPresent(training::resumeFrom);
        int before = from.map(Checkpoint::epochsDone).orElse(0);
        double earlier = from.map(RunFiles::secondsIn).orElse(0.0);
        try {
            TrainingResult r = training.run();
            files.save(r, earlier + r.seconds());
            return new Outcome(r, false, before, earlier + r.seconds(), null);
        } catch (TrainingDivergedException e) {
            return new Outcome(null, false, before, Double.NaN, e);
        }
    }
}
