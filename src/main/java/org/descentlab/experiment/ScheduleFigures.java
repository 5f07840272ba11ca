package org.descentlab.experiment;

import org.descentlab.optim.Options;
import org.descentlab.plot.CurvePlot;
import org.descentlab.plot.SchedulePlot;
import org.descentlab.schedule.ConvergenceConditions;
import org.descentlab.schedule.ExponentialLR;
import org.descentlab.schedule.InverseTimeDecay;
import org.descentlab.schedule.Schedule;
import org.descentlab.schedule.Schedules;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.descentlab.experiment.FigureParts.CURVE_H;
import static org.descentlab.experiment.FigureParts.CURVE_W;
import static org.descentlab.experiment.FigureParts.counting;
import static org.descentlab.experiment.FigureParts.curve;

/**
 * Learning-rate schedules (DL1 L4, TTIC 31230, STAT 453 L12): the deck's three schedules against the
 * convergence conditions, and every registered schedule drawn over 100 steps.
 */
final class ScheduleFigures {

    /** The schedules of DL1 L4's table: 1, 1/t (t counted from 1) and e^-t. */
    static List<Schedule> deckSchedules() {
        return List.of(Schedule.constant(1), InverseTimeDecay.oneOverT(1), ExponentialLR.ofRate(1, 1));
    }

    static final String[] DECK_SCHEDULE_NAMES = {"1", "1/t", "e^-t"};
    /** Column-name stems of {@link #DECK_SCHEDULE_NAMES}. */
    private static final String[] DECK_SCHEDULE_COLUMNS = {"const", "inv_t", "exp"};
    static final long[] HORIZONS = {10, 100, 1_000, 10_000, 100_000};
    static final int CONDITION_STEPS = 30;
    static final int PARTIAL_SUM_STEPS = 1000;

    private ScheduleFigures() {}

    static LectureFigure.Output scheduleConditions(String title) {
        List<Schedule> schedules = deckSchedules();
        CurvePlot plot = curve(title, "step t", "learning rate η_t").logY(true).markers(true);
        LongTable t = new LongTable(title, StringColumn.create("schedule"), LongColumn.create("horizon"),
                DoubleColumn.create("first"), DoubleColumn.create("last"), DoubleColumn.create("sum"),
                DoubleColumn.create("half_sum"), DoubleColumn.create("sum_of_squares"),
                DoubleColumn.create("half_sum_of_squares"), BooleanColumn.create("tends_to_zero"),
                BooleanColumn.create("sum_diverges"), BooleanColumn.create("sum_of_squares_converges"),
                BooleanColumn.create("satisfies_theorem"));
        for (int i = 0; i < schedules.size(); i++) {
            Schedule s = schedules.get(i);
            String name = DECK_SCHEDULE_NAMES[i];
            ConvergenceConditions.Report last = null;
            for (long h : HORIZONS) {
                ConvergenceConditions.Report r = ConvergenceConditions.check(s, h);
                t.row(name, h, r.first(), r.last(), r.sum(), r.halfSum(), r.sumOfSquares(), r.halfSumOfSquares(),
                        r.tendsToZero(), r.sumDiverges(), r.sumOfSquaresConverges(), r.satisfiesTheorem());
                last = r;
            }
            String verdict = String.format(Locale.ROOT, "η = %s: →0 %s, Ση=∞ %s, Ση²<∞ %s", name,
                    mark(last.tendsToZero()), mark(last.sumDiverges()), mark(last.sumOfSquaresConverges()));
            plot.addFunction(verdict, CONDITION_STEPS, s::valueAt);
        }
        return new LectureFigure.Output(t.table(), plot, plot.seriesCount());
    }

