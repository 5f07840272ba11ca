package org.descentlab.train;

import org.descentlab.model.LectureMlp;
import org.descentlab.optim.GradientClipping;
import org.descentlab.optim.Optimizers;
import org.descentlab.schedule.BatchSizeSchedule;
import org.descentlab.util.Check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training run of the lecture MLP on MNIST.
 *
 * @param name the run's name (file names, legends)
 * @param batchSize the mini-batch size (ignored when {@code batchSizeSchedule} is set)
 * @param batchSizeSchedule batch size and rate per epoch ("increase the batch size"), or {@code null}
 * @param epochs passes over the training set
 * @param optimizer a name from {@link Optimizers} ({@code sgd}, {@code adam}, ...)
 * @param optimizerOptions torch-named hyper-parameters, e.g. {@code lr=0.1, momentum=0.9}
 * @param lrPolicy how the rate changes between epochs
 * @param seed initialisation, shuffling and dropout all derive from it
 * @param trainSize training images used (the first ones of the 54000; 0 = all)
 * @param validationSize validation images used (0 = all 6000)
 * @param testSize test images used (0 = all 10000)
 * @param trainEvalSize size of the FIXED subset of the training set (its first images) on which the
 *     training accuracy is measured in eval mode after each epoch (CSC413 L4: "use a fixed subset of the
 *     training data to monitor the training error"); 0 = the whole training set
 * @param threads PyTorch intra-op threads on the CPU (0 = {@link ThreadPolicy#forBatchSize}); not used on a GPU
 * @param clipping global-norm or value clipping of all gradients before each update, or {@code null}
 * @param testEachEpoch also measure test accuracy after every epoch (for the generalisation plots)
 * @param device {@code auto}, {@code cpu} or {@code gpu:N} ({@link Devices}; {@code null} = {@code auto})
 */
public record TrainingConfig(
        String name,
        int batchSize,
        BatchSizeSchedule batchSizeSchedule,
        int epochs,
        String optimizer,
        Map<String, Object> optimizerOptions,
        LrPolicy lrPolicy,
        long seed,
        int trainSize,
        int validationSize,
        int testSize,
        int trainEvalSize,
        int threads,
        GradientClipping clipping,
        boolean testEachEpoch,
        String device) {

    /** Default size of the fixed training subset for the training accuracy. */
    public static final int DEFAULT_TRAIN_EVAL_SIZE = 10_000;

    public TrainingConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (batchSizeSchedule == null && batchSize < 1) {
            throw new IllegalArgumentException("batch_size = " + batchSize + " is invalid: must be an integer >= 1");
        }
        checkEpochs("epochs", epochs);
        Optimizers.resolve(optimizer);
        device = Devices.normalize(device);
        optimizerOptions = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerOptions));
        if (lrPolicy == null) {
            lrPolicy = LrPolicy.fixed();
        }
        if (batchSizeSchedule != null && !(lrPolicy instanceof LrPolicy.Fixed)) {
            throw new IllegalArgumentException(
                    "a batch-size schedule sets the rate itself: lrPolicy must be fixed, not " + lrPolicy.describe());
        }
        for (int n : new int[] {trainSize, validationSize, testSize, trainEvalSize, threads}) {
            if (n < 0) {
                throw new IllegalArgumentException("subset sizes and threads must be >= 0 (0 = all / automatic)");
            }
        }
    }

    /**
     * Checks a number of epochs, an integer {@code >= 1}, under the caller's name for it (the command
     * line says {@code --epochs}); the one place that states this range.
     */
    public static int checkEpochs(String name, int epochs) {
        return Check.atLeast(name, epochs, 1);
    }

    /** A builder with the lecture's defaults: B 64, 100 epochs, SGD lr 0.1, seed 123, full data. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.batchSize = batchSize;
        b.batchSizeSchedule = batchSizeSchedule;
        b.epochs = epochs;
        b.optimizer = optimizer;
        b.optimizerOptions = new LinkedHashMap<>(optimizerOptions);
        b.lrPolicy = lrPolicy;
        b.seed = seed;
        b.trainSize = trainSize;
        b.validationSize = validationSize;
        b.testSize = testSize;
        b.trainEvalSize = trainEvalSize;
        b.threads = threads;
        b.clipping = clipping;
        b.testEachEpoch = testEachEpoch;
        b.device = device;
        return b;
    }

    /** The batch size of {@code epoch} (0-based). */
    public int batchSizeAt(int epoch) {
        return batchSizeSchedule == null ? batchSize : (int) batchSizeSchedule.batchSizeAt(epoch);
    }

    /** The optimizer's base learning rate ({@code lr} option, else the optimizer's default). */
    public double baseLr() {
        Object lr = optimizerOptions.get("lr");
        return lr == null ? Double.NaN : Double.parseDouble(lr.toString());
    }

    /** One line for reports: optimizer, options, batch size, schedule. */
    public String describe() {
        return Optimizers.resolve(optimizer) + optimizerOptions + ", "
                + (batchSizeSchedule == null ? "B " + batchSize : batchSizeSchedule.describe())
                + ", lr " + lrPolicy.describe();
    }

    /** Builds a {@link TrainingConfig}. */
    public static final class Builder {
        private String name;
        private int batchSize = 64;
        private BatchSizeSchedule batchSizeSchedule;
        private int epochs = 100;
        private String optimizer = "sgd";
        private Map<String, Object> optimizerOptions = new LinkedHashMap<>(Map.of("lr", 0.1));
        private LrPolicy lrPolicy = LrPolicy.fixed();
        private long seed = LectureMlp.SEED;
        private int trainSize;
        private int validationSize;
        private int testSize;
        private int trainEvalSize = DEFAULT_TRAIN_EVAL_SIZE;
        private int threads;
        private GradientClipping clipping;
        private boolean testEachEpoch;
        private String device = Devices.AUTO;

        private Builder(String name) {
            this.name = name;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder batchSizeSchedule(BatchSizeSchedule v) {
            batchSizeSchedule = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** The optimizer and its torch-named options (replacing earlier ones). */
        public Builder optimizer(String name, Map<String, ?> options) {
            optimizer = name;
            optimizerOptions = new LinkedHashMap<>(options);
            return this;
        }

        public Builder lrPolicy(LrPolicy v) {
            lrPolicy = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Subset sizes for quick runs (0 = all). */
        public Builder subsets(int train, int validation, int test) {
            trainSize = train;
            validationSize = validation;
            testSize = test;
            return this;
        }

        public Builder trainEvalSize(int v) {
            trainEvalSize = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder clipping(GradientClipping v) {
            clipping = v;
            return this;
        }

        public Builder testEachEpoch(boolean v) {
            testEachEpoch = v;
            return this;
        }

        /** {@code auto} (the default), {@code cpu}, {@code gpu} or {@code gpu:N}: {@link Devices}. */
        public Builder device(String v) {
            device = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(name, batchSize, batchSizeSchedule, epochs, optimizer, optimizerOptions,
                    lrPolicy, seed, trainSize, validationSize, testSize, trainEvalSize, threads, clipping,
                    testEachEpoch, device);
        }
    }
}
