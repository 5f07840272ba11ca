package org.descentlab.train;

import org.descentlab.optim.OptimizerState;
import org.descentlab.util.Numbers;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where SWATS ({@link org.descentlab.optim.Swats}) stands in each parameter tensor at the end of a run:
 * switched to SGD or still Adam, at which step and epoch it switched, and the two sides of its switching
 * test at the latest step, {@code lambda_hat = lambda / (1 - beta2^k)} and {@code gamma_k}, with their gap
 * {@code |lambda_hat - gamma|} next to the tolerance {@code eps_switch} (the paper's 1e-9). The gap is
 * what tells a reader why a tensor has not switched: with mini-batch noise gamma moves by a good
 * fraction of itself from one step to the next, so an absolute tolerance of 1e-9 on rates of order
 * 1e-3 to 1 is rarely met.
 *
 * <p>Read from {@link TrainingResult#optimizerState()} (or from a checkpoint's optimizer state):
 * {@code SwatsSwitches.table(result).print()}.
 */
public final class SwatsSwitches {

    /**
     * One parameter tensor.
     *
     * @param parameter the parameter's name in the block
     * @param steps its update count k
     * @param switchStep the step at which it switched to SGD, or -1 if it has not
     * @param lambdaHat lambda / (1 - beta2^k) at the latest step with an estimate (NaN if none)
     * @param gamma gamma_k at that step (NaN if none)
     * @param sgdLr Lambda, the SGD rate fixed at the switch (NaN if not switched)
     */
    public record Row(String parameter, long steps, long switchStep, double lambdaHat, double gamma, double sgdLr) {

        public boolean switched() {
            return switchStep >= 0;
        }

        /** |lambda_hat - gamma|, the quantity the switching test compares with eps_switch. */
        public double gap() {
            return Math.abs(lambdaHat - gamma);
        }
    }

    private SwatsSwitches() {}

    /** One row per parameter tensor, by name; the state must be SWATS's. */
    public static List<Row> rows(OptimizerState state) {
        checkSwats(state);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, OptimizerState.Param> e : new TreeMap<>(state.params()).entrySet()) {
            Map<String, Double> s = e.getValue().scalars();
            boolean switched = s.getOrDefault("phase", 0.0) == 1.0;
            rows.add(new Row(e.getKey(), e.getValue().step(),
                    switched ? s.get("switch_step").longValue() : -1,
                    s.getOrDefault("lambda_hat", Double.NaN), s.getOrDefault("gamma", Double.NaN),
                    switched ? s.get("sgd_lr") : Double.NaN));
        }
        return rows;
    }

    /** The switching tolerance eps_switch of the run. */
    public static double epsSwitch(OptimizerState state) {
        checkSwats(state);
        return Double.parseDouble(state.hyperParameters().get("eps_switch"));
    }

    /**
     * Columns parameter, phase, switch step, switch epoch (the epoch during which the switch step fell,
     * from the run's cumulative update counts), lambda_hat, gamma, |lambda_hat - gamma| and Lambda (SGD lr).
     */
    public static Table table(TrainingResult result) {
        if (result == null) {
            throw new IllegalArgumentException("result must not be null");
        }
        OptimizerState state = result.optimizerState();
        List<Row> rows = rows(state);
        StringColumn name = StringColumn.create("parameter");
        StringColumn phase = StringColumn.create("phase");
        LongColumn step = LongColumn.create("switch step");
        StringColumn epoch = StringColumn.create("switch epoch");
        DoubleColumn lambdaHat = DoubleColumn.create("lambda_hat now");
        DoubleColumn gamma = DoubleColumn.create("gamma now");
        DoubleColumn gap = DoubleColumn.create("|lambda_hat - gamma|");
        DoubleColumn sgdLr = DoubleColumn.create("Lambda (SGD lr)");
        for (Row r : rows) {
            name.append(r.parameter());
            phase.append(r.switched() ? "SGD" : "Adam");
            if (r.switched()) {
                step.append(r.switchStep());
                epoch.append(Integer.toString(epochOf(result, r.switchStep())));
            } else {
                step.appendMissing();
                epoch.append("not switched");
            }
            lambdaHat.append(Numbers.significant(r.lambdaHat(), 6));
            gamma.append(Numbers.significant(r.gamma(), 6));
            gap.append(Numbers.significant(r.gap(), 3));
            sgdLr.append(Numbers.significant(r.sgdLr(), 6));
        }
        String title = String.format(Locale.ROOT, "SWATS after %d epochs, %d updates (eps_switch %s): %d of %d"
                + " tensors switched", result.epochs().size(), result.updates(), epsSwitch(state),
                rows.stream().filter(Row::switched).count(), rows.size());
        return Table.create(title, name, phase, step, epoch, lambdaHat, gamma, gap, sgdLr);
    }

    /** The 1-based epoch whose updates include update number {@code step}. */
    static int epochOf(TrainingResult result, long step) {
        for (EpochMetrics m : result.epochs()) {
            if (m.updates() >= step) {
                return m.epoch();
            }
        }
        throw new IllegalArgumentException("step = " + step + " is invalid: the run made " + result.updates()
                + " updates");
    }

    private static void checkSwats(OptimizerState state) {
        if (state == null) {
            throw new IllegalArgumentException("optimizer state must not be null");
        }
        if (!"SWATS".equals(state.optimizer())) {
            throw new IllegalArgumentException("optimizer state is " + state.optimizer()
                    + "'s: SwatsSwitches reads SWATS's state only");
        }
    }
}
