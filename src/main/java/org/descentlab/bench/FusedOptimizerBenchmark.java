package org.descentlab.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lockstep optimizer step alone, its fused CPU loops ({@code FusedUpdate}) against the op-by-op
 * engine rules, at K = 12 with the lecture MLP's shapes, one intra-op thread: the lecture table's group
 * of twelve (SGD with momentum 0.9 and weight decay 1e-4, Adam, AdamW, AdaBelief, three models each, as
 * {@code GroupOptimizer} builds it: four segments updating views) and one Adam segment of twelve. Both
 * paths update their own copy of the same parameters with the same fixed gradients, alternately (which
 * goes first alternates too); after a warm-up it prints the median and best step time of each and
 * {@code ratio optimizer fused/engine = <x>} (medians; below 1: the fused loops pay), and the load average.
 *
 * <p>{@code GroupOptimizer} is package-private (the library's public API does not grow for a benchmark),
 * so it is reached by reflection.
 *
 * <p>Usage (bin/bench-fused-optimizer): {@code [repetitions=300] [warmup=50]}
 */
public final class FusedOptimizerBenchmark {

    private static final int K = 12;

    private FusedOptimizerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        if (repetitions < 1 || warmup < 0) {
            throw new IllegalArgumentException("repetitions must be >= 1 and warmup >= 0");
        }
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Map<String, Shape> mlp = UpdateBenchmark.lectureMlpShapes();
        JniUtils.setNumThreads(1);
        System.out.printf(Locale.ROOT, "# optimizer step, K = %d, lecture MLP shapes %s, intra-op threads %d,"
                + " %d warm-up,"
                + " %d repetitions%n", K, mlp.values(), JniUtils.getNumThreads(), warmup, repetitions);
        System.out.println("# " + LockstepBenchmark.load());
        Map<String, Object> sgd = Map.of("name", "sgd", "lr", 0.1, "momentum", 0.9, "weight_decay", 1e-4);
        Map<String, Object> adam = Map.of("name", "adam", "lr", 0.005);
        Map<String, Object> adamw = Map.of("name", "adamw", "lr", 0.005, "weight_decay", 0.01);
        Map<String, Object> adaBelief = Map.of("name", "adabelief", "lr", 0.005);
        List<Map<String, Object>> table = new ArrayList<>();
        for (Map<String, Object> rule : List.of(sgd, adam, adamw, adaBelief)) {
            for (int m = 0; m < 3; m++) {
                table.add(rule);
            }
        }
        compare("group of twelve (SGD-momentum, Adam, AdamW, AdaBelief x 3)", table, mlp, repetitions, warmup);
        compare("Adam x 12 (one segment)", java.util.Collections.nCopies(K, adam), mlp, repetitions, warmup);
        System.out.println("# " + LockstepBenchmark.load());
    }

    private static void compare(String label, List<Map<String, Object>> specs, Map<String, Shape> mlp, int repetitions,
            int warmup) throws Exception {
        Class<?> group = Class.forName("org.descentlab.train.lockstep.GroupOptimizer");
        Constructor<?> create = group.getDeclaredConstructor(List.class, List.class);
        Method step = group.getDeclaredMethod("step", List.class, List.class, double[].class, NDManager.class);
        Method fused = group.getDeclaredMethod("fused", boolean.class);
        Method close = group.getDeclaredMethod("close");
        for (java.lang.reflect.AccessibleObject o : List.of(create, step, fused, close)) {
            o.setAccessible(true);
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            manager.getEngine().setRandomSeed(20261130);
            List<DescentOptimizer> holders = new ArrayList<>();
            double[] lr = new double[K];
            for (int m = 0; m < K; m++) {
                Map<String, Object> o = new LinkedHashMap<>(specs.get(m));
                holders.add(Optimizers.create((String) o.remove("name"), Options.of(o)));
                lr[m] = ((Number) specs.get(m).get("lr")).doubleValue() * (0.5 + m % 3 * 0.5); // per-model rates
            }
            List<NDArray> fusedParams = new ArrayList<>();
            List<NDArray> engineParams = new ArrayList<>();
            List<NDArray> grads = new ArrayList<>();
            for (Shape s : mlp.values()) {
                Shape stacked = new Shape(K).addAll(s);
                NDArray w = manager.randomNormal(0, 0.1f, stacked, DataType.FLOAT32);
                fusedParams.add(w);
                engineParams.add(w.duplicate());
                grads.add(manager.randomNormal(0, 0.01f, stacked, DataType.FLOAT32));
            }
            Object a = create.newInstance(holders, fusedParams);
            Object b = create.newInstance(holders, engineParams);
            fused.invoke(b, false);
            for (int i = 0; i < warmup; i++) {
                step.invoke(a, fusedParams, grads, lr, manager);
                step.invoke(b, engineParams, grads, lr, manager);
            }
            long[] tFused = new long[repetitions];
            long[] tEngine = new long[repetitions];
            for (int i = 0; i < repetitions; i++) {
                boolean fusedFirst = i % 2 == 0;
                if (fusedFirst) {
                    tFused[i] = time(step, a, fusedParams, grads, lr, manager);
                }
                tEngine[i] = time(step, b, engineParams, grads, lr, manager);
                if (!fusedFirst) {
                    tFused[i] = time(step, a, fusedParams, grads, lr, manager);
                }
            }
            boolean same = true;
            for (int i = 0; i < fusedParams.size(); i++) {
                same &= Arrays.equals(fusedParams.get(i).toFloatArray(), engineParams.get(i).toFloatArray());
            }
            Arrays.sort(tFused);
            Arrays.sort(tEngine);
            double mFused = tFused[repetitions / 2] / 1e6;
            double mEngine = tEngine[repetitions / 2] / 1e6;
            System.out.printf(Locale.ROOT, "%s: fused median %.3f ms (best %.3f), engine median %.3f ms (best %.3f);"
                    + " parameters after %d steps equal: %s%n", label, mFused, tFused[0] / 1e6, mEngine,
                    tEngine[0] / 1e6, warmup + repetitions, same);
            System.out.printf(Locale.ROOT, "ratio optimizer fused/engine = %.2f (%s)%n", mFused / mEngine, label);
            close.invoke(a);
            close.invoke(b);
        }
    }

    private static long time(Method step, Object optimizer, List<NDArray> params, List<NDArray> grads, double[] lr,
            NDManager manager) throws Exception {
        long start = System.nanoTime();
        step.invoke(optimizer, params, grads, lr, manager);
        return System.nanoTime() - start;
    }
}
