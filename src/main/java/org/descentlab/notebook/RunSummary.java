package org.descentlab.notebook;

import org.descentlab.analysis.Trajectory;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.TrainingResult;
import org.descentlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A run's result in one row, as a notebook shows a returned {@link TrainingResult} or
 * {@link Trajectory}: the numbers a student compares, not the per-epoch or per-step data (which
 * {@code result.table()} and {@code trajectory.toTable()} give).
 */
public final class RunSummary {

    private RunSummary() {}

    /** Run, configuration, epochs, updates, final losses and accuracies, wall time. */
    public static Table of(TrainingResult result) {
        Check.notNull("result", result);
        EpochMetrics last = result.epochs().isEmpty() ? null : result.epochs().get(result.epochs().size() - 1);
        return Table.create("training run " + result.config().name(),
                StringColumn.create("configuration", result.config().describe()),
                IntColumn.create("epochs", new int[] {result.epochs().size()}),
                LongColumn.create("updates", new long[] {result.updates()}),
                DoubleColumn.create("train loss", last == null ? Double.NaN : last.trainLoss()),
                DoubleColumn.create("train %", last == null ? Double.NaN : last.trainAccuracy()),
                DoubleColumn.create("valid %", last == null ? Double.NaN : last.validationAccuracy()),
                DoubleColumn.create("test %", result.testAccuracy()),
                DoubleColumn.create("seconds", result.seconds()),
                StringColumn.create("device", result.device()));
    }

    /** Steps, start, end, first, last and smallest loss, last gradient norm. */
    public static Table of(Trajectory t) {
        Check.notNull("trajectory", t);
        return Table.create("trajectory " + t.label(),
                IntColumn.create("steps", new int[] {t.steps()}),
                StringColumn.create("start", point(t.params()[0])),
                StringColumn.create("end", point(t.last())),
                DoubleColumn.create("first loss", t.loss()[0]),
                DoubleColumn.create("last loss", t.lastLoss()),
                DoubleColumn.create("smallest loss", Arrays.stream(t.loss()).min().orElse(Double.NaN)),
                DoubleColumn.create("last |grad|", t.gradNorm()[t.gradNorm().length - 1]));
    }

    private static String point(double[] w) {
        return Arrays.stream(w).mapToObj(HtmlTable::number).collect(Collectors.joining(", ", "(", ")"));
    }
}
