package org.descentlab.bench;

import org.descentlab.util.ProcessMemory;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistSplits;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.Training;
import org.descentlab.train.Devices;
import org.descentlab.train.EngineInfo;
import org.descentlab.train.TrainingConfig;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Milliseconds per training iteration of descent's training loop against a PyTorch eager reference of
 * the same lecture MLP ({@code tools/bench/torch_mlp.py}) and against a GEMM-only floor, in one
 * invocation, on the same MNIST data with the same intra-op threads (inter-op threads: 1).
 *
 * <p>descent: the real {@link Training#run()} on a one-epoch run over the first {@code (warmup + iters
 * + 1) * B} training images (evaluation on 1000-image subsets, outside the timing). One iteration is
 * the time between two consecutive {@link ProgressListener#onStep} calls of that loop: closing the
 * previous batch, making the batch from the bytes, forward, loss, the loss read for the NaN check,
 * backward and the optimizer step. The first {@code warmup} iterations of each run are not counted.
 *
 * <p>torch: the script runs as one long-lived subprocess ({@code serve} mode) that answers one JSON
 * request per run; it times the same work per iteration ({@code torch_mlp.py} documents it). The GEMM
 * floor is the same script timing only the 8 matrix products of one training step with
 * {@code torch.mm} into preallocated tensors.
 *
 * <p>Noise: after a JVM warm-up (untimed descent runs, 1500 iterations, 500 in quick mode: the JIT
 * compiler) and one untimed run of each at a batch size, each round runs torch, descent and the floor,
 * descent always in the middle (torch first in even rounds, the floor first in odd ones); each run
 * reports its median per-iteration time. The printed ratio is the median over the rounds of the ratio
 * within a round ({@link #pairedRatios}): on this shared host every program's run medians jump between
 * levels 20-40 % apart, and back-to-back runs mostly share a level. The ratios of the medians are printed too.
 * Output lines:
 *
 * <pre>
 *   ratio B=64 descent/torch = 0.93
 *   ratio B=64 descent/gemm-floor = 4.10
 * </pre>
 *
 * plus the absolute times and the peak resident memory (VmHWM) of this JVM and of the Python process.
 *
 * <p>Device: the CPU unless {@code --device gpu|gpu:N} (then descent trains on that GPU and the torch
 * reference and the floor run on the same GPU, {@code cuda:N}, synchronized before each clock read).
 *
 * <p>Usage: {@code TrainingSpeedBenchmark [--quick] [--batches 64,256,1024] [--threads 1] [--rounds 11]
 * [--iters N] [--warmup 10] [--optimizer adam|sgd] [--device cpu|gpu|gpu:N]}; the Python interpreter and script are taken from
 * the system properties {@code bench.python} and {@code bench.script} (set by {@code bin/bench-train}).
 */
public final class TrainingSpeedBenchmark {

    /** Training images of descent's split (each run is one epoch over a prefix of them). */
    static final int TRAIN_IMAGES = 54_000;
    /** Size of the evaluation subsets of each descent run (evaluated after the timed iterations). */
    static final int EVAL_SUBSET = 1000;

    private TrainingSpeedBenchmark() {}

    /** Settings of one invocation. */
    record Settings(int[] batches, int threads, int rounds, int iters, int warmup, String optimizer, double lr,
            boolean quick, String device) {

        static Settings parse(String[] args) {
            int[] batches = {64, 256, 1024};
            int threads = 1;
            int rounds = -1;
            int iters = -1;
            int warmup = 10;
            String optimizer = "adam";
            double lr = Double.NaN;
            boolean quick = false;
            String device = "cpu";
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--batches" -> batches = Arrays.stream(value(args, ++i, a).split(",")).map(String::trim)
                            .mapToInt(Integer::parseInt).toArray();
                    case "--threads" -> threads = Integer.parseInt(value(args, ++i, a));
                    case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, a));
                    case "--iters" -> iters = Integer.parseInt(value(args, ++i, a));
                    case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
                    case "--optimizer" -> optimizer = value(args, ++i, a);
                    case "--lr" -> lr = Double.parseDouble(value(args, ++i, a));
                    case "--device" -> device = Devices.normalize(value(args, ++i, a));
                    case "-h", "--help" -> {
                        System.out.println("usage: bin/bench-train [--quick] [--batches 64,256,1024] [--threads 1]"
                                + " [--rounds 11] [--iters N] [--warmup 10] [--optimizer adam|sgd] [--lr X] [--device cpu|gpu|gpu:N]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "' (try --help)");
                }
            }
            if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
                throw new IllegalArgumentException("--optimizer " + optimizer + " is invalid: must be adam or sgd");
            }
            if (Double.isNaN(lr)) {
                lr = optimizer.equals("adam") ? 0.005 : 0.1;
            }
            if (rounds < 0) {
                rounds = quick ? 3 : 11;
            }
            for (int b : batches) {
                if (b < 1 || b > TRAIN_IMAGES / 2) {
                    throw new IllegalArgumentException("batch size " + b + " is invalid: must be in [1, "
                            + TRAIN_IMAGES / 2 + "]");
                }
            }
            if (threads < 1 || rounds < 1 || warmup < 0 || iters == 0 || iters < -1) {
                throw new IllegalArgumentException("threads, rounds and iters must be >= 1, warmup >= 0");
            }
            if (device.equals(Devices.AUTO)) {
                throw new IllegalArgumentException("--device auto is invalid: name the device, cpu or gpu[:N]");
            }
            return new Settings(batches, threads, rounds, iters, warmup, optimizer, lr, quick, device);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        /** The torch device of the reference: {@code cpu} or {@code cuda:N}. */
        String torchDevice() {
            return device.startsWith("gpu:") ? "cuda:" + device.substring(4) : "cpu";
        }

        /** Timed iterations per run at batch size {@code b}: as asked, capped by one epoch of the data. */
        int itersFor(int b) {
            int max = TRAIN_IMAGES / b - warmup - 1;
            int want = iters > 0 ? iters : quick ? 30 : 200;
            if (max < 3) {
                throw new IllegalArgumentException("batch size " + b + " with warmup " + warmup
                        + " leaves fewer than 3 timed iterations in one epoch");
            }
            return Math.min(want, max);
        }
    }

    /** Records the time between consecutive onStep calls of the training loop. */
    static final class StepTimer implements ProgressListener {
        private final int warmup;
        private final List<Double> millis = new ArrayList<>();
        private long previous;

        StepTimer(int warmup) {
            this.warmup = warmup;
        }

        @Override
        public void onStep(int epoch, int batch, int batches, double loss) {
            long now = System.nanoTime();
            if (batch > warmup + 1) {
                millis.add((now - previous) / 1e6);
            }
            previous = now;
        }

        double median() {
            return TrainingSpeedBenchmark.median(millis.stream().mapToDouble(Double::doubleValue).toArray());
        }

        int count() {
            return millis.size();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Settings s = Settings.parse(args);
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(s.threads()));
        }
        String python = System.getProperty("bench.python", "python3");
        String script = System.getProperty("bench.script", "tools/bench/torch_mlp.py");
        Devices.resolve(s.device()); // a GPU that is not there fails here, with the reason
        MnistSplits splits = MnistCache.loadStandard();

        ProcessBuilder pb = new ProcessBuilder(python, script, "serve", "--threads", Integer.toString(s.threads()),
                "--data", MnistCache.defaultDir().toString(), "--device", s.torchDevice());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(s.threads()));
        Process torch = pb.start();
        try (BufferedWriter toTorch = new BufferedWriter(new OutputStreamWriter(torch.getOutputStream(),
                        StandardCharsets.UTF_8));
                BufferedReader fromTorch = new BufferedReader(new InputStreamReader(torch.getInputStream(),
                        StandardCharsets.UTF_8))) {
            System.out.printf(Locale.ROOT, "# %s mode: %s, lr %s; device %s (%s; torch %s); intra-op threads %d,"
                    + " inter-op 1; %d rounds (torch, descent, floor; floor, descent, torch; ...); ratio = median over"
                    + " the rounds of the ratio within a round%n",
                    s.quick() ? "quick" : "full", s.optimizer(), s.lr(), s.device(), EngineInfo.build(),
                    s.torchDevice(), s.threads(), s.rounds());
            // The JVM compiles DJL's and descent's Java code while it runs: without this, the first rounds
            // at the first batch size measured 2-4x the later ones (5.6 -> 1.4 ms at B=64).
            int jitIters = s.quick() ? 500 : 1500;
            long jitStart = System.nanoTime();
            int b0 = s.batches()[0];
            for (int done = 0; done < jitIters; done += s.itersFor(b0) + s.warmup() + 1) {
                descentRun(s, splits, b0, s.itersFor(b0), -1);
            }
            System.out.printf(Locale.ROOT, "# JVM warm-up: %d untimed descent iterations at B=%d (%.1f s)%n",
                    jitIters, b0, (System.nanoTime() - jitStart) / 1e9);
            long torchPeakKb = 0;
            for (int b : s.batches()) {
                int iters = s.itersFor(b);
                double[] descent = new double[s.rounds()];
                double[] ref = new double[s.rounds()];
                double[] floor = new double[s.rounds()];
                // One untimed run of each first: JIT compilation, engine and allocator warm-up at this shape.
                descentRun(s, splits, b, Math.min(iters, 20), -1);
                torchRun(toTorch, fromTorch, s, "train", b, Math.min(iters, 20), -1);
                for (int r = 0; r < s.rounds(); r++) {
                    // descent runs between its two references, so that each ratio compares neighbours
                    if (r % 2 == 0) {
                        ref[r] = torchRun(toTorch, fromTorch, s, "train", b, iters, r);
                        descent[r] = descentRun(s, splits, b, iters, r);
                        floor[r] = torchRun(toTorch, fromTorch, s, "gemm", b, iters, r);
                    } else {
                        floor[r] = torchRun(toTorch, fromTorch, s, "gemm", b, iters, r);
                        descent[r] = descentRun(s, splits, b, iters, r);
                        ref[r] = torchRun(toTorch, fromTorch, s, "train", b, iters, r);
                    }
                }
                torchPeakKb = Math.max(torchPeakKb, peakRssKb(torch.pid()));
                double d = median(descent);
                double t = median(ref);
                double f = median(floor);
                double[] vsTorch = pairedRatios(descent, ref);
                double[] vsFloor = pairedRatios(descent, floor);
                System.out.printf(Locale.ROOT, "B=%d: descent %.3f ms/iter, torch %.3f ms/iter, gemm-floor %.3f"
                        + " ms/iter (%d timed iterations after %d warm-up, per run; run medians descent %s torch %s"
                        + " floor %s)%n", b, d, t, f, iters, s.warmup(), fmt(descent), fmt(ref), fmt(floor));
                System.out.printf(Locale.ROOT, "# B=%d per-round ratios descent/torch %s, descent/gemm-floor %s;"
                        + " ratios of the medians %.3f and %.3f%n", b, fmt(vsTorch), fmt(vsFloor), d / t, d / f);
                System.out.printf(Locale.ROOT, "ratio B=%d descent/torch = %.3f%n", b, median(vsTorch));
                System.out.printf(Locale.ROOT, "ratio B=%d descent/gemm-floor = %.3f%n", b, median(vsFloor));
                System.out.flush();
            }
            torchPeakKb = Math.max(torchPeakKb, peakRssKb(torch.pid()));
            toTorch.write("\n");
            toTorch.flush();
            long jvmPeakKb = peakRssKb(-1);
            System.out.printf(Locale.ROOT, "peak RSS descent JVM = %.0f MB (VmHWM)%n", jvmPeakKb / 1024.0);
            System.out.printf(Locale.ROOT, "peak RSS torch python = %.0f MB (VmHWM)%n", torchPeakKb / 1024.0);
            System.out.printf(Locale.ROOT, "peak RSS both, upper bound = %.0f MB (target <= 1536 MB per run)%n",
                    (jvmPeakKb + torchPeakKb) / 1024.0);
        } finally {
            if (!torch.waitFor(30, TimeUnit.SECONDS)) {
                torch.destroy();
            }
        }
    }

    /** One descent run: the median ms per iteration of one epoch of the real training loop. */
    static double descentRun(Settings s, MnistSplits splits, int b, int iters, int round) {
        TrainingConfig c = TrainingConfig.builder("speed-b" + b).batchSize(b).epochs(1)
                .optimizer(s.optimizer(), Map.of("lr", s.lr())).threads(s.threads()).seed(round + 1L).device(s.device())
                .subsets((s.warmup() + iters + 1) * b, EVAL_SUBSET, EVAL_SUBSET).trainEvalSize(EVAL_SUBSET).build();
        StepTimer timer = new StepTimer(s.warmup());
        new Training(c, splits).progress(timer).run();
        return timer.median();
    }

    static double torchRun(BufferedWriter out, BufferedReader in, Settings s, String mode, int b, int iters,
            int round) throws IOException {
        JsonObject req = new JsonObject();
        req.addProperty("mode", mode);
        req.addProperty("batch", b);
        req.addProperty("iters", iters);
        req.addProperty("warmup", s.warmup());
        req.addProperty("optimizer", s.optimizer());
        req.addProperty("lr", s.lr());
        req.addProperty("seed", round + 1);
        out.write(req.toString());
        out.write("\n");
        out.flush();
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the torch reference ended without answering " + req);
        }
        JsonObject answer = JsonParser.parseString(line).getAsJsonObject();
        if (answer.has("error")) {
            throw new IOException("the torch reference failed on " + req + ": " + answer.get("error").getAsString());
        }
        return answer.get("median_ms").getAsDouble();
    }

    /** VmHWM of process {@code pid} (-1: this one) in kB, from /proc; 0 where /proc has none. */
    static long peakRssKb(long pid) {
        long bytes = pid < 0 ? ProcessMemory.peakResidentBytes() : ProcessMemory.peakResidentBytes(pid);
        return bytes < 0 ? 0 : bytes / 1024;
    }

    /**
     * {@code a[r] / b[r]} for each round r. Runs of one round are back to back, so the machine's slow
     * phases (this host's per-run medians of both programs alternate between two levels 20-40 % apart)
     * mostly hit both sides of a ratio alike; the printed ratio is the median of these.
     */
    static double[] pairedRatios(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("a and b must have the same length, got " + a.length + " and "
                    + b.length);
        }
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String fmt(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i > 0 ? " " : "").append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return sb.append(']').toString();
    }
}