    static LectureFigure.Output schedulePartialSums(String title) {
        List<Schedule> schedules = deckSchedules();
        CurvePlot plot = curve(title, "horizon H (steps summed)", "partial sum").logX(true).logY(true).markers(false);
        Table t = Table.create(title, IntColumn.create("horizon"));
        for (int h = 1; h <= PARTIAL_SUM_STEPS; h++) {
            t.intColumn("horizon").append(h);
        }
        List<double[]> sums = new ArrayList<>();
        List<double[]> squares = new ArrayList<>();
        for (int i = 0; i < schedules.size(); i++) {
            Schedule s = schedules.get(i);
            double[] rate = new double[PARTIAL_SUM_STEPS];
            double[] sum = new double[PARTIAL_SUM_STEPS];
            double[] sq = new double[PARTIAL_SUM_STEPS];
            double a = 0;
            double b = 0;
            for (int k = 0; k < PARTIAL_SUM_STEPS; k++) {
                rate[k] = s.valueAt(k);
                a += rate[k];
                b += rate[k] * rate[k];
                sum[k] = a;
                sq[k] = b;
            }
            String c = DECK_SCHEDULE_COLUMNS[i];
            t.addColumns(DoubleColumn.create("eta_" + c, rate), DoubleColumn.create("sum_" + c, sum),
                    DoubleColumn.create("sum_sq_" + c, sq));
            sums.add(sum);
            squares.add(sq);
        }
        double[] h = counting(1, PARTIAL_SUM_STEPS);
        for (int i = 0; i < schedules.size(); i++) {
            plot.add("Σ η, η = " + DECK_SCHEDULE_NAMES[i], h, sums.get(i));
        }
        for (int i = 0; i < schedules.size(); i++) {
            plot.add("Σ η², η = " + DECK_SCHEDULE_NAMES[i], h, squares.get(i));
        }
        return new LectureFigure.Output(t, plot, plot.seriesCount());
    }

    // ---------------------------------------------------------------- every registered schedule

    /** The monotone ones, drawn in {@code schedules-decay}; every other name goes to {@code schedules-cyclic}. */
    static final List<String> DECAY_SCHEDULES = List.of(
            "constant", "constant-lr", "step", "halving", "multistep", "exponential", "inverse-time", "one-over-t");
    static final int SCHEDULE_STEPS = 100;

    /** Example options for each registered schedule, base rate 0.1, over {@value #SCHEDULE_STEPS} steps. */
    static Map<String, Map<String, Object>> scheduleExamples() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        m.put("constant", Map.of("lr", 0.1));
        m.put("constant-lr", Map.of("lr", 0.1, "factor", 0.5, "total_iters", 20));
        m.put("step", Map.of("lr", 0.1, "step_size", 25, "gamma", 0.5));
        m.put("halving", Map.of("lr", 0.1, "step_size", 20));
        m.put("multistep", Map.of("lr", 0.1, "milestones", "30,60,80", "gamma", 0.5));
        m.put("exponential", Map.of("lr", 0.1, "gamma", 0.97));
        m.put("inverse-time", Map.of("lr", 0.1, "k", 0.05));
        m.put("one-over-t", Map.of("lr", 0.1, "t0", 10));
        m.put("cyclic", Map.of("base_lr", 0.01, "max_lr", 0.1, "step_size_up", 20));
        m.put("cosine", Map.of("lr", 0.1, "T_max", 100));
        m.put("cosine-warm-restarts", Map.of("lr", 0.1, "T_0", 25));
        m.put("linear", Map.of("lr", 0.1, "start_factor", 0.1, "total_iters", 30));
        m.put("polynomial", Map.of("lr", 0.1, "total_iters", 100, "power", 2));
        m.put("onecycle", Map.of("max_lr", 0.1, "total_steps", 101));
        return m;
    }

    static LectureFigure.Output schedulesDecay(String title) {
        return schedules(title, DECAY_SCHEDULES);
    }

    static LectureFigure.Output schedulesCyclic(String title) {
        List<String> rest = new ArrayList<>(Schedules.names());
        rest.removeAll(DECAY_SCHEDULES);
        return schedules(title, rest);
    }

    private static LectureFigure.Output schedules(String title, List<String> names) {
        Map<String, Map<String, Object>> examples = scheduleExamples();
        List<Schedule> schedules = new ArrayList<>();
        Table t = Table.create(title, IntColumn.create("step"));
        for (int k = 0; k <= SCHEDULE_STEPS; k++) {
            t.intColumn("step").append(k);
        }
        for (String name : names) {
            Map<String, Object> o = examples.getOrDefault(name, Map.of("lr", 0.1));
            Schedule s = Schedules.fromOptions(name, Options.of(o));
            schedules.add(s);
            double[] v = new double[SCHEDULE_STEPS + 1];
            for (int k = 0; k <= SCHEDULE_STEPS; k++) {
                v[k] = s.valueAt(k);
            }
            t.addColumns(DoubleColumn.create("lr_" + name, v));
        }
        CurvePlot plot = SchedulePlot.of(SCHEDULE_STEPS, schedules).title(title).size(CURVE_W, CURVE_H + 80);
        return new LectureFigure.Output(t, plot, plot.seriesCount());
    }

    private static String mark(boolean b) {
        return b ? "yes" : "no";
    }
}
