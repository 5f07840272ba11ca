package org.descentlab.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.util.Pair;

import org.descentlab.data.MnistBatches;
import org.descentlab.data.MnistData;
import org.descentlab.data.MnistSplits;
import org.descentlab.model.LectureMlp;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.OptimizerState;
import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;
import org.descentlab.schedule.ReduceLROnPlateau;
import org.descentlab.schedule.ScheduleState;
import org.descentlab.schedule.Scheduler;
import org.descentlab.util.Check;
import org.descentlab.util.Interruption;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The training loop of the lecture's MNIST notebooks on a DJL {@link Trainer} with a descent
 * optimizer:
 *
 * <pre>
 * for epoch e = 0 .. epochs-1:
 *     reseed the engine's generator with seed*1000 + e          (dropout masks)
 *     B, lr = batch size and rate of epoch e                     (BatchSizeSchedule, else fixed B)
 *     for each full mini-batch of the (seed, e) shuffle:          (last incomplete batch dropped)
 *         loss = cross_entropy(model(x), y)  in training mode
 *         loss NaN or infinite -&gt; TrainingDivergedException     (before any update)
 *         backward; [clip all gradients]; optimizer step
 *     evaluate (eval mode): fixed training subset, validation set [, test set]
 *     scheduler: per-epoch schedule step, or ReduceLROnPlateau.step(val_acc | last minibatch loss)
 *     [checkpoint]
 * test accuracy
 * </pre>
 *
 * Every batch lives in its own sub-manager, closed after its step, so the arrays held by the model
 * stay constant across epochs ({@link TrainingResult#managedArrays()}). Runs on {@link
 * TrainingConfig#device()} ({@link Devices}: by default the first GPU when the engine has one, else the
 * CPU); on the CPU with {@link TrainingConfig#threads()} intra-op threads (0: {@link ThreadPolicy}).
 * With one thread on the CPU a run is deterministic: a run resumed from a checkpoint produces
 * bit-identical metrics and parameters. A GPU run is not bit-identical to a CPU run (docs/gpu.md).
 */
public final class Training {

    /** Batch size of evaluation passes (no gradients, so it only affects speed). */
    static final int EVAL_BATCH = 1000;

    private final TrainingConfig config;
    private final MnistData train;
    private final MnistData validation;
    private final MnistData test;
    private final MnistData trainEval;
    /** What a new run reports to unless told otherwise: nothing, or a notebook's live display. */
    private static volatile Supplier<ProgressListener> defaultProgress = () -> ProgressListener.NONE;

    private ProgressListener progress = defaultProgress.get();
    private Path checkpointDir;
    private boolean keepAllCheckpoints;
    private Checkpoint resume;
    private ToDoubleFunction<EpochMetrics> plateauMetric;

    /** A run of {@code config} on {@code splits} (cut to the config's subset sizes). */
    public Training(TrainingConfig config, MnistSplits splits) {
        if (config == null || splits == null) {
            throw new IllegalArgumentException("config and splits must not be null");
        }
        this.config = config;
        this.train = cut(splits.train(), config.trainSize(), "train_size");
        this.validation = cut(splits.validation(), config.validationSize(), "validation_size");
        this.test = cut(splits.test(), config.testSize(), "test_size");
        this.trainEval = cut(train, Math.min(config.trainEvalSize(), train.count()), "train_eval_size");
        for (int e = 0; e < config.epochs(); e++) {
            if (config.batchSizeAt(e) > train.count()) {
                throw new IllegalArgumentException("batch size = " + config.batchSizeAt(e) + " (epoch " + (e + 1)
                        + ") is invalid: must be at most the " + train.count() + " training images");
            }
        }
    }

    private static MnistData cut(MnistData data, int n, String what) {
        if (n == 0 || n == data.count()) {
            return data;
        }
        if (n > data.count()) {
            throw new IllegalArgumentException(what + " = " + n + " is invalid: must be at most " + data.count());
        }
        return data.head(n);
    }

    /**
     * Sets what each run created afterwards reports to unless {@link #progress} says otherwise: the
     * library's JJava extension sets a live notebook display, so every training cell shows progress.
     */
    public static void defaultProgress(Supplier<ProgressListener> listeners) {
        defaultProgress = Check.notNull("listeners", listeners);
    }

    /** Reports progress to {@code listener}. */
    public Training progress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /**
     * Writes a {@link Checkpoint} after every epoch into {@code dir} ({@link Checkpoint#fileName}); unless
     * {@code keepAll}, the previous epoch's file is deleted once the new one is written.
     */
    public Training checkpoints(Path dir, boolean keepAll) {
        this.checkpointDir = dir;
        this.keepAllCheckpoints = keepAll;
        return this;
    }

    /** Continues from {@code checkpoint} instead of starting afresh. */
    public Training resumeFrom(Checkpoint checkpoint) {
        if (checkpoint.seed() != config.seed() || !checkpoint.runName().equals(config.name())) {
            throw new IllegalArgumentException("the checkpoint is of run '" + checkpoint.runName() + "' seed "
                    + checkpoint.seed() + ", not of '" + config.name() + "' seed " + config.seed());
        }
        if (checkpoint.epochsDone() > config.epochs()) {
            throw new IllegalArgumentException("the checkpoint is after epoch " + checkpoint.epochsDone()
                    + " but the run has only " + config.epochs() + " epochs");
        }
        this.resume = checkpoint;
        return this;
    }

    /**
     * Replaces the metric fed to a ReduceLROnPlateau policy after each epoch (default: validation
     * accuracy or last minibatch loss, as the policy says): for tests and demonstrations with a
     * scripted metric sequence.
     */
    public Training plateauMetric(ToDoubleFunction<EpochMetrics> source) {
        this.plateauMetric = source;
        return this;
    }

    /**
     * Runs {@code config} on {@code splits} without progress output and prints the result's
     * {@link TrainingResult#summary()} line: what a notebook cell wants for each of several runs.
     */
    public static TrainingResult runAndSummarize(TrainingConfig config, org.descentlab.data.MnistSplits splits) {
        TrainingResult result = new Training(config, splits).run();
        System.out.println(result.summary());
        return result;
    }

    /** Runs (or continues) the training and returns its metrics and test accuracy. */
    public TrainingResult run() {
        long start = System.nanoTime();
        Engine engine = Engine.getInstance();
        Device device = Devices.resolve(config.device());
        // Thread pinning is a CPU matter; on a GPU the intra-op threads only feed the device (0 = not set).
        int threads = device.isGpu() ? 0
                : config.threads() > 0 ? config.threads() : ThreadPolicy.forBatchSize(config.batchSizeAt(0));
        if (!device.isGpu() && "PyTorch".equals(engine.getEngineName())) {
            JniUtils.setNumThreads(threads);
        }
        if ("PyTorch".equals(engine.getEngineName())) {
            // PyTorch's grad mode is per thread and on by default; DJL turns it off only on the thread that
            // loaded the engine. A notebook cell may run on another one (JJava renders on its own thread),
            // and with grad mode on the optimizer's in-place update of a parameter fails.
            JniUtils.setGradMode(false);
        }
        TrainingConfig resolved = config.toBuilder().device(Devices.name(device)).build();
        DescentOptimizer optimizer = Optimizers.create(config.optimizer(), Options.of(config.optimizerOptions()));
        try (optimizer;
                Model model = Model.newInstance(config.name(), device)) {
            model.setBlock(LectureMlp.build());
            DefaultTrainingConfig tc = new DefaultTrainingConfig(LectureMlp.loss())
                    .optOptimizer(optimizer)
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(tc)) {
                engine.setRandomSeed((int) config.seed());
                trainer.initialize(LectureMlp.inputShape(config.batchSizeAt(0)));
                Block block = model.getBlock();
                Map<String, String> idToName = new LinkedHashMap<>();
                Map<String, String> nameToId = new LinkedHashMap<>();
                for (Pair<String, Parameter> p : block.getParameters()) {
                    idToName.put(p.getValue().getId(), p.getKey());
                    nameToId.put(p.getKey(), p.getValue().getId());
                }

                Scheduler scheduler = null;
                ReduceLROnPlateau plateau = null;
                if (config.lrPolicy() instanceof LrPolicy.PerEpoch pe) {
                    scheduler = Scheduler.perEpoch(pe.schedule(), optimizer);
                } else if (config.lrPolicy() instanceof LrPolicy.Plateau pl) {
                    plateau = ReduceLROnPlateau.builder(Options.of(pl.options())).build(optimizer);
                }

                List<EpochMetrics> rows = new ArrayList<>();
                int first = 0;
                if (resume != null) {
                    loadParameters(block, trainer.getManager(), resume.parameters());
                    optimizer.restore(OptimizerState.fromBytes(resume.optimizerState()).withParameterIds(nameToId));
                    if (scheduler != null) {
                        scheduler.restore(ScheduleState.fromBytes(resume.scheduleState()));
                    } else if (plateau != null) {
                        plateau.restore(ScheduleState.fromBytes(resume.scheduleState()));
                    }
                    rows.addAll(resume.metrics());
                    first = resume.epochsDone();
                }
                long updates = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).updates();
                List<Integer> arrays = new ArrayList<>();
                progress.onStart(resolved, first + 1);

                for (int epoch = first; epoch < config.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    engine.setRandomSeed((int) (config.seed() * 1000 + epoch));
                    int b = config.batchSizeAt(epoch);
                    if (config.batchSizeSchedule() != null) {
                        optimizer.setLr(config.batchSizeSchedule().lrAt(epoch));
                    }
                    double lr = optimizer.lr();
                    MnistBatches batches = new MnistBatches(train, b, config.seed());
                    int count = batches.batchCount();
                    double lossSum = 0;
                    double last = Double.NaN;
                    int index = 0;
                    for (Batch batch : batches.epoch(trainer.getManager(), epoch)) {
                        try (batch) {
                            index++;
                            int e = epoch + 1, i = index;
                            Interruption.check(() -> "training '" + config.name() + "' at epoch " + e + ", batch " + i
                                    + "/" + count);
                            double loss;
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(batch.getData()).singletonOrThrow();
                                NDArray l = trainer.getLoss().evaluate(batch.getLabels(), new NDList(logits));
                                loss = l.getFloat();
                                if (!Double.isFinite(loss)) {
                                    throw new TrainingDivergedException(updates + 1, epoch + 1, index, count, lr, loss);
                                }
                                collector.backward(l);
                            }
                            if (config.clipping() != null) {
                                List<NDArray> grads = new ArrayList<>();
                                for (Pair<String, Parameter> p : block.getParameters()) {
                                    if (p.getValue().requiresGradient()) {
                                        grads.add(p.getValue().getArray().getGradient());
                                    }
                                }
                                config.clipping().clipInPlace(grads);
                            }
                            trainer.step();
                            updates++;
                            lossSum += loss;
                            last = loss;
                            progress.onStep(epoch + 1, index, count, loss);
                        }
                    }
                    double trainAcc = accuracy(trainer, trainEval);
                    double valAcc = accuracy(trainer, validation);
                    double testAcc = config.testEachEpoch() ? accuracy(trainer, test) : Double.NaN;
                    EpochMetrics m = new EpochMetrics(epoch + 1, b, lossSum / count, last, trainAcc, valAcc, testAcc,
                            lr, (System.nanoTime() - epochStart) / 1e9, updates);
                    rows.add(m);
                    if (scheduler != null) {
                        scheduler.onEpoch();
                    } else if (plateau != null) {
                        LrPolicy.Plateau pl = (LrPolicy.Plateau) config.lrPolicy();
                        double metric = plateauMetric != null ? plateauMetric.applyAsDouble(m)
                                : pl.metric() == LrPolicy.PlateauMetric.VALIDATION_ACCURACY ? valAcc : last;
                        plateau.step(metric);
                    }
                    arrays.add(trainer.getManager().getManagedArrays().size()
                            + model.getNDManager().getManagedArrays().size());
                    progress.onEpoch(m);
                    if (checkpointDir != null) {
                        byte[] sched = scheduler != null ? scheduler.state().toBytes()
                                : plateau != null ? plateau.state().toBytes() : new byte[0];
                        Checkpoint c = new Checkpoint(config.name(), config.seed(), epoch + 1, saveParameters(block),
                                optimizer.state().withParameterIds(idToName).toBytes(), sched, rows);
                        writeCheckpoint(c, epoch + 1);
                    }
                }
                double testAccuracy = config.testEachEpoch() && !rows.isEmpty() && first < config.epochs()
                        ? rows.get(rows.size() - 1).testAccuracy() : accuracy(trainer, test);
                TrainingResult result = new TrainingResult(config, rows, testAccuracy,
                        (System.nanoTime() - start) / 1e9, Devices.name(device), threads, saveParameters(block),
                        optimizer.state().withParameterIds(idToName), arrays);
                progress.onEnd(result);
                return result;
            }
        }
    }

    private void writeCheckpoint(Checkpoint c, int epoch) {
        try {
            c.save(checkpointDir.resolve(Checkpoint.fileName(config.name(), epoch)));
            if (!keepAllCheckpoints && epoch > 1) {
                Files.deleteIfExists(checkpointDir.resolve(Checkpoint.fileName(config.name(), epoch - 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint of epoch " + epoch + " to " + checkpointDir, e);
        }
    }

    /** Percent of {@code data} classified correctly, in eval mode (dropout off, BatchNorm running statistics). */
    public static double accuracy(Trainer trainer, MnistData data) {
        long correct = 0;
        for (Batch batch : MnistBatches.evaluation(data, Math.min(EVAL_BATCH, data.count())).epoch(trainer.getManager(), 0)) {
            try (batch) {
                NDArray logits = trainer.evaluate(batch.getData()).singletonOrThrow();
                NDArray labels = batch.getLabels().singletonOrThrow();
                correct += logits.argMax(1).eq(labels).sum().getLong();
            }
        }
        return 100.0 * correct / data.count();
    }

    static byte[] saveParameters(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Loads parameters written by {@link #saveParameters} INTO the live arrays of {@code block}, in
     * place: DJL's {@code loadParameters} would replace the arrays by new ones, which no longer carry
     * the gradients the trainer's optimizer steps read. A fresh block of the same architecture reads the
     * bytes, then each value is copied across by parameter name (shapes checked).
     */
    static void loadParameters(Block block, NDManager manager, byte[] data) {
        try (NDManager tmp = manager.newSubManager();
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            Block saved = LectureMlp.build();
            saved.initialize(tmp, ai.djl.ndarray.types.DataType.FLOAT32, LectureMlp.inputShape(1));
            saved.loadParameters(tmp, in);
            Map<String, Parameter> byName = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : saved.getParameters()) {
                byName.put(p.getKey(), p.getValue());
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                Parameter from = byName.get(p.getKey());
                NDArray live = p.getValue().getArray();
                if (from == null || !from.getArray().getShape().equals(live.getShape())) {
                    throw new IllegalArgumentException("the checkpoint has no parameter " + p.getKey() + " of shape "
                            + live.getShape() + ": it was saved for another model");
                }
                live.set(from.getArray().toFloatArray());
            }
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalArgumentException("the checkpoint's model parameters cannot be read: " + e, e);
        }
    }
}
