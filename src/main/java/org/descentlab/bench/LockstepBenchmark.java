package org.descentlab.bench;

import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistSplits;
import org.descentlab.train.Training;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.lockstep.LockstepTraining;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lockstep seeds against separate runs, per batch size and K, in one invocation: the per-model time of
 * K models trained as one stacked model ({@link LockstepTraining}) divided by the time of one separate
 * run ({@link Training}) of the same configuration. Both run in this JVM with one intra-op thread (as a
 * {@code reproduce --jobs} worker does), on {@code --steps} mini-batches of the full training set's
 * first images plus an evaluation of 1000 + 1000 + 1000 images, so each measurement includes what an
 * epoch includes, in proportion. Prints {@code ratio B=<b> K=<k> lockstep/separate = <x>} (below 1:
 * lockstep pays), the median over {@code --rounds} rounds (the order of the two alternating), and the
 * load average.
 *
 * <p>Usage (bin/bench-lockstep): {@code [--batches 64,256,1024] [--ks 2,3,5] [--steps 40] [--rounds 3]
 * [--optimizer adam|sgd]}
 */
public final class LockstepBenchmark {

    private LockstepBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        int[] batches = ints(option(a, "--batches", "64,256,1024"));
        int[] ks = ints(option(a, "--ks", "2,3,5"));
        int steps = Integer.parseInt(option(a, "--steps", "40"));
        int rounds = Integer.parseInt(option(a, "--rounds", "3"));
        String optimizer = option(a, "--optimizer", "adam");
        if (steps < 1 || rounds < 1) {
            throw new IllegalArgumentException("--steps and --rounds must be integers >= 1");
        }
        MnistSplits splits = MnistCache.loadStandard();
        System.out.printf(Locale.ROOT, "# lockstep vs separate: %s, %d steps + evaluation of 3 x 1000 images per run,"
                + " 1 intra-op thread, %d rounds (median)%n", optimizer, steps, rounds);
        System.out.println("# " + load());
        // warm-up: engine, JIT, allocator
        time(splits, config(optimizer, 64, steps, 0), 1, false);
        time(splits, config(optimizer, 64, steps, 0), 2, true);
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, double[]> last = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (int b : batches) {
                TrainingConfig c = config(optimizer, b, steps, r);
                double separate = Double.NaN;
                Map<Integer, Double> lock = new LinkedHashMap<>();
                boolean separateFirst = r % 2 == 0;
                if (separateFirst) {
                    separate = time(splits, c, 1, false);
                }
                for (int k : ks) {
                    lock.put(k, time(splits, c, k, true) / k);
                }
                if (!separateFirst) {
                    separate = time(splits, c, 1, false);
                }
                for (int k : ks) {
                    String key = "B=" + b + " K=" + k;
                    ratios.computeIfAbsent(key, x -> new ArrayList<>()).add(lock.get(k) / separate);
                    last.put(key, new double[] {separate, lock.get(k)});
                }
            }
            System.out.println("# round " + (r + 1) + " done; " + load());
        }
        for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
            double[] t = last.get(e.getKey());
            System.out.printf(Locale.ROOT, "ratio %s lockstep/separate = %.2f (rounds %s; last round per model: separate"
                    + " %.2f s, lockstep %.2f s)%n", e.getKey(), median(e.getValue()), format(e.getValue()), t[0], t[1]);
        }
        System.out.println("# " + load());
    }

    private static TrainingConfig config(String optimizer, int b, int steps, int round) {
        return TrainingConfig.builder("bench-lockstep-b" + b).batchSize(b).epochs(1)
                .optimizer(optimizer, Map.of("lr", optimizer.equals("sgd") ? 0.1 : 0.005))
                .subsets(b * steps, 1000, 1000).trainEvalSize(1000).threads(1).device("cpu").seed(123 + round).build();
    }

    /** Wall seconds of k lockstep models, or of one separate run. */
    private static double time(MnistSplits splits, TrainingConfig c, int k, boolean lockstep) {
        long start = System.nanoTime();
        if (lockstep) {
            List<TrainingConfig> group = new ArrayList<>();
            for (int m = 0; m < k; m++) {
                group.add(c.toBuilder().seed(c.seed() + m).build());
            }
            new LockstepTraining(group, splits).run();
        } else {
            new Training(c, splits).run();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String format(List<Double> v) {
        return v.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList().toString();
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load average " + f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors()
                    + " cores)";
        } catch (Exception e) {
            return "load average unknown";
        }
    }

    static String option(List<String> args, String name, String dflt) {
        int i = args.indexOf(name);
        return i < 0 || i + 1 >= args.size() ? dflt : args.get(i + 1);
    }

    static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }
}
