package org.descentlab.train;

import org.descentlab.optim.OptimizerState;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What a run produced: per-epoch metrics, test accuracy at the end, and what it ran on.
 *
 * @param config the run
 * @param epochs per-epoch metrics (including those of epochs before a resume)
 * @param testAccuracy percent correct on the test set after the last epoch
 * @param seconds wall time of this process's part of the run (after a resume: since the resume)
 * @param device where it ran: {@code cpu} or {@code gpu:N} ({@link Devices#name})
 * @param threads PyTorch intra-op threads used on the CPU (0 on a GPU)
 * @param parameters the final model parameters as DJL's {@code saveParameters} writes them
 * @param optimizerState the optimizer's final state, keyed by parameter name (e.g. SWATS's phase per
 *     tensor: {@link SwatsSwitches})
 * @param managedArrays NDArrays held by the model's and trainer's managers after each epoch (leak check)
 */
public record TrainingResult(
        TrainingConfig config,
        List<EpochMetrics> epochs,
        double testAccuracy,
        double seconds,
        String device,
        int threads,
        byte[] parameters,
        OptimizerState optimizerState,
        List<Integer> managedArrays) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
        managedArrays = List.copyOf(managedArrays);
    }

    /** Parameter updates over the whole run. */
    public long updates() {
        return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).updates();
    }

    /** One metric per epoch, e.g. {@code column(EpochMetrics::trainLoss)}, for plotting. */
    public double[] column(ToDoubleFunction<EpochMetrics> metric) {
        return epochs.stream().mapToDouble(metric).toArray();
    }

    /** One line: name, epochs, updates, test accuracy, wall time and device. */
    public String summary() {
        return String.format(Locale.ROOT, "%-36s %3d epochs, %6d updates, test %.2f %%, %.1f s, %s",
                config.name(), epochs.size(), updates(), testAccuracy, seconds, where());
    }

    /** Where it ran: {@code cpu, 1 thread} or {@code gpu:0}. */
    public String where() {
        return threads > 0 ? device + ", " + threads + " thread" + (threads == 1 ? "" : "s") : device;
    }

    /** The metrics as a table (see {@link #table(String, List)}) with a last column {@code device}. */
    public Table table() {
        Table t = table(config.name(), epochs);
        StringColumn where = StringColumn.create("device");
        epochs.forEach(m -> where.append(device));
        return t.addColumns(where);
    }

    /**
     * Columns epoch, batch_size, train_loss, last_batch_loss, [train_eval_loss, only when measured:
     * {@link TrainingConfig#trainEvalLoss()}], train_acc, val_acc, test_acc (NaN where not measured), lr,
     * seconds, updates.
     */
    public static Table table(String name, List<EpochMetrics> rows) {
        IntColumn epoch = IntColumn.create("epoch");
        IntColumn batch = IntColumn.create("batch_size");
        DoubleColumn loss = DoubleColumn.create("train_loss");
        DoubleColumn last = DoubleColumn.create("last_batch_loss");
        DoubleColumn evalLoss = DoubleColumn.create("train_eval_loss");
        DoubleColumn trainAcc = DoubleColumn.create("train_acc");
        DoubleColumn valAcc = DoubleColumn.create("val_acc");
        DoubleColumn testAcc = DoubleColumn.create("test_acc");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        LongColumn updates = LongColumn.create("updates");
        for (EpochMetrics m : rows) {
            epoch.append(m.epoch());
            batch.append(m.batchSize());
            loss.append(m.trainLoss());
            last.append(m.lastBatchLoss());
            evalLoss.append(m.trainEvalLoss());
            trainAcc.append(m.trainAccuracy());
            valAcc.append(m.validationAccuracy());
            testAcc.append(m.testAccuracy());
            lr.append(m.lr());
            seconds.append(m.seconds());
            updates.append(m.updates());
        }
        Table t = Table.create(name, epoch, batch, loss, last, trainAcc, valAcc, testAcc, lr, seconds, updates);
        // only when measured, so that the tables (and CSV files) of runs without it stay as they were
        return rows.stream().anyMatch(m -> !Double.isNaN(m.trainEvalLoss())) ? t.insertColumn(4, evalLoss) : t;
    }
}
