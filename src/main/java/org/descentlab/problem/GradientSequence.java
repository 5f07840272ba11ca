package org.descentlab.problem;

import org.descentlab.util.Check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays a fixed sequence of gradients, whatever the parameters are: step {@code t} receives
 * {@code g_t}. It isolates an optimizer's state dynamics (how it averages, normalises and decays)
 * from any landscape, which is how the reference fixtures test them. There is no loss (NaN).
 */
public final class GradientSequence extends AbstractProblem {

    private final double[][] gradients;

    public GradientSequence(double[][] gradients, double[] start) {
        Check.notNull("gradients", gradients);
        if (gradients.length == 0) {
            throw new IllegalArgumentException("gradients must hold at least 1 row");
        }
        int n = Check.notNull("gradients[0]", gradients[0]).length;
        if (n == 0) {
            throw new IllegalArgumentException("gradients rows must have at least 1 entry");
        }
        this.gradients = new double[gradients.length][];
        for (int t = 0; t < gradients.length; t++) {
            double[] row = Check.allFinite("gradients[" + t + "]", gradients[t]);
            if (row.length != n) {
                throw new IllegalArgumentException(
                        "gradients[" + t + "] has " + row.length + " entries but gradients[0] has " + n);
            }
            this.gradients[t] = row.clone();
        }
        setStart(start == null ? new double[n] : start);
    }

    /**
     * Reads gradients from a text file: one step per line, numbers separated by commas or white space;
     * blank lines and lines starting with {@code #} are skipped.
     */
    public static GradientSequence read(Path file, double[] start) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            String s = line.trim();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] parts = s.split("[,\\s]+");
            double[] row = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    row[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            file + " line " + lineNo + ": '" + parts[i] + "' is not a number", e);
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no gradients (one row of numbers per step)");
        }
        return new GradientSequence(rows.toArray(new double[0][]), start);
    }

    /** The number of gradients available (steps beyond it are an error). */
    public int length() {
        return gradients.length;
    }

    @Override
    public String name() {
        return "sequence";
    }

    @Override
    public int dimension() {
        return gradients[0].length;
    }

    @Override
    public double loss(double[] w) {
        return Double.NaN;
    }

    @Override
    public double[] gradient(double[] w, long step) {
        if (step < 0 || step >= gradients.length) {
            throw new IllegalArgumentException(
                    "step = " + step + " is invalid: the sequence has gradients for steps 0.." + (gradients.length - 1));
        }
        return gradients[(int) step].clone();
    }

    @Override
    public boolean hasGradientAt(long step) {
        return step >= 0 && step < gradients.length;
    }

    @Override
    public Optional<double[]> optimum() {
        return Optional.empty();
    }
}
