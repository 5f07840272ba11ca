package org.descentlab.schedule;

import org.descentlab.optim.Options;
import org.descentlab.util.Check;
import org.descentlab.util.Registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Schedules by name, built from torch-named options, for the command line ({@code --schedule step
 * -s step_size=30 -s gamma=0.5}), notebooks and reference tests. This registry is the one place that
 * states each option's default ({@link #catalog()} and {@link #help()} print them); the valid ranges
 * are the constructors'. Names are lower case with hyphens ({@code one-over-t}); case, underscores
 * ({@code one_over_t}) and torch's class names ({@code StepLR}) are accepted as well.
 */
public final class Schedules {

    private Schedules() {}

    /** One option: its torch name, its default ({@code null}: required) and how the default is shown. */
    private record Opt(String name, Object fallback, String shown) {}

    /**
     * A registry entry: the options after the base rate {@code rate} ({@code lr}, {@code base_lr} or
     * {@code max_lr}), and how to build the schedule from them.
     */
    private record Entry(String name, String rate, List<Opt> options, Function<Args, Schedule> build) {
        Opt option(String key) {
            return options.stream().filter(o -> o.name.equals(key)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " declares no option " + key));
        }
    }

    /** Found in any case, with underscores for hyphens, and by its alias: torch's class name or the lectures' term. */
    private static final Registry<Entry> ENTRIES = new Registry<>("schedule",
            name -> name.trim().toLowerCase(Locale.ROOT).replace('_', '-'),
            " (torch class names such as StepLR are accepted too)");

    static {
        add("constant", "", a -> Schedule.constant(a.rate()));
        add("constant-lr", "ConstantLR", a -> new ConstantLR(a.rate(), a.num("factor"), a.whole("total_iters")),
                opt("factor", 1.0 / 3, "1/3"), opt("total_iters", 5L));
        add("step", "StepLR", a -> new StepLR(a.rate(), a.whole("step_size"), a.num("gamma")),
                required("step_size", "30"), opt("gamma", 0.1));
        add("halving", "", a -> StepLR.halving(a.rate(), a.whole("step_size")), opt("step_size", 1L));
        add("multistep", "MultiStepLR", a -> new MultiStepLR(a.rate(), a.wholes("milestones"), a.num("gamma")),
                required("milestones", "30,80"), opt("gamma", 0.1));
        add("exponential", "ExponentialLR", Schedules::exponential, new Opt("gamma | k", null, null));
        add("inverse-time", "inverse", a -> new InverseTimeDecay(a.rate(), a.num("k")), required("k", "0.1"));
        add("one-over-t", "1/t", a -> InverseTimeDecay.oneOverT(a.rate(), a.num("t0")), opt("t0", 1.0));
        add("cyclic", "CyclicLR", Schedules::cyclic, required("max_lr", "0.006"), opt("step_size_up", 2000L),
                new Opt("step_size_down", null, "step_size_up"),
                opt("mode", CyclicLR.Mode.TRIANGULAR.torchName()), opt("gamma", 1.0), opt("cycle_momentum", false));
        add("cosine", "CosineAnnealingLR", a -> new CosineAnnealingLR(a.rate(), a.whole("T_max"), a.num("eta_min")),
                required("T_max", "100"), opt("eta_min", 0.0));
        add("cosine-warm-restarts", "CosineAnnealingWarmRestarts", a -> new CosineAnnealingWarmRestarts(
                a.rate(), a.whole("T_0"), a.whole("T_mult"), a.num("eta_min")),
                required("T_0", "10"), opt("T_mult", 1L), opt("eta_min", 0.0));
        add("linear", "LinearLR", a -> new LinearLR(
                a.rate(), a.num("start_factor"), a.num("end_factor"), a.whole("total_iters")),
                opt("start_factor", 1.0 / 3, "1/3"), opt("end_factor", 1.0), opt("total_iters", 5L));
        add("polynomial", "PolynomialLR", a -> new PolynomialLR(a.rate(), a.whole("total_iters"), a.num("power")),
                opt("total_iters", 5L), opt("power", 1.0));
        add("onecycle", "OneCycleLR", Schedules::oneCycle, new Opt("total_steps", null, null),
                opt("pct_start", OneCycleLR.PCT_START), opt("anneal_strategy", OneCycleLR.Anneal.COS.torchName()),
                opt("div_factor", OneCycleLR.DIV_FACTOR), opt("final_div_factor", OneCycleLR.FINAL_DIV_FACTOR), opt("three_phase", false),
                opt("cycle_momentum", false));
    }

    private static void add(String name, String alias, Function<Args, Schedule> build, Opt... options) {
        String rate = name.equals("cyclic") ? "base_lr" : name.equals("onecycle") ? "max_lr" : "lr";
        ENTRIES.add(name, new Entry(name, rate, List.of(options), build),
                alias.isEmpty() ? new String[0] : new String[] {alias});
    }

    private static Opt opt(String name, Object fallback) {
        boolean whole = fallback instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15;
        return new Opt(name, fallback, whole ? String.valueOf(((Double) fallback).longValue()) : String.valueOf(fallback));
    }

    private static Opt opt(String name, Object fallback, String shown) {
        return new Opt(name, fallback, shown);
    }

    private static Opt required(String name, String example) {
        return new Opt(name, null, example);
    }

    /** The canonical names, in a stable order. */
    public static List<String> names() {
        return ENTRIES.names();
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
        Entry e = ENTRIES.get(name);
        Schedule s = e.build.apply(new Args(e, o, defaultLr));
        o.finish("schedule '" + e.name + "'");
        return s;
    }

    /**
     * The canonical name for a name, an old spelling ({@code one_over_t}) or an alias (torch's class
     * name, {@code 1/t}); unknown names are an error listing the known ones.
     */
    public static String canonical(String name) {
        Check.notNull("name", name);
        return ENTRIES.resolve(name);
    }

    /** Each schedule name with the options it takes and their defaults, in registry order. */
    public static Map<String, String> catalog() {
        Map<String, String> c = new LinkedHashMap<>();
        ENTRIES.entries().forEach((name, e) -> {
            List<String> parts = new ArrayList<>(List.of(e.rate));
            for (Opt o : e.options) {
                parts.add(o.fallback == null && !"step_size_up".equals(o.shown) ? o.name : o.name + "=" + o.shown);
            }
            c.put(name, String.join(", ", parts));
        });
        return c;
    }

    /** Lists the names with their options, for {@code --help}. */
    public static String help() {
        List<String> lines = new ArrayList<>();
        catalog().forEach((name, options) -> lines.add(name + ": " + options));
        return String.join("\n", lines);
    }

    /** The options of one build, read with the entry's defaults. */
    private record Args(Entry entry, Options o, Double defaultLr) {

        /** The base rate: the entry's rate key, else the caller's default rate. */
        double rate() {
            String key = entry.rate;
            if (!o.has(key) && defaultLr == null && !(key.equals("max_lr") && o.has("lr"))) {
                String meaning = switch (key) {
                    case "base_lr" -> "the lower bound (e.g. base_lr=0.001)";
                    case "max_lr" -> "the peak rate (e.g. max_lr=0.1)";
                    default -> "the base learning rate (e.g. lr=0.1)";
                };
                throw new IllegalArgumentException("schedule '" + entry.name + "' needs " + key + ", " + meaning);
            }
            if (key.equals("max_lr") && !o.has(key)) {
                key = "lr"; // OneCycleLR's peak may be given as the optimizer's lr
            }
            return o.getDouble(key, defaultLr == null ? 0 : defaultLr);
        }

        private Opt spec(String key) {
            Opt spec = entry.option(key);
            if (spec.fallback == null && !o.has(key)) {
                throw new IllegalArgumentException("schedule '" + entry.name + "' needs " + key + " (e.g. " + key
                        + "=" + spec.shown + ")");
            }
            return spec;
        }

        double num(String key) {
            Object d = spec(key).fallback;
            return o.getDouble(key, d == null ? 0 : ((Number) d).doubleValue());
        }

        long whole(String key) {
            Object d = spec(key).fallback;
            return o.getLong(key, d == null ? 0 : ((Number) d).longValue());
        }

        String word(String key) {
            return o.getString(key, (String) spec(key).fallback);
        }

        boolean flag(String key) {
            return o.getBoolean(key, (Boolean) spec(key).fallback);
        }

        long[] wholes(String key) {
            spec(key);
            double[] d = o.getDoubles(key);
            long[] out = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                if (d[i] != Math.rint(d[i]) || Double.isInfinite(d[i])) {
                    throw Check.invalid(key + "[" + i + "]", d[i], "a whole number");
                }
                out[i] = (long) d[i];
            }
            return out;
        }

        /** Rejects {@code cycle_momentum = true}: only the learning rate is scheduled. */
        void noMomentumCycling() {
            if (flag("cycle_momentum")) {
                throw new IllegalArgumentException("cycle_momentum = true is not supported by schedule '" + entry.name
                        + "': only the learning rate is scheduled (use cycle_momentum=false)");
            }
        }
    }

    private static Schedule exponential(Args a) {
        double base = a.rate();
        boolean hasGamma = a.o.has("gamma");
        if (hasGamma == a.o.has("k")) {
            throw new IllegalArgumentException(
                    "schedule 'exponential' needs exactly one of gamma (eta0 * gamma^t, e.g. gamma=0.95) or k"
                            + " (eta0 * e^(-k t), e.g. k=0.05), got " + (hasGamma ? "both" : "neither"));
        }
        return hasGamma
                ? new ExponentialLR(base, a.o.getDouble("gamma", 0))
                : ExponentialLR.ofRate(base, a.o.getDouble("k", 0));
    }

    private static Schedule cyclic(Args a) {
        double base = a.rate();
        double max = a.num("max_lr");
        long up = a.whole("step_size_up");
        long down = a.o.getLong("step_size_down", up);
        CyclicLR.Mode mode = CyclicLR.Mode.parse(a.word("mode"));
        double gamma = a.num("gamma");
        a.noMomentumCycling();
        return new CyclicLR(base, max, up, down, mode, gamma);
    }

    private static Schedule oneCycle(Args a) {
        double max = a.rate();
        long total;
        if (a.o.has("total_steps")) {
            total = a.o.getLong("total_steps", 0);
        } else if (a.o.has("epochs") && a.o.has("steps_per_epoch")) {
            total = Check.atLeast("epochs", a.o.getLong("epochs", 0), 1)
                    * Check.atLeast("steps_per_epoch", a.o.getLong("steps_per_epoch", 0), 1);
        } else {
            throw new IllegalArgumentException(
                    "schedule 'onecycle' needs total_steps, or epochs and steps_per_epoch (e.g. total_steps=1000)");
        }
        OneCycleLR s = new OneCycleLR(max, total, a.num("pct_start"), OneCycleLR.Anneal.parse(a.word("anneal_strategy")),
                a.num("div_factor"), a.num("final_div_factor"), a.flag("three_phase"));
        a.noMomentumCycling();
        return s;
    }
}
