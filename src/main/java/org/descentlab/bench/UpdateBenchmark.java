package org.descentlab.bench;

import ai.djl.engine.Engine;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

import org.descentlab.model.LectureMlp;
import org.descentlab.optim.Adam;
import org.descentlab.optim.Sgd;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Times one full optimizer update (every parameter of the lecture MLP) of descent's Adam and
 * SGD-momentum against DJL's built-in Adam and Sgd, through the same DJL entry point
 * {@code update(id, weight, grad)}, in the same JVM and engine.
 *
 * <p>The parameters are the trainable ones of {@link LectureMlp}, float32, with its shapes. Each optimizer updates its own copy with the same fixed
 * gradients. After a warm-up, the two optimizers of a pair are timed alternately (which one goes
 * first alternates too) and the median of each is printed.
 *
 * <p>Usage: {@code UpdateBenchmark [iterations=2000] [warmup=300] [threads=1]}; PyTorch's intra-op
 * threads are pinned with the system property {@code ai.djl.pytorch.num_threads} (set here unless
 * given on the command line) before the engine starts. See {@code bin/bench-update}.
 */
public final class UpdateBenchmark {

    private UpdateBenchmark() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String threads = args.length > 2 ? args[2] : "1";
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", threads);
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine engine = Engine.getEngine("PyTorch");
        Map<String, Shape> mlp = lectureMlpShapes();
        long parameters = mlp.values().stream().mapToLong(Shape::size).sum();
        System.out.printf(Locale.ROOT,
                "engine %s %s, intra-op threads %d (ai.djl.pytorch.num_threads=%s), inter-op threads %d%n",
                engine.getEngineName(), engine.getVersion(), JniUtils.getNumThreads(),
                System.getProperty("ai.djl.pytorch.num_threads"), JniUtils.getNumInteropThreads());
        System.out.printf(Locale.ROOT, "lecture MLP: %d tensors, %d float32 parameters; %d warm-up, median of %d%n",
                mlp.size(), parameters, warmup, iterations);
        compare("Adam", mlp, iterations, warmup,
                () -> Adam.of(1e-3),
                () -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
        compare("SGD-momentum", mlp, iterations, warmup,
                () -> Sgd.builder().lr(0.01).momentum(0.9).build(),
                () -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build());
    }

    private static void compare(String label, Map<String, Shape> mlp, int iterations, int warmup, Supplier<Optimizer> ours,
            Supplier<Optimizer> djl) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            manager.getEngine().setRandomSeed(20261122);
            Map<String, NDArray> grads = new LinkedHashMap<>();
            Map<String, NDArray> oursParams = new LinkedHashMap<>();
            Map<String, NDArray> djlParams = new LinkedHashMap<>();
            for (Map.Entry<String, Shape> e : mlp.entrySet()) {
                NDArray w = manager.randomNormal(0, 0.1f, e.getValue(), DataType.FLOAT32);
                oursParams.put(e.getKey(), w);
                djlParams.put(e.getKey(), w.duplicate());
                grads.put(e.getKey(), manager.randomNormal(0, 0.01f, e.getValue(), DataType.FLOAT32));
            }
            Optimizer a = ours.get();
            Optimizer b = djl.get();
            for (int i = 0; i < warmup; i++) {
                update(a, oursParams, grads);
                update(b, djlParams, grads);
            }
            long[] tOurs = new long[iterations];
            long[] tDjl = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                if (i % 2 == 0) {
                    tOurs[i] = update(a, oursParams, grads);
                    tDjl[i] = update(b, djlParams, grads);
                } else {
                    tDjl[i] = update(b, djlParams, grads);
                    tOurs[i] = update(a, oursParams, grads);
                }
            }
            double mOurs = median(tOurs) / 1e3;
            double mDjl = median(tDjl) / 1e3;
            System.out.printf(Locale.ROOT, "update %s descent=%.1fus djl=%.1fus ratio=%.2f%n",
                    label, mOurs, mDjl, mOurs / mDjl);
            if (a instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The trainable parameters of the lecture MLP, by DJL name, with their shapes. */
    static Map<String, Shape> lectureMlpShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Block block = LectureMlp.build();
            block.initialize(manager, DataType.FLOAT32, LectureMlp.inputShape(1));
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    shapes.put(p.getKey(), p.getValue().getArray().getShape());
                }
            }
        }
        return shapes;
    }

    /** One full update; returns its wall time in nanoseconds. */
    private static long update(Optimizer optimizer, Map<String, NDArray> params, Map<String, NDArray> grads) {
        long start = System.nanoTime();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            optimizer.update(e.getKey(), e.getValue(), grads.get(e.getKey()));
        }
        return System.nanoTime() - start;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
