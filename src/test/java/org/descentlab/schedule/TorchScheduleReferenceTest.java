package org.descentlab.schedule;

import static org.descentlab.schedule.ReferenceFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.descentlab.optim.Options;
import org.descentlab.optim.Sgd;
import org.descentlab.schedule.ReferenceFixtures.Unsupported;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;

/**
 * Every case of {@code reference/schedules-torch.json} (torch 2.15.0, float64): the schedule built
 * through {@link Schedules#fromOptions} from torch's class name and keyword arguments must give the
 * rate torch leaves in the optimizer after each {@code step()}, to a relative 1e-12.
 */
class TorchScheduleReferenceTest {

    private static final String RESOURCE = "/reference/schedules-torch.json";

    /** Cases deliberately not mapped, with the reason. None: every torch case is mapped. */
    static final Map<String, String> UNSUPPORTED = Map.of();

    /** torch's {@code lr_lambda} sources in the fixture, as Java functions of the step. */
    static final Map<String, LongToDoubleFunction> LAMBDAS = Map.of(
            "0.95**epoch", t -> Math.pow(0.95, t),
            "1/(1+0.1*epoch)", t -> 1 / (1 + 0.1 * t),
            "epoch//30", t -> (double) (t / 30),
            "0.5**(epoch//10)", t -> Math.pow(0.5, t / 10));

    private static final Map<String, Double> MAX_ERROR = new TreeMap<>();

    @TestFactory
    List<DynamicTest> everyTorchCase() {
        JsonObject fixture = ReferenceFixtures.load(RESOURCE);
        assertEquals("torch", fixture.getAsJsonObject("generator").get("library").getAsString());
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonObject c : ReferenceFixtures.cases(fixture)) {
            String id = c.get("id").getAsString();
            ids.add(id);
            if (UNSUPPORTED.containsKey(id)) {
                tests.add(DynamicTest.dynamicTest("unsupported: " + id + " (" + UNSUPPORTED.get(id) + ")",
                        () -> assertThrows(Unsupported.class, () -> values(c))));
            } else {
                tests.add(DynamicTest.dynamicTest(id, () -> {
                    double[] expected = ReferenceFixtures.doubles(c.getAsJsonArray("lr"));
                    assertEquals(c.get("steps").getAsInt() + 1, expected.length, id + ": fixture length");
                    double err = assertClose(id, expected, values(c));
                    synchronized (MAX_ERROR) {
                        MAX_ERROR.put(id, err);
                    }
                }));
            }
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
        System.out.println("[torch reference] " + MAX_ERROR.size() + " cases, max relative error " + max
                + " (" + worst + ")");
    }

    /** The rates 0..steps our implementation gives for a fixture case. */
    static double[] values(JsonObject c) {
        String name = c.get("scheduler").getAsString();
        double baseLr = c.get("base_lr").getAsDouble();
        JsonObject params = c.getAsJsonObject("params");
        int steps = c.get("steps").getAsInt();
        double[] out = new double[steps + 1];
        if (name.equals("ReduceLROnPlateau")) {
            double[] metrics = ReferenceFixtures.doubles(c.getAsJsonArray("metrics"));
            Options o = Options.of(ReferenceFixtures.plain(params));
            ReduceLROnPlateau.Builder b = ReduceLROnPlateau.builder(o);
            o.finish("ReduceLROnPlateau");
            // Drive a real optimizer, as torch's scheduler drives param_group['lr'].
            try (Sgd sgd = Sgd.of(baseLr)) {
                ReduceLROnPlateau plateau = b.build(sgd);
                out[0] = sgd.lr();
                for (int k = 1; k <= steps; k++) {
                    plateau.step(metrics[k - 1]);
                    out[k] = sgd.lr();
                }
            }
            return out;
        }
        Schedule s = torchSchedule(name, baseLr, params);
        for (int k = 0; k <= steps; k++) {
            out[k] = s.valueAt(k);
        }
        return out;
    }

    /** A torch scheduler with its kwargs, on an optimizer whose initial rate is {@code baseLr}. */
    static Schedule torchSchedule(String name, double baseLr, JsonObject params) {
        switch (name) {
            case "LambdaLR": {
                String src = params.get("lr_lambda").getAsString();
                LongToDoubleFunction f = LAMBDAS.get(src);
                if (f == null) {
                    throw new Unsupported("lr_lambda '" + src + "' has no Java counterpart in the test");
                }
                return new LambdaLR(baseLr, f, src);
            }
            case "SequentialLR": {
                List<Schedule> parts = new ArrayList<>();
                for (JsonElement e : params.getAsJsonArray("schedulers")) {
                    JsonObject sub = e.getAsJsonObject();
                    parts.add(torchSchedule(sub.get("scheduler").getAsString(), baseLr, sub.getAsJsonObject("params")));
                }
                return new SequentialLR(parts, ReferenceFixtures.longs(params.getAsJsonArray("milestones")));
            }
            case "ChainedScheduler": {
                Schedule first = null;
                List<Schedule> factors = new ArrayList<>();
                for (JsonElement e : params.getAsJsonArray("schedulers")) {
                    JsonObject sub = e.getAsJsonObject();
                    String subName = sub.get("scheduler").getAsString();
                    JsonObject subParams = sub.getAsJsonObject("params");
                    if (first == null) {
                        first = torchSchedule(subName, baseLr, subParams);
                    } else {
                        factors.add(torchSchedule(subName, 1.0, subParams));
                    }
                }
                return new ChainedSchedule(first, factors);
            }
            default: {
                Map<String, Object> m = new LinkedHashMap<>(ReferenceFixtures.plain(params));
                if (!m.containsKey("base_lr") && !m.containsKey("max_lr")) {
                    m.put("lr", baseLr);
                }
                return Schedules.fromOptions(name, Options.of(m));
            }
        }
    }
}
