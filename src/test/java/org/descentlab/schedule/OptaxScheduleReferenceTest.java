package org.descentlab.schedule;

import static org.descentlab.schedule.ReferenceFixtures.assertClose;
import static org.descentlab.schedule.ReferenceFixtures.getDouble;
import static org.descentlab.schedule.ReferenceFixtures.getLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.descentlab.schedule.ReferenceFixtures.Unsupported;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cases of {@code reference/schedules-optax.json} (optax 0.2.8, float64) that descent's schedules
 * cover, each expressed through torch-style schedules (warm-ups and joins through {@link SequentialLR},
 * piecewise constants through {@link MultiStepLR} or {@link ChainedSchedule}), to a relative 1e-12.
 * optax's value at count {@code k} is compared with {@code valueAt(k)}.
 */
class OptaxScheduleReferenceTest {

    private static final String RESOURCE = "/reference/schedules-optax.json";

    private static final String CLIP =
            "end_value clips the decay at a floor (or a ceiling for decay_rate > 1); descent has no clipped exponential";

    /** Cases deliberately not mapped, with the reason. */
    static final Map<String, String> UNSUPPORTED = Map.of(
            "optax.exponential_decay{init_value=1.0,transition_steps=5,decay_rate=0.8,transition_begin=10,end_value=0.2}",
            CLIP,
            "optax.exponential_decay{init_value=0.1,transition_steps=10,decay_rate=1.5,end_value=0.5}", CLIP,
            "optax.warmup_exponential_decay_schedule{init_value=0.01,peak_value=0.1,warmup_steps=5,transition_steps=10,"
                    + "decay_rate=0.5,transition_begin=5,staircase=true,end_value=0.01}", CLIP,
            "optax.cosine_decay_schedule{init_value=1.0,decay_steps=40,alpha=0.05,exponent=2.0}",
            "exponent != 1 raises the cosine factor to a power; torch's and descent's cosine have no exponent",
            "optax.polynomial_schedule{init_value=1.0,end_value=0.01,power=2,transition_steps=40}",
            "end_value != 0: descent's PolynomialLR (torch's) decays to 0, not to a floor",
            "optax.polynomial_schedule{init_value=0.1,end_value=0.001,power=0.5,transition_steps=30,transition_begin=10}",
            "end_value != 0: descent's PolynomialLR (torch's) decays to 0, not to a floor");

    private static final Map<String, Double> MAX_ERROR = new TreeMap<>();

