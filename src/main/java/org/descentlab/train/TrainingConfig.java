package org.descentlab.train;

import org.descentlab.model.LectureMlp;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.GradientClipping;
import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;
import org.descentlab.schedule.BatchSizeSchedule;
import org.descentlab.util.Check;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

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
 * @param trainEvalLoss also record, after each epoch, the loss of the current weights in eval mode
 *     (dropout off) on the same fixed training subset as the training accuracy ({@link
 *     EpochMetrics#trainEvalLoss()}, column {@code train_eval_loss}): the training loss {@code (1/N) sum_i
 *     L_i(w_t)} that the epoch mean of mini-batch losses (taken with dropout on, while {@code w} moves)
 *     only approximates. Off by default; it changes no other number.
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
        String device,
        boolean trainEvalLoss) {

    /** Default size of the fixed training subset for the training accuracy. */
    public static final int DEFAULT_TRAIN_EVAL_SIZE = 10_000;

    /**
     * The lecture's defaults, the one place they are stated: B 64, 100 epochs, SGD lr 0.1, seed 123,
     * full data, training accuracy on the first 10000 images, automatic threads and device.
     */
    private static final TrainingConfig DEFAULTS = new TrainingConfig("defaults", 64, null, 100, "sgd",
            Map.of("lr", 0.1), LrPolicy.fixed(), LectureMlp.SEED, 0, 0, 0, DEFAULT_TRAIN_EVAL_SIZE, 0, null, false,
            Devices.AUTO, false);

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

    /** A builder with the lecture's defaults (the private constant {@code DEFAULTS}, where each is stated). */
    public static Builder builder(String name) {
        return DEFAULTS.toBuilder().name(name);
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The batch size of {@code epoch} (0-based). */
    public int batchSizeAt(int epoch) {
        return batchSizeSchedule == null ? batchSize : (int) batchSizeSchedule.batchSizeAt(epoch);
    }

    /** The optimizer's base learning rate ({@code lr} option, else the optimizer's default). */
    public double baseLr() {
        try (DescentOptimizer o = Optimizers.create(optimizer, Options.of(optimizerOptions))) {
            return o.lr();
        }
    }

    /** One line for reports: optimizer, options (by name, so that a report does not depend on a map's order), batch size, schedule. */
    public String describe() {
        return Optimizers.resolve(optimizer) + new TreeMap<>(optimizerOptions) + ", "
                + (batchSizeSchedule == null ? "B " + batchSize : batchSizeSchedule.describe())
                + ", lr " + lrPolicy.describe();
    }

    /**
     * Builds a {@link TrainingConfig}: one setter per component, each named like it. The values are held
     * in component order and handed to the canonical constructor, so the fields are written once, in the
     * record header.
     */
    public static final class Builder {
        private static final RecordComponent[] COMPONENTS = TrainingConfig.class.getRecordComponents();
        private final Object[] values = new Object[COMPONENTS.length];

        private Builder(TrainingConfig from) {
            for (int i = 0; i < COMPONENTS.length; i++) {
                RecordComponent c = COMPONENTS[i];
                values[i] = invoke(() -> c.getAccessor().invoke(from));
            }
        }

        private Builder set(String component, Object value) {
            for (int i = 0; i < COMPONENTS.length; i++) {
                if (COMPONENTS[i].getName().equals(component)) {
                    values[i] = value;
                    return this;
                }
            }
            throw new AssertionError("TrainingConfig has no component " + component);
        }

        public Builder name(String v) {
            return set("name", v);
        }

        public Builder batchSize(int v) {
            return set("batchSize", v);
        }

        public Builder batchSizeSchedule(BatchSizeSchedule v) {
            return set("batchSizeSchedule", v);
        }

        public Builder epochs(int v) {
            return set("epochs", v);
        }

        /** The optimizer and its torch-named options (replacing earlier ones). */
        public Builder optimizer(String name, Map<String, ?> options) {
            return set("optimizer", name).set("optimizerOptions", new LinkedHashMap<>(options));
        }

        public Builder lrPolicy(LrPolicy v) {
            return set("lrPolicy", v);
        }

        public Builder seed(long v) {
            return set("seed", v);
        }

        /** Subset sizes for quick runs (0 = all). */
        public Builder subsets(int train, int validation, int test) {
            return set("trainSize", train).set("validationSize", validation).set("testSize", test);
        }

        public Builder trainEvalSize(int v) {
            return set("trainEvalSize", v);
        }

        public Builder threads(int v) {
            return set("threads", v);
        }

        public Builder clipping(GradientClipping v) {
            return set("clipping", v);
        }

        public Builder testEachEpoch(boolean v) {
            return set("testEachEpoch", v);
        }

        /** {@code auto} (the default), {@code cpu}, {@code gpu} or {@code gpu:N}: {@link Devices}. */
        public Builder device(String v) {
            return set("device", v);
        }

        /** Whether to record {@link TrainingConfig#trainEvalLoss()} (default: no). */
        public Builder trainEvalLoss(boolean v) {
            return set("trainEvalLoss", v);
        }

        /**
         * Records the eval-mode training loss (and accuracy) on the first {@code n} training images: {@code
         * trainEvalSize(n)} and {@code trainEvalLoss(true)}.
         */
        public Builder trainEvalSubset(int n) {
            return trainEvalSize(n).trainEvalLoss(true);
        }

        public TrainingConfig build() {
            Class<?>[] types = new Class<?>[COMPONENTS.length];
            for (int i = 0; i < types.length; i++) {
                types[i] = COMPONENTS[i].getType();
            }
            return (TrainingConfig) invoke(() -> TrainingConfig.class.getDeclaredConstructor(types).newInstance(values));
        }

        private interface Reflective {
            Object call() throws ReflectiveOperationException;
        }

        /** Runs a reflective call; an exception of the constructor (a bad value) is rethrown as it is. */
        private static Object invoke(Reflective call) {
            try {
                return call.call();
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
