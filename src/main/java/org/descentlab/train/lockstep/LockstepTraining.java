package org.descentlab.train.lockstep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;

import org.descentlab.data.MnistData;
import org.descentlab.data.MnistSplits;
import org.descentlab.model.LectureMlp;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;
import org.descentlab.train.Checkpoint;
import org.descentlab.train.Devices;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.LrControl;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.ThreadPolicy;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingDivergedException;
import org.descentlab.train.TrainingResult;
import org.descentlab.util.Interruption;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * K runs of the lecture MLP that differ only in seed, optimizer, learning rate or rate policy, trained in
 * one process as one stacked model ({@link StackedMlp}): "lockstep seeds". Each step does the work of K
 * models with the number of engine operations of one (plus one optimizer update per group of models
 * sharing a rule: {@link GroupOptimizer}), which pays where per-operation overhead is a large part of a
 * step (docs/performance.md has the measured ratios per batch size and K).
 *
 * <p>What each model k gets, as its separate run ({@code Training}) would: its initial weights (the
 * engine seeded with its seed before a LectureMlp is initialised), its data order ({@code MnistBatches}
 * with its seed), its BatchNorm statistics, its optimizer state, its learning rate and its per-epoch
 * schedule or ReduceLROnPlateau, its metrics per epoch, its checkpoints (the same {@link Checkpoint}
 * format and file names, so either path can resume the other's), its divergence (a model whose loss is
 * not finite stops counting; the others go on). What differs: the dropout masks come from
 * {@link DropoutMasks} (default {@link SeededDropoutMasks}: a function of the model's own seed, epoch
 * and batch), not from PyTorch's generator; and float32 rounding of the batched products. So a
 * lockstep run is reproducible and resumable bit for bit, but not bit-identical to a separate run of
 * the same seed: it is another draw of the same random experiment (LockstepAgreementTest).
 *
 * <p>A group needs the same batch size (no batch-size schedule), epochs and data subsets, optimizers that
 * {@link StackedOptimizer} runs, and no gradient clipping: {@link #unsupported} names what stands in the
 * way.
 *
 * <p>This class is the epoch loop; the work is shared out: {@link StackedStep} does one update of the
 * group, {@link StackedEvaluation} the accuracies, {@link ModelCheckpoints} each model's checkpoint and
 * its restore, one {@link LrControl} per model its rate (schedule or plateau), as in {@code Training}.
 */
public final class LockstepTraining {

    /** What became of one model of the group: its result, or the divergence that stopped it. */
    public record Outcome(TrainingResult result, TrainingDivergedException diverged) {}

    /** Hears of every update of the group (tests: per-step parameters). */
    @FunctionalInterface
    public interface StepListener {
        void afterStep(long updates, LockstepTraining group);
    }

    private final List<TrainingConfig> configs;
    private final TrainingConfig first;
    private final MnistData train;
    private final MnistData validation;
    private final MnistData test;
    private final MnistData trainEval;
    private final long[] seeds;
    private DropoutMasks masks;
    private ProgressListener progress = ProgressListener.NONE;
    private List<Path> checkpointDirs;
    private List<Checkpoint> resume;
    private StepListener stepListener;
    private StackedMlp model;

    /**
     * @param configs the K runs (K &gt;= 1), all of one shape ({@link #unsupported})
     * @param splits the data, cut to the configs' subset sizes
     * @throws IllegalArgumentException naming what the configs do not share
     */
    public LockstepTraining(List<TrainingConfig> configs, MnistSplits splits) {
        if (configs == null || configs.isEmpty() || splits == null) {
            throw new IllegalArgumentException("configs must hold at least one run and splits must not be null");
        }
        unsupported(configs).ifPresent(why -> {
            throw new IllegalArgumentException("configs cannot train in lockstep: " + why);
        });
        this.configs = List.copyOf(configs);
        this.first = configs.get(0);
        this.train = cut(splits.train(), first.trainSize());
        this.validation = cut(splits.validation(), first.validationSize());
        this.test = cut(splits.test(), first.testSize());
        this.trainEval = cut(train, Math.min(first.trainEvalSize(), train.count()));
        if (first.batchSize() > train.count()) {
            throw new IllegalArgumentException("batch size = " + first.batchSize() + " is invalid: must be at most the "
                    + train.count() + " training images");
        }
        this.seeds = configs.stream().mapToLong(TrainingConfig::seed).toArray();
        this.masks = new SeededDropoutMasks(seeds);
    }

    /** The first {@code n} images (0 = all), as Training cuts its subsets. */
    private static MnistData cut(MnistData data, int n) {
        return n == 0 ? data : data.head(n);
    }

    /**
     * Why {@code configs} cannot train as one lockstep group, or empty if they can: they must share batch
     * size (fixed), epochs, subsets, test-each-epoch, device and threads, and have no clipping; each run's
     * optimizer must be one {@link StackedOptimizer} runs. Optimizers, their hyper-parameters, rates and
     * rate policies may differ ({@link GroupOptimizer}).
     */
    public static Optional<String> unsupported(List<TrainingConfig> configs) {
        if (configs == null || configs.isEmpty()) {
            return Optional.of("no runs");
        }
        TrainingConfig c0 = configs.get(0);
        for (TrainingConfig c : configs) {
            try (DescentOptimizer o = Optimizers.create(c.optimizer(), Options.of(c.optimizerOptions()))) {
                Optional<String> rule = StackedOptimizer.unsupported(o);
                if (rule.isPresent()) {
                    return Optional.of(c.name() + ": " + rule.get());
                }
            }
            if (c.batchSizeSchedule() != null) {
                return Optional.of(c.name() + " has a batch-size schedule (the batch size of a group is one)");
            }
            if (c.clipping() != null) {
                return Optional.of(c.name() + " clips gradients (not stacked)");
            }
            if (c.batchSize() != c0.batchSize() || c.epochs() != c0.epochs() || c.trainSize() != c0.trainSize()
                    || c.validationSize() != c0.validationSize() || c.testSize() != c0.testSize()
                    || c.trainEvalSize() != c0.trainEvalSize() || c.testEachEpoch() != c0.testEachEpoch()
                    || !c.device().equals(c0.device()) || c.threads() != c0.threads()) {
                return Optional.of(c.name() + " differs from " + c0.name()
                        + " in batch size, epochs, subsets, test-each-epoch, device or threads");
            }
        }
        return Optional.empty();
    }

    /** Uses {@code source} for the dropout masks instead of {@link SeededDropoutMasks}. */
    public LockstepTraining masks(DropoutMasks source) {
        this.masks = source == null ? new SeededDropoutMasks(seeds) : source;
        return this;
    }

    /** Reports the group's progress (its mean loss per step, each model's metrics per epoch). */
    public LockstepTraining progress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /** Writes each model's checkpoint after every epoch into its directory, deleting its previous one. */
    public LockstepTraining checkpoints(List<Path> dirs) {
        if (dirs != null && dirs.size() != configs.size()) {
            throw new IllegalArgumentException("checkpoint dirs = " + dirs.size() + " is invalid: must be one per run ("
                    + configs.size() + ")");
        }
        this.checkpointDirs = dirs;
        return this;
    }

    /** Continues every model from its checkpoint (all after the same epoch). */
    public LockstepTraining resumeFrom(List<Checkpoint> checkpoints) {
        if (checkpoints.size() != configs.size()) {
            throw new IllegalArgumentException("checkpoints = " + checkpoints.size() + " is invalid: must be one per run ("
                    + configs.size() + ")");
        }
        for (int m = 0; m < configs.size(); m++) {
            Checkpoint c = checkpoints.get(m);
            TrainingConfig cfg = configs.get(m);
            if (c.seed() != cfg.seed() || !c.runName().equals(cfg.name()) || c.epochsDone() > cfg.epochs()
                    || c.epochsDone() != checkpoints.get(0).epochsDone()) {
                throw new IllegalArgumentException("checkpoint " + m + " (run '" + c.runName() + "' seed " + c.seed()
                        + " after epoch " + c.epochsDone() + ") does not continue '" + cfg.name() + "' seed " + cfg.seed()
                        + " with the others of the group");
            }
        }
        this.resume = List.copyOf(checkpoints);
        return this;
    }

    /** Calls {@code listener} after every update. */
    public LockstepTraining afterStep(StepListener listener) {
        this.stepListener = listener;
        return this;
    }

    /** Model {@code m}'s parameters by LectureMlp name, now (during {@link #run}, e.g. from a step listener). */
    public Map<String, float[]> parameters(int m) {
        return model.parameters(m);
    }

    /** Trains the group; one outcome per config, in order. */
    public List<Outcome> run() {
        long start = System.nanoTime();
        int k = configs.size();
        Device device = Devices.resolve(first.device());
        int threads = prepareEngine(device);
        List<DescentOptimizer> holders = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            List<LrControl> rates = new ArrayList<>();
            for (TrainingConfig c : configs) {
                DescentOptimizer o = Optimizers.create(c.optimizer(), Options.of(c.optimizerOptions()));
                holders.add(o); // the library optimizer of the run: its rate, schedule binding and state format
                rates.add(new LrControl(c, o, null));
            }
            List<Block> blocks = initialBlocks(manager);
            model = new StackedMlp(blocks, manager);
            GroupOptimizer optimizer = new GroupOptimizer(holders, model.trainableArrays());
            ModelCheckpoints saved = new ModelCheckpoints(model, optimizer, manager, blocks, holders, rates);
            List<List<EpochMetrics>> rows = new ArrayList<>();
            for (int m = 0; m < k; m++) {
                rows.add(new ArrayList<>());
            }
            int firstEpoch = resume == null ? 0 : resume.get(0).epochsDone();
            for (int m = 0; resume != null && m < k; m++) {
                saved.restore(m, resume.get(m));
                rows.get(m).addAll(resume.get(m).metrics());
            }
            long updates = rows.get(0).isEmpty() ? 0 : rows.get(0).get(rows.get(0).size() - 1).updates();
            optimizer.resumeAt(updates);
            TrainingDivergedException[] diverged = new TrainingDivergedException[k];
            StackedStep step = new StackedStep(model, optimizer, new StackedBatches(train, first.batchSize(), seeds, manager),
                    masks, manager);
            progress.onStart(first.toBuilder().name(progressName(configs)).device(Devices.name(device)).build(),
                    firstEpoch + 1);
            for (int epoch = firstEpoch; epoch < first.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                double[] lr = new double[k];
                for (int m = 0; m < k; m++) {
                    lr[m] = rates.get(m).beforeEpoch(epoch);
                }
                double[] lossSum = new double[k];
                double[] last = new double[k];
                updates = trainEpoch(step, epoch, lr, updates, diverged, lossSum, last);
                if (allDiverged(diverged)) {
                    break;
                }
                double[] trainAcc = StackedEvaluation.accuracy(model, manager, trainEval);
                double[] valAcc = StackedEvaluation.accuracy(model, manager, validation);
                double[] testAcc = first.testEachEpoch() ? StackedEvaluation.accuracy(model, manager, test) : null;
                // each model's share of the group's epoch: the K rows add up to the wall time
                double seconds = (System.nanoTime() - epochStart) / 1e9 / k;
                for (int m = 0; m < k; m++) {
                    if (diverged[m] != null) {
                        continue;
                    }
                    EpochMetrics row = new EpochMetrics(epoch + 1, first.batchSize(), lossSum[m] / step.batchCount(),
                            last[m], trainAcc[m], valAcc[m], testAcc == null ? Double.NaN : testAcc[m], lr[m], seconds,
                            updates);
                    rows.get(m).add(row);
                    rates.get(m).afterEpoch(row);
                    progress.onEpoch(configs.get(m), row);
                    if (checkpointDirs != null) {
                        saved.checkpoint(m, configs.get(m), rows.get(m)).saveInto(checkpointDirs.get(m), false);
                    }
                }
            }
            List<Outcome> outcomes = outcomes(saved, rows, diverged, firstEpoch, manager, start, device, threads);
            optimizer.close();
            model.close();
            return outcomes;
        } finally {
            holders.forEach(DescentOptimizer::close);
            model = null;
        }
    }

    /** Sets the engine's threads and grad mode for this thread, as Training does; returns the CPU threads. */
    private int prepareEngine(Device device) {
        int threads = device.isGpu() ? 0 : first.threads() > 0 ? first.threads()
                : ThreadPolicy.forBatchSize(first.batchSize());
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            if (!device.isGpu()) {
                JniUtils.setNumThreads(threads);
            }
            JniUtils.setGradMode(false); // as Training: the in-place updates need grad mode off on this thread
        }
        return threads;
    }

    /** Each model's initial LectureMlp, initialised after seeding the engine with its seed, as Training does. */
    private List<Block> initialBlocks(NDManager manager) {
        List<Block> blocks = new ArrayList<>();
        for (TrainingConfig c : configs) {
            Engine.getInstance().setRandomSeed((int) c.seed());
            Block block = LectureMlp.build();
            block.initialize(manager, DataType.FLOAT32, LectureMlp.inputShape(first.batchSize()));
            blocks.add(block);
        }
        return blocks;
    }

    /**
     * One epoch of updates from update count {@code updates}: adds each model's batch losses into
     * {@code lossSum}, keeps its last in {@code last}, records a model's first non-finite loss in
     * {@code diverged}; stops early once every model has diverged. Returns the update count after it.
     */
    private long trainEpoch(StackedStep step, int epoch, double[] lr, long updates, TrainingDivergedException[] diverged,
            double[] lossSum, double[] last) {
        int k = lr.length;
        int count = step.batchCount();
        step.startEpoch(epoch);
        for (int i = 0; i < count; i++) {
            int e = epoch + 1, bi = i + 1;
            Interruption.check(() -> "training " + k + " runs of '" + first.name() + "' in lockstep at epoch " + e
                    + ", batch " + bi + "/" + count);
            float[] loss = step.update(epoch, i, lr);
            for (int m = 0; m < k; m++) {
                if (diverged[m] == null && !Float.isFinite(loss[m])) {
                    diverged[m] = new TrainingDivergedException(updates + 1, e, bi, count, lr[m], loss[m]);
                }
            }
            updates++;
            double mean = 0;
            int alive = 0;
            for (int m = 0; m < k; m++) {
                lossSum[m] += loss[m];
                last[m] = loss[m];
                if (diverged[m] == null) {
                    mean += loss[m];
                    alive++;
                }
            }
            if (alive == 0) {
                break;
            }
            progress.onStep(e, bi, count, mean / alive);
            if (stepListener != null) {
                stepListener.afterStep(updates, this);
            }
        }
        return updates;
    }

    /** One outcome per model: its result (final test accuracy, parameters, optimizer state) or its divergence. */
    private List<Outcome> outcomes(ModelCheckpoints saved, List<List<EpochMetrics>> rows,
            TrainingDivergedException[] diverged, int firstEpoch, NDManager manager, long start, Device device,
            int threads) {
        int k = configs.size();
        double[] finalTest = first.testEachEpoch() && firstEpoch < first.epochs() ? null
                : StackedEvaluation.accuracy(model, manager, test);
        List<Outcome> outcomes = new ArrayList<>();
        double seconds = (System.nanoTime() - start) / 1e9 / k;
        for (int m = 0; m < k; m++) {
            if (diverged[m] != null) {
                outcomes.add(new Outcome(null, diverged[m]));
                continue;
            }
            List<EpochMetrics> r = rows.get(m);
            double testAccuracy = finalTest == null ? r.get(r.size() - 1).testAccuracy() : finalTest[m];
            outcomes.add(new Outcome(new TrainingResult(configs.get(m), r, testAccuracy, seconds, Devices.name(device),
                    threads, saved.parameters(m), saved.optimizerState(m), List.of()), null));
        }
        for (Outcome o : outcomes) {
            if (o.result() != null) {
                progress.onEnd(o.result());
            }
        }
        return outcomes;
    }

    /**
     * The name a group's progress line starts with: one line for the group, named after every run in it
     * (a group may hold several runs' seeds), {@code batchsize-64 + scheduler}; a single run's name alone.
     */
    public static String progressName(List<TrainingConfig> configs) {
        return String.join(" + ", configs.stream().map(TrainingConfig::name).distinct().toList());
    }

    private static boolean allDiverged(TrainingDivergedException[] d) {
        for (TrainingDivergedException e : d) {
            if (e == null) {
                return false;
            }
        }
        return true;
    }
}