    @TestFactory
    List<DynamicTest> everyOptaxCase() {
        JsonObject fixture = ReferenceFixtures.load(RESOURCE);
        assertEquals("optax", fixture.getAsJsonObject("generator").get("library").getAsString());
        assertEquals("float64", fixture.getAsJsonObject("generator").get("dtype").getAsString());
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonObject c : ReferenceFixtures.cases(fixture)) {
            String id = c.get("id").getAsString();
            ids.add(id);
            String name = c.get("scheduler").getAsString();
            JsonObject params = c.getAsJsonObject("params");
            if (UNSUPPORTED.containsKey(id)) {
                tests.add(DynamicTest.dynamicTest("unsupported: " + id + " (" + UNSUPPORTED.get(id) + ")",
                        () -> assertThrows(Unsupported.class, () -> optax(name, params))));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(id, () -> {
                double[] expected = ReferenceFixtures.doubles(c.getAsJsonArray("lr"));
                Schedule s = optax(name, params);
                double[] actual = new double[expected.length];
                for (int k = 0; k < actual.length; k++) {
                    actual[k] = s.valueAt(k);
                }
                double err = assertClose(id + " as " + s.describe(), expected, actual);
                synchronized (MAX_ERROR) {
                    MAX_ERROR.put(id, err);
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("every unsupported id names a fixture case",
                () -> assertTrue(ids.containsAll(UNSUPPORTED.keySet()), UNSUPPORTED.keySet().toString())));
        return tests;
    }

    @AfterAll
    static void report() {
        double max = MAX_ERROR.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        String worst = MAX_ERROR.entrySet().stream().filter(e -> e.getValue() == max).map(Map.Entry::getKey)
                .findFirst().orElse("-");
        System.out.println("[optax reference] " + MAX_ERROR.size() + " cases mapped, " + UNSUPPORTED.size()
                + " unsupported, max relative error " + max + " (" + worst + ")");
    }

    /** An optax schedule function with its kwargs as descent schedules. */
    static Schedule optax(String name, JsonObject p) {
        switch (name) {
            case "constant_schedule":
                return Schedule.constant(p.get("value").getAsDouble());
            case "exponential_decay":
                return exponentialDecay(p.get("init_value").getAsDouble(), p);
            case "cosine_decay_schedule":
                return cosineDecay(p.get("init_value").getAsDouble(), getLong(p, "decay_steps", 0),
                        getDouble(p, "alpha", 0), getDouble(p, "exponent", 1));
            case "linear_schedule":
                return delayed(linear(p.get("init_value").getAsDouble(), p.get("end_value").getAsDouble(),
                        getLong(p, "transition_steps", 0)), p.get("init_value").getAsDouble(),
                        getLong(p, "transition_begin", 0));
            case "polynomial_schedule": {
                double init = p.get("init_value").getAsDouble();
                if (getDouble(p, "end_value", 0) != 0) {
                    throw new Unsupported("end_value != 0");
                }
                return delayed(new PolynomialLR(init, getLong(p, "transition_steps", 0), getDouble(p, "power", 1)),
                        init, getLong(p, "transition_begin", 0));
            }
            case "piecewise_constant_schedule":
                return piecewiseConstant(p.get("init_value").getAsDouble(), p.getAsJsonObject("boundaries_and_scales"));
            case "join_schedules": {
                List<Schedule> parts = new ArrayList<>();
                for (JsonElement e : p.getAsJsonArray("schedules")) {
                    JsonObject sub = e.getAsJsonObject();
                    parts.add(optax(sub.get("scheduler").getAsString(), sub.getAsJsonObject("params")));
                }
                return new SequentialLR(parts, ReferenceFixtures.longs(p.getAsJsonArray("boundaries")));
            }
            case "warmup_cosine_decay_schedule":
                return warmupCosine(p);
            case "warmup_exponential_decay_schedule": {
                double peak = p.get("peak_value").getAsDouble();
                long warmup = getLong(p, "warmup_steps", 0);
                return new SequentialLR(
                        List.of(linear(p.get("init_value").getAsDouble(), peak, warmup), exponentialDecay(peak, p)),
                        warmup);
            }
            case "sgdr_schedule": {
                List<Schedule> parts = new ArrayList<>();
                List<Long> boundaries = new ArrayList<>();
                long step = 0;
                for (JsonElement e : p.getAsJsonArray("cosine_kwargs")) {
                    JsonObject kw = e.getAsJsonObject();
                    parts.add(warmupCosine(kw));
                    step += getLong(kw, "decay_steps", 0);
                    boundaries.add(step);
                }
                boundaries.remove(boundaries.size() - 1);
                return new SequentialLR(parts, boundaries.stream().mapToLong(Long::longValue).toArray());
            }
            case "linear_onecycle_schedule":
            case "cosine_onecycle_schedule":
                return oneCycle(name.startsWith("cosine"), p);
            default:
                throw new Unsupported("no mapping for optax." + name);
        }
    }

    /** optax's {@code exponential_decay}: staircase is StepLR, smooth is ExponentialLR with gamma = rate^(1/T). */
    private static Schedule exponentialDecay(double init, JsonObject p) {
        if (p.has("end_value")) {
            throw new Unsupported(CLIP);
        }
        long steps = getLong(p, "transition_steps", 0);
        double rate = p.get("decay_rate").getAsDouble();
        boolean staircase = p.has("staircase") && p.get("staircase").getAsBoolean();
        Schedule decay = staircase ? new StepLR(init, steps, rate) : new ExponentialLR(init, Math.pow(rate, 1.0 / steps));
        return delayed(decay, init, getLong(p, "transition_begin", 0));
    }

    /** optax's {@code cosine_decay_schedule}: a cosine to {@code alpha * init}, then constant (torch's would rise again). */
    private static Schedule cosineDecay(double init, long steps, double alpha, double exponent) {
        if (exponent != 1) {
            throw new Unsupported("exponent != 1");
        }
        return new SequentialLR(
                List.of(new CosineAnnealingLR(init, steps, alpha * init), Schedule.constant(alpha * init)), steps);
    }

    /** optax's {@code linear_schedule} without offset, as a LinearLR on the larger of the two ends. */
    private static Schedule linear(double init, double end, long steps) {
        double top = Math.max(init, end);
        if (top == 0) {
            return Schedule.constant(0);
        }
        return new LinearLR(top, init / top, end / top, steps);
    }

    /** optax's {@code transition_begin}: hold {@code init} for {@code begin} steps, then start. */
    private static Schedule delayed(Schedule s, double init, long begin) {
        return begin == 0 ? s : new SequentialLR(List.of(Schedule.constant(init), s), begin);
    }

    /** optax's {@code warmup_cosine_decay_schedule}: linear warm-up joined with a cosine decay. */
    private static Schedule warmupCosine(JsonObject p) {
        double init = p.get("init_value").getAsDouble();
        double peak = p.get("peak_value").getAsDouble();
        long warmup = getLong(p, "warmup_steps", 0);
        long decay = getLong(p, "decay_steps", 0);
        double end = getDouble(p, "end_value", 0);
        return new SequentialLR(
                List.of(linear(init, peak, warmup),
                        cosineDecay(peak, decay - warmup, end / peak, getDouble(p, "exponent", 1))),
                warmup);
    }

    /**
     * optax's {@code piecewise_constant_schedule}: the rate is multiplied by each scale from its
     * boundary on; equal scales are a MultiStepLR, different ones a product of one-milestone MultiStepLRs.
     */
    private static Schedule piecewiseConstant(double init, JsonObject boundariesAndScales) {
        TreeMap<Long, Double> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : boundariesAndScales.entrySet()) {
            sorted.put(Long.parseLong(e.getKey()), e.getValue().getAsDouble());
        }
        long[] boundaries = sorted.keySet().stream().mapToLong(Long::longValue).toArray();
        if (sorted.values().stream().distinct().count() == 1) {
            return new MultiStepLR(init, boundaries, sorted.firstEntry().getValue());
        }
        List<Schedule> factors = new ArrayList<>();
        Schedule first = null;
        for (Map.Entry<Long, Double> e : sorted.entrySet()) {
            Schedule s = new MultiStepLR(first == null ? init : 1.0, new long[] {e.getKey()}, e.getValue());
            if (first == null) {
                first = s;
            } else {
                factors.add(s);
            }
        }
        return new ChainedSchedule(first, factors);
    }

    /**
     * optax's one-cycle schedules: piecewise interpolation between {@code peak/div} at 0, {@code peak}
     * at {@code int(pct_start T)}, ({@code peak/div} at {@code int(pct_final T)} for the linear one)
     * and {@code peak/(div final_div)} at {@code T}, then constant. Cosine pieces are
     * CosineAnnealingLR segments (a rising one has {@code eta_min > lr}); linear pieces LinearLRs. The
     * phase boundaries differ from torch's OneCycleLR ({@code pct_start * total - 1}), so this is built
     * from SequentialLR rather than OneCycleLR.
     */
    private static Schedule oneCycle(boolean cosine, JsonObject p) {
        long total = getLong(p, "transition_steps", 0);
        double peak = p.get("peak_value").getAsDouble();
        double pctStart = getDouble(p, "pct_start", 0.3);
        double div = getDouble(p, "div_factor", 25);
        double finalDiv = getDouble(p, "final_div_factor", 1e4);
        double init = peak / div;
        List<Long> bounds = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        values.add(init);
        bounds.add((long) (pctStart * total));
        values.add(init * div);
        if (!cosine) {
            bounds.add((long) (getDouble(p, "pct_final", 0.85) * total));
            values.add(values.get(values.size() - 1) / div);
            bounds.add(total);
            values.add(values.get(values.size() - 1) / finalDiv);
        } else {
            bounds.add(total);
            values.add(values.get(values.size() - 1) / (div * finalDiv));
        }
        List<Schedule> parts = new ArrayList<>();
        long start = 0;
        for (int i = 0; i < bounds.size(); i++) {
            long len = bounds.get(i) - start;
            double a = values.get(i);
            double b = values.get(i + 1);
            parts.add(cosine ? new CosineAnnealingLR(a, len, b) : linear(a, b, len));
            start = bounds.get(i);
        }
        parts.add(Schedule.constant(values.get(values.size() - 1)));
        return new SequentialLR(parts, bounds.stream().mapToLong(Long::longValue).toArray());
    }
}
