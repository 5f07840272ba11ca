package org.descentlab.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;
import org.descentlab.util.Check;
import org.descentlab.util.Interruption;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The training loop of the lecture's MNIST notebooks on a DJL {@link Trainer} with a descent
 * optimizer:
 *
 * <pre>
 * [resume: parameters, optimizer and rate-control state, metrics]      (Checkpointing)
 * for epoch e = first .. epochs-1:
 *     reseed the engine's generator with seed*1000 + e          (dropout masks)
 *     B, lr = batch size and rate of epoch e                     (LrControl: BatchSizeSchedule, else fixed B)
 *     for each full mini-batch of the (seed, e) shuffle:          (last incomplete batch dropped)
 *         loss = cross_entropy(model(x), y)  in training mode
 *         loss NaN or infinite -&gt; TrainingDivergedException     (before any update)
 *         backward; [clip all gradients]; optimizer step
 *     evaluate (eval mode): fixed training subset, validation set [, test set]   (Evaluation)
 *     rate control: per-epoch schedule step, or ReduceLROnPlateau.step(metric)  (LrControl)
 *     [checkpoint]                                                              (Checkpointing)
 * test accuracy
 * </pre>
 *
 * DJL's {@code EasyTrain.fit} and its {@code TrainingListener}s are not used: the loop must stop
 * before an update whose loss is not finite, reseed per epoch, evaluate on fixed subsets and hand
 * {@link EpochMetrics} (with the evaluation) to {@link ProgressListener}, none of which DJL's epoch and
 * batch callbacks carry.
 *
 * <p>Every batch lives in its own sub-manager, closed after its step, so the arrays held by the model
 * stay constant across epochs ({@link TrainingResult#managedArrays()}). Runs on {@link
 * TrainingConfig#device()} ({@link Devices}: by default the first GPU when the engine has one, else the
 * CPU); on the CPU with {@link TrainingConfig#threads()} intra-op threads (0: {@link ThreadPolicy}).
 * With one thread on the CPU a run is deterministic: a run resumed from a checkpoint produces
 * bit-identical metrics and parameters. A GPU run is not bit-identical to a CPU run (docs/gpu.md).
 */
public final class Training {

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
    public static TrainingResult runAndSummarize(TrainingConfig config, MnistSplits splits) {
        TrainingResult result = new Training(config, splits).run();
        System.out.println(result.summary());
        return result;
    }

    /** Runs (or continues) the training and returns its metrics and test accuracy. */
    public TrainingResult run() {
        long start = System.nanoTime();
        Device device = Devices.resolve(config.device());
        int threads = prepareEngine(device);
        TrainingConfig resolved = config.toBuilder().device(Devices.name(device)).build();
        DescentOptimizer optimizer = Optimizers.create(config.optimizer(), Options.of(config.optimizerOptions()));
        try (optimizer;
                Model model = Model.newInstance(config.name(), device);
                Trainer trainer = newTrainer(model, optimizer, device)) {
            Checkpointing checkpoints = new Checkpointing(config, checkpointDir, keepAllCheckpoints, model.getBlock());
            LrControl lr = new LrControl(config, optimizer, plateauMetric);
            Evaluation evaluation = new Evaluation(config, trainEval, validation, test);
            List<EpochMetrics> rows = new ArrayList<>();
            if (resume != null) {
                rows.addAll(checkpoints.restore(resume, trainer.getManager(), optimizer, lr));
            }
            int first = rows.size();
            List<Integer> arrays = new ArrayList<>();
            progress.onStart(resolved, first + 1);
            for (int epoch = first; epoch < config.epochs(); epoch++) {
                long updates = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).updates();
                EpochMetrics m = trainEpoch(trainer, epoch, lr.beforeEpoch(epoch), updates, evaluation);
                rows.add(m);
                lr.afterEpoch(m);
                arrays.add(trainer.getManager().getManagedArrays().size() + model.getNDManager().getManagedArrays().size());
                progress.onEpoch(m);
                checkpoints.afterEpoch(optimizer, lr, rows);
            }
            double testAccuracy = evaluation.testAccuracy(trainer, first < config.epochs() ? rows.get(rows.size() - 1) : null);
            TrainingResult result = new TrainingResult(config, rows, testAccuracy, (System.nanoTime() - start) / 1e9,
                    Devices.name(device), threads, checkpoints.parameters(), checkpoints.optimizerState(optimizer), arrays);
            progress.onEnd(result);
            return result;
        }
    }

    /** Sets the engine's threads and grad mode for this thread; returns the CPU threads (0 on a GPU). */
    private int prepareEngine(Device device) {
        boolean torch = "PyTorch".equals(Engine.getInstance().getEngineName());
        // Thread pinning is a CPU matter; on a GPU the intra-op threads only feed the device (0 = not set).
        int threads = device.isGpu() ? 0
                : config.threads() > 0 ? config.threads() : ThreadPolicy.forBatchSize(config.batchSizeAt(0));
        if (torch && !device.isGpu()) {
            JniUtils.setNumThreads(threads);
        }
        if (torch) {
            // PyTorch's grad mode is per thread and on by default; DJL turns it off only on the thread that
            // loaded the engine. A notebook cell may run on another one (JJava renders on its own thread),
            // and with grad mode on the optimizer's in-place update of a parameter fails.
            JniUtils.setGradMode(false);
        }
        return threads;
    }

    /** The lecture MLP on {@code device}, initialised from the run's seed, trained by {@code optimizer}. */
    private Trainer newTrainer(Model model, DescentOptimizer optimizer, Device device) {
        model.setBlock(LectureMlp.build());
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(LectureMlp.loss())
                .optOptimizer(optimizer)
                .optDevices(new Device[] {device}));
        Engine.getInstance().setRandomSeed((int) config.seed());
        trainer.initialize(LectureMlp.inputShape(config.batchSizeAt(0)));
        return trainer;
    }

    /** One pass over the training set at rate {@code lr}, then its evaluation. */
    private EpochMetrics trainEpoch(Trainer trainer, int epoch, double lr, long updates, Evaluation evaluation) {
        long epochStart = System.nanoTime();
        Engine.getInstance().setRandomSeed((int) (config.seed() * 1000 + epoch));
        int b = config.batchSizeAt(epoch);
        MnistBatches batches = new MnistBatches(train, b, config.seed());
        int count = batches.batchCount();
        double lossSum = 0;
        double last = Double.NaN;
        int index = 0;
        for (Batch batch : batches.epoch(trainer.getManager(), epoch)) {
            try (batch) {
                int e = epoch + 1, i = ++index;
                Interruption.check(() -> "training '" + config.name() + "' at epoch " + e + ", batch " + i + "/" + count);
                double loss = lossAndGradients(trainer, batch);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(updates + 1, e, i, count, lr, loss);
                }
                update(trainer);
                updates++;
                lossSum += loss;
                last = loss;
                progress.onStep(e, i, count, loss);
            }
        }
        Evaluation.Scores s = evaluation.afterEpoch(trainer);
        return new EpochMetrics(epoch + 1, b, lossSum / count, last, s.trainAccuracy(), s.validationAccuracy(),
                s.testAccuracy(), lr, (System.nanoTime() - epochStart) / 1e9, updates, s.trainLoss());
    }

    /** The loss on {@code batch} in training mode; its gradients too, unless the loss is not finite. */
    private static double lossAndGradients(Trainer trainer, Batch batch) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray logits = trainer.forward(batch.getData()).singletonOrThrow();
            NDArray l = trainer.getLoss().evaluate(batch.getLabels(), new NDList(logits));
            double loss = l.getFloat();
            if (Double.isFinite(loss)) {
                collector.backward(l);
            }
            return loss;
        }
    }

    /** [Clips all gradients,] then one optimizer step. */
    private void update(Trainer trainer) {
        if (config.clipping() != null) {
            List<NDArray> grads = new ArrayList<>();
            for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    grads.add(p.getValue().getArray().getGradient());
                }
            }
            config.clipping().clipInPlace(grads);
        }
        trainer.step();
    }

    /** Percent of {@code data} classified correctly, in eval mode (dropout off, BatchNorm running statistics). */
    public static double accuracy(Trainer trainer, MnistData data) {
        return Evaluation.accuracy(trainer, data);
    }
}
