package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.Rosenbrock;
import org.descentlab.schedule.CosineAnnealingLR;
import org.descentlab.schedule.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generic contract for every optimizer in the registry (optax's test style): it lowers the loss
 * of a quadratic, it reaches Rosenbrock's minimum (1, 1) from (1.5, 1.5) within a stated distance, and
 * its state survives a save/restore round trip bit for bit (torch's own test: a fresh optimizer restored
 * from the state of one that ran 20 steps continues in lockstep for 20 more).
 */
class EveryOptimizerTest {

    /** How each registered optimizer is run on Rosenbrock: options, steps, optional cosine decay, tolerance. */
    record Setting(String name, Map<String, Object> options, int steps, boolean cosineDecay, double tolerance) {
        @Override
        public String toString() {
            return name + options;
        }
    }

    static List<Setting> rosenbrockSettings() {
        List<Setting> s = new ArrayList<>();
        s.add(new Setting("sgd", Map.of("lr", 1e-3, "momentum", 0.9), 20_000, false, 1e-9));
        s.add(new Setting("sgd", Map.of("lr", 1e-3, "momentum", 0.9, "nesterov", true), 20_000, false, 1e-9));
        s.add(new Setting("heavy-ball", Map.of("lr", 1e-3, "momentum", 0.9), 20_000, false, 1e-9));
        s.add(new Setting("ema-momentum", Map.of("lr", 1e-2, "momentum", 0.9), 20_000, false, 1e-9));
        s.add(new Setting("adagrad", Map.of("lr", 0.5), 20_000, false, 1e-4));
        s.add(new Setting("rmsprop", Map.of("lr", 1e-3), 20_000, true, 1e-4));
        s.add(new Setting("adam", Map.of("lr", 0.02), 5_000, false, 1e-4));
        s.add(new Setting("adamw", Map.of("lr", 0.02, "weight_decay", 0.0), 5_000, false, 1e-4));
        s.add(new Setting("local-gains", Map.of("lr", 5e-4), 20_000, false, 1e-6));
        s.add(new Setting("lars", Map.of("lr", 0.01), 20_000, false, 1e-4));
        s.add(new Setting("amsgrad", Map.of("lr", 0.02), 20_000, false, 1e-4));
        s.add(new Setting("adabelief", Map.of("lr", 0.02), 5_000, false, 1e-6));
        s.add(new Setting("swats", Map.of("lr", 0.02), 5_000, false, 1e-4));
        return s;
    }

    @Test
    void everyRegisteredOptimizerHasARosenbrockSetting() {
        List<String> covered = rosenbrockSettings().stream().map(Setting::name).distinct().toList();
        assertEquals(Optimizers.names().stream().sorted().toList(), covered.stream().sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rosenbrockSettings")
    void reachesRosenbrocksMinimum(Setting s) {
        Rosenbrock problem = new Rosenbrock();
        try (DescentOptimizer optimizer = Optimizers.create(s.name(), Options.of(s.options()))) {
            Schedule schedule = s.cosineDecay() ? new CosineAnnealingLR(optimizer.lr(), s.steps(), 0) : null;
            Trajectory t = TrajectoryRunner.run(problem, optimizer, schedule, problem.start(), s.steps());
            double[] w = t.last();
            double distance = Math.hypot(w[0] - 1, w[1] - 1);
            assertTrue(distance <= s.tolerance(), s + " ends at " + w[0] + ", " + w[1] + ": distance " + distance);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rosenbrockSettings")
    void lowersTheLossOfAnIllConditionedQuadraticTenfold(Setting s) {
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1, 10}, new double[] {1, 1});
        Map<String, Object> options = new LinkedHashMap<>(s.options());
        if (s.name().equals("lars")) {
            options.put("lr", 1.0); // LARS scales the step by 0.001 ||w|| / ||g||: its rate is of order 1
        }
        try (DescentOptimizer optimizer = Optimizers.create(s.name(), Options.of(options))) {
            Trajectory t = TrajectoryRunner.run(q, optimizer, 1000);
            assertTrue(t.lastLoss() < 0.1 * t.loss()[0],
                    s + ": loss " + t.loss()[0] + " -> " + t.lastLoss() + " after 1000 steps");
        }
    }

    static List<String> names() {
        return Optimizers.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void stateRoundTripContinuesInLockstep(String name) {
        Map<String, Object> options = Map.of("lr", 1e-3);
        try (NDManager manager = NDManager.newBaseManager();
                DescentOptimizer first = Optimizers.create(name, Options.of(options));
                DescentOptimizer second = Optimizers.create(name, Options.of(options))) {
            Map<String, NDArray> a = params(manager);
            for (int k = 0; k < 20; k++) {
                first.step(a, grads(manager, a, k));
            }
            byte[] saved = first.state().toBytes();
            Map<String, NDArray> b = new LinkedHashMap<>();
            a.forEach((key, v) -> b.put(key, v.duplicate()));
            second.restore(OptimizerState.fromBytes(saved), b);
            for (int k = 20; k < 40; k++) {
                first.step(a, grads(manager, a, k));
                second.step(b, grads(manager, b, k));
                for (String key : a.keySet()) {
                    assertArrayEquals(a.get(key).toDoubleArray(), b.get(key).toDoubleArray(),
                            name + " parameter " + key + " at step " + k);
                }
            }
            assertEquals(first.state(), second.state(), "states after 40 steps");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void restoringAnotherOptimizersStateIsAClearError(String name) {
        String other = name.equals("sgd") ? "adam" : "sgd";
        try (NDManager manager = NDManager.newBaseManager();
                DescentOptimizer source = Optimizers.create(other, Options.of(Map.of("lr", 1e-3)));
                DescentOptimizer target = Optimizers.create(name, Options.of(Map.of("lr", 1e-3)))) {
            Map<String, NDArray> p = params(manager);
            source.step(p, grads(manager, p, 0));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> target.restore(source.state()));
            assertTrue(e.getMessage().contains(source.name()) && e.getMessage().contains(target.name()), e.getMessage());
        }
    }

    /** Two named float64 parameters: a 2x3 "weight" and a 3-vector "bias". */
    private static Map<String, NDArray> params(NDManager manager) {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("weight", manager.create(new double[] {0.5, -1.0, 1.5, 2.0, -0.3, 0.7}).reshape(2, 3));
        p.put("bias", manager.create(new double[] {0.1, -0.2, 0.3}));
        return p;
    }

    /** Gradient of sum(w^2 * c) + sin(step) terms: deterministic, parameter-dependent, never all zero. */
    private static Map<String, NDArray> grads(NDManager manager, Map<String, NDArray> params, int step) {
        Map<String, NDArray> g = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            double[] w = e.getValue().toDoubleArray();
            double[] d = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                d[i] = 2 * (i + 1) * w[i] + Math.sin(step + i);
            }
            g.put(e.getKey(), manager.create(d).reshape(e.getValue().getShape()).toType(DataType.FLOAT64, false));
        }
        return g;
    }
}
