package org.descentlab.analysis;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Optional;

/**
 * What a run of an optimizer on a problem visited: for each step {@code k = 0..n} the parameters
 * {@code w_k} (row 0 is the start), the loss there, the norm of the gradient taken there (NaN where
 * the problem has none, past the end of a replayed sequence) and the learning rate of the update
 * that produced {@code w_k} (row 0 repeats the rate of the first update, so no column has gaps).
 *
 * <p>A run that diverged ({@link #divergence} present) ends at its first non-finite loss: that row is
 * the last one kept, so it has fewer rows than were asked for.
 */
public record Trajectory(String label, double[][] params, double[] loss, double[] gradNorm, double[] lr,
        Optional<NonFiniteLoss> divergence) {

    public Trajectory {
        divergence = divergence == null ? Optional.empty() : divergence;
    }

    /** A trajectory that ran all its steps. */
    public Trajectory(String label, double[][] params, double[] loss, double[] gradNorm, double[] lr) {
        this(label, params, loss, gradNorm, lr, Optional.empty());
    }

    /** The number of updates taken (fewer than asked if the run diverged). */
    public int steps() {
        return params.length - 1;
    }

    /** The last parameters. */
    public double[] last() {
        return params[params.length - 1].clone();
    }

    /** The loss after the last update. */
    public double lastLoss() {
        return loss[loss.length - 1];
    }

    /**
     * The mean loss over the second half of the run: where SGD's loss has settled at the level its
     * temperature allows (TTIC 31230, slide "Temperature": the asymptotic loss).
     */
    public double asymptoticLoss() {
        double sum = 0;
        int from = loss.length / 2;
        for (int k = from; k < loss.length; k++) {
            sum += loss[k];
        }
        return sum / (loss.length - from);
    }

    /** As a Tablesaw table: step, lr, loss, grad_norm, w0, w1, ... */
    public Table toTable() {
        int n = params.length;
        int[] step = new int[n];
        for (int i = 0; i < n; i++) {
            step[i] = i;
        }
        Table t = Table.create(label,
                IntColumn.create("step", step),
                DoubleColumn.create("lr", lr),
                DoubleColumn.create("loss", loss),
                DoubleColumn.create("grad_norm", gradNorm));
        for (int j = 0; j < params[0].length; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = params[i][j];
            }
            t.addColumns(DoubleColumn.create("w" + j, col));
        }
        return t;
    }

    /**
     * Writes CSV with header {@code step,lr,loss,w0,w1,...} at full double precision (each number in
     * the shortest form that reads back to the same double).
     */
    public void writeCsv(Writer out) {
        try {
            StringBuilder header = new StringBuilder("step,lr,loss");
            for (int j = 0; j < params[0].length; j++) {
                header.append(",w").append(j);
            }
            out.write(header.append('\n').toString());
            for (int i = 0; i < params.length; i++) {
                StringBuilder row = new StringBuilder();
                row.append(i).append(',').append(lr[i]).append(',').append(loss[i]);
                for (double v : params[i]) {
                    row.append(',').append(v);
                }
                out.write(row.append('\n').toString());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
