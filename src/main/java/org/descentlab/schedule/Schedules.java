package org.descentlab.schedule;

import org.descentlab.optim.Options;
import org.descentlab.util.Check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Schedules by name, built from torch-named options, for the command line ({@code --schedule step
 * --schedule-param step_size=30 --schedule-param gamma=0.5}) and for reference tests. Every schedule
 * takes its base rate as {@code lr} ({@code base_lr} and {@code max_lr} for {@code cyclic}; {@code
 * max_lr} for {@code onecycle}). Defaults are torch's. Names are case-insensitive, and torch's class
 * names are accepted as aliases ({@code StepLR} for {@code step}, ...).
 *
 * <table>
 *   <caption>names and options</caption>
 *   <tr><td>constant</td><td>lr</td></tr>
 *   <tr><td>constant_lr (ConstantLR)</td><td>lr, factor = 1/3, total_iters = 5</td></tr>
 *   <tr><td>step (StepLR)</td><td>lr, step_size, gamma = 0.1</td></tr>
 *   <tr><td>halving</td><td>lr, step_size = 1</td></tr>
 *   <tr><td>multistep (MultiStepLR)</td><td>lr, milestones, gamma = 0.1</td></tr>
 *   <tr><td>exponential (ExponentialLR)</td><td>lr, and gamma (eta0 gamma^t) or k (eta0 e^(-k t))</td></tr>
 *   <tr><td>inverse_time</td><td>lr, k</td></tr>
 *   <tr><td>one_over_t</td><td>lr, t0 = 1</td></tr>
 *   <tr><td>cyclic (CyclicLR)</td><td>base_lr, max_lr, step_size_up = 2000, step_size_down = step_size_up,
 *       mode = triangular, gamma = 1, cycle_momentum = false</td></tr>
 *   <tr><td>cosine (CosineAnnealingLR)</td><td>lr, T_max, eta_min = 0</td></tr>
 *   <tr><td>cosine_warm_restarts (CosineAnnealingWarmRestarts)</td><td>lr, T_0, T_mult = 1, eta_min = 0</td></tr>
 *   <tr><td>linear (LinearLR)</td><td>lr, start_factor = 1/3, end_factor = 1, total_iters = 5</td></tr>
 *   <tr><td>polynomial (PolynomialLR)</td><td>lr, total_iters = 5, power = 1</td></tr>
 *   <tr><td>onecycle (OneCycleLR)</td><td>max_lr (or lr), total_steps (or epochs and steps_per_epoch),
 *       pct_start = 0.3, anneal_strategy = cos, div_factor = 25, final_div_factor = 1e4,
 *       three_phase = false, cycle_momentum = false</td></tr>
 * </table>
 */
public final class Schedules {

    private Schedules() {}

    private static final Map<String, BiFunction<Options, Double, Schedule>> BUILDERS = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        BUILDERS.put("constant", (o, lr) -> new Constant(lr(o, lr, "constant")));
        BUILDERS.put("constant_lr", (o, lr) -> new ConstantLR(
                lr(o, lr, "constant_lr"), o.getDouble("factor", 1.0 / 3), o.getLong("total_iters", 5)));
        BUILDERS.put("step", (o, lr) -> {
            double base = lr(o, lr, "step");
            required(o, "step_size", "step", "30");
            return new StepLR(base, o.getLong("step_size", 0), o.getDouble("gamma", 0.1));
        });
        BUILDERS.put("halving", (o, lr) -> StepLR.halving(lr(o, lr, "halving"), o.getLong("step_size", 1)));
        BUILDERS.put("multistep", (o, lr) -> {
            double base = lr(o, lr, "multistep");
            required(o, "milestones", "multistep", "30,80");
            return new MultiStepLR(base, longs(o, "milestones"), o.getDouble("gamma", 0.1));
        });
        BUILDERS.put("exponential", Schedules::exponential);
        BUILDERS.put("inverse_time", (o, lr) -> {
            double base = lr(o, lr, "inverse_time");
            required(o, "k", "inverse_time", "0.1");
            return new InverseTimeDecay(base, o.getDouble("k", 0));
        });
        BUILDERS.put("one_over_t", (o, lr) -> new OneOverT(lr(o, lr, "one_over_t"), o.getDouble("t0", 1)));
        BUILDERS.put("cyclic", Schedules::cyclic);
        BUILDERS.put("cosine", (o, lr) -> {
            double base = lr(o, lr, "cosine");
            required(o, "T_max", "cosine", "100");
            return new CosineAnnealingLR(base, o.getLong("T_max", 0), o.getDouble("eta_min", 0));
        });
        BUILDERS.put("cosine_warm_restarts", (o, lr) -> {
            double base = lr(o, lr, "cosine_warm_restarts");
            required(o, "T_0", "cosine_warm_restarts", "10");
            return new CosineAnnealingWarmRestarts(
                    base, o.getLong("T_0", 0), o.getLong("T_mult", 1), o.getDouble("eta_min", 0));
        });
        BUILDERS.put("linear", (o, lr) -> new LinearLR(lr(o, lr, "linear"), o.getDouble("start_factor", 1.0 / 3),
                o.getDouble("end_factor", 1.0), o.getLong("total_iters", 5)));
        BUILDERS.put("polynomial", (o, lr) -> new PolynomialLR(
                lr(o, lr, "polynomial"), o.getLong("total_iters", 5), o.getDouble("power", 1.0)));
        BUILDERS.put("onecycle", Schedules::oneCycle);

        ALIASES.put("constantlr", "constant_lr");
        ALIASES.put("steplr", "step");
        ALIASES.put("multisteplr", "multistep");
        ALIASES.put("exponentiallr", "exponential");
        ALIASES.put("inverse", "inverse_time");
        ALIASES.put("1/t", "one_over_t");
        ALIASES.put("cycliclr", "cyclic");
        ALIASES.put("cosineannealinglr", "cosine");
        ALIASES.put("cosineannealingwarmrestarts", "cosine_warm_restarts");
        ALIASES.put("linearlr", "linear");
        ALIASES.put("polynomiallr", "polynomial");
        ALIASES.put("onecyclelr", "onecycle");
    }

    /** The canonical names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(BUILDERS.keySet());
    }

    /**
     * Builds the schedule {@code name} from {@code o}; {@code lr} (or {@code base_lr} / {@code max_lr})
     * is required. Unknown names and unknown options are errors listing the valid ones.
     */
    public static Schedule fromOptions(String name, Options o) {
        return build(name, o, null);
    }

    /**
     * As {@link #fromOptions(String, Options)}, but the base rate defaults to {@code defaultLr} (e.g.
     * the optimizer's {@code --lr}) when the options do not give one.
     */
    public static Schedule fromOptions(String name, Options o, double defaultLr) {
        return build(name, o, Check.nonNegative("lr", defaultLr));
    }

    private static Schedule build(String name, Options o, Double defaultLr) {
        Check.notNull("name", name);
        Check.notNull("options", o);
        String key = canonical(name);
        Schedule s = BUILDERS.get(key).apply(o, defaultLr);
        o.finish("schedule '" + key + "'");
        return s;
    }

    /** The canonical name for a name or torch alias; unknown names are an error listing the known ones. */
    public static String canonical(String name) {
        Check.notNull("name", name);
        String k = name.trim().toLowerCase(Locale.ROOT);
        k = ALIASES.getOrDefault(k, k);
        if (!BUILDERS.containsKey(k)) {
            throw new IllegalArgumentException(
                    "schedule = '" + name + "' is unknown: must be one of " + String.join(", ", BUILDERS.keySet())
                            + " (torch class names such as StepLR are accepted too)");
        }
        return k;
    }

    private static double lr(Options o, Double defaultLr, String schedule) {
        if (!o.has("lr") && defaultLr == null) {
            throw new IllegalArgumentException(
                    "schedule '" + schedule + "' needs lr, the base learning rate (e.g. lr=0.1)");
        }
        return o.getDouble("lr", defaultLr == null ? 0 : defaultLr);
    }

    private static void required(Options o, String param, String schedule, String example) {
        if (!o.has(param)) {
            throw new IllegalArgumentException(
                    "schedule '" + schedule + "' needs " + param + " (e.g. " + param + "=" + example + ")");
        }
    }

    private static long[] longs(Options o, String name) {
        double[] d = o.getDoubles(name);
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Double.isInfinite(d[i])) {
                throw Check.invalid(name + "[" + i + "]", d[i], "a whole number");
            }
            out[i] = (long) d[i];
        }
        return out;
    }

    private static Schedule exponential(Options o, Double defaultLr) {
        double base = lr(o, defaultLr, "exponential");
        boolean hasGamma = o.has("gamma");
        boolean hasK = o.has("k");
        if (hasGamma == hasK) {
            throw new IllegalArgumentException(
                    "schedule 'exponential' needs exactly one of gamma (eta0 * gamma^t, e.g. gamma=0.95) or k"
                            + " (eta0 * e^(-k t), e.g. k=0.05), got " + (hasGamma ? "both" : "neither"));
        }
        return hasGamma
                ? new ExponentialLR(base, o.getDouble("gamma", 0))
                : ExponentialDecay.ofRate(base, o.getDouble("k", 0));
    }

    private static Schedule cyclic(Options o, Double defaultLr) {
        if (!o.has("base_lr") && defaultLr == null) {
            throw new IllegalArgumentException("schedule 'cyclic' needs base_lr, the lower bound (e.g. base_lr=0.001)");
        }
        double base = o.getDouble("base_lr", defaultLr == null ? 0 : defaultLr);
        required(o, "max_lr", "cyclic", "0.006");
        double max = o.getDouble("max_lr", 0);
        long up = o.getLong("step_size_up", 2000);
        long down = o.getLong("step_size_down", up);
        CyclicLR.Mode mode = CyclicLR.Mode.parse(o.getString("mode", "triangular"));
        double gamma = o.getDouble("gamma", 1.0);
        noMomentumCycling(o, "cyclic");
        return new CyclicLR(base, max, up, down, mode, gamma);
    }

    private static Schedule oneCycle(Options o, Double defaultLr) {
        double max;
        if (o.has("max_lr")) {
            max = o.getDouble("max_lr", 0);
        } else if (o.has("lr") || defaultLr != null) {
            max = o.getDouble("lr", defaultLr == null ? 0 : defaultLr);
        } else {
            throw new IllegalArgumentException("schedule 'onecycle' needs max_lr, the peak rate (e.g. max_lr=0.1)");
        }
        long total;
        if (o.has("total_steps")) {
            total = o.getLong("total_steps", 0);
        } else if (o.has("epochs") && o.has("steps_per_epoch")) {
            total = Check.atLeast("epochs", o.getLong("epochs", 0), 1)
                    * Check.atLeast("steps_per_epoch", o.getLong("steps_per_epoch", 0), 1);
        } else {
            throw new IllegalArgumentException(
                    "schedule 'onecycle' needs total_steps, or epochs and steps_per_epoch (e.g. total_steps=1000)");
        }
        OneCycleLR s = new OneCycleLR(max, total, o.getDouble("pct_start", 0.3),
                OneCycleLR.Anneal.parse(o.getString("anneal_strategy", "cos")), o.getDouble("div_factor", 25.0),
                o.getDouble("final_div_factor", 1e4), o.getBoolean("three_phase", false));
        noMomentumCycling(o, "onecycle");
        return s;
    }

    private static void noMomentumCycling(Options o, String schedule) {
        if (o.getBoolean("cycle_momentum", false)) {
            throw new IllegalArgumentException(
                    "cycle_momentum = true is not supported by schedule '" + schedule
                            + "': only the learning rate is scheduled (use cycle_momentum=false)");
        }
    }

    /** Each schedule name with the options it takes, in registry order (for {@code descent list schedules}). */
    public static Map<String, String> catalog() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("constant", "lr");
        c.put("constant_lr", "lr, factor=1/3, total_iters=5");
        c.put("step", "lr, step_size, gamma=0.1");
        c.put("halving", "lr, step_size=1");
        c.put("multistep", "lr, milestones, gamma=0.1");
        c.put("exponential", "lr, gamma | k");
        c.put("inverse_time", "lr, k");
        c.put("one_over_t", "lr, t0=1");
        c.put("cyclic", "base_lr, max_lr, step_size_up=2000, step_size_down, mode=triangular, gamma=1");
        c.put("cosine", "lr, T_max, eta_min=0");
        c.put("cosine_warm_restarts", "lr, T_0, T_mult=1, eta_min=0");
        c.put("linear", "lr, start_factor=1/3, end_factor=1, total_iters=5");
        c.put("polynomial", "lr, total_iters=5, power=1");
        c.put("onecycle", "max_lr, total_steps, pct_start=0.3, anneal_strategy=cos, div_factor=25, final_div_factor=1e4, three_phase=false");
        return c;
    }

    /** Lists the names with their options, for {@code --help}. */
    public static String help() {
        List<String> lines = new ArrayList<>();
        catalog().forEach((name, options) -> lines.add(name + ": " + options));
        return String.join("\n", lines);
    }
}
