package org.descentlab.experiment;

import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistSplits;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.TextProgress;
import org.descentlab.train.TrainingConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Seed runs spread over worker processes, each a JVM of its own that runs one unit at a time (a seed run, or the seeds of a run in lockstep: {@link SeedGroup})
 * ({@link SeedRun#execute}) with one PyTorch intra-op thread.
 *
 * <p>Why processes, not threads: PyTorch's random generator (dropout masks) and its intra-op thread
 * count are process-wide, so two runs on threads of one JVM would draw from one interleaved stream, and
 * a run would no longer be a function of its seed. In a process of its own a run is bit-identical to
 * the same run done alone (ConcurrentReproduceTest).
 *
 * <p>Protocol, one line each: the parent writes {@code run <experiment>:<runIndex>:<seedIndex> ...} (several
 * seed runs: one lockstep {@link SeedGroup}); the worker answers, for each seed in turn, with lines starting {@value #TAG}: {@code bar <text>}, {@code epoch <text>}, then one of
 * {@code done <kept> <epochsBefore> <seconds> <peakBytes>}, {@code diverged <epochsBefore> <peakBytes>
 * <message>} or {@code failed <message>}. A worker whose standard input closes (the parent finished
 * or died) exits at once, so a killed reproduce leaves no worker behind.
 */
final class Workers {

    private static final String TAG = "@descent ";
    /** Heap of a worker: MNIST as bytes (55 MB) plus a figure; the arrays live off-heap. */
    private static final String WORKER_HEAP = "-Xmx512m";

    private final int jobs;
    private final boolean quick;
    private final Integer epochs;
    private final String device;
    private final Path out;
    private final WorkerBoard board;
    private final long[] peaks;

    /** Epochs on the worker's command line when the mode's own apply. */
    private static final String MODE_EPOCHS = "mode";

    Workers(int jobs, boolean quick, Integer epochs, String device, Path out, WorkerBoard board) {
        this.jobs = jobs;
        this.quick = quick;
        this.epochs = epochs;
        this.device = device;
        this.out = out;
        this.board = board;
        this.peaks = new long[jobs];
    }

    /** Sum over the workers of each one's peak resident memory (VmHWM), in bytes. */
    long peakBytes() {
        long sum = 0;
        for (long p : peaks) {
            sum += Math.max(0, p);
        }
        return sum;
    }

    /**
     * Runs {@code plan} in the given order over the workers (each takes the next run when free) and
     * returns the outcomes in plan order; {@code finished} hears of each as it ends.
     *
     * @throws IllegalStateException if a worker fails (the other workers are stopped)
     */
    Map<SeedRun, SeedRun.Outcome> run(List<List<SeedRun>> plan, BiConsumer<SeedRun, SeedRun.Outcome> finished) {
        Map<SeedRun, SeedRun.Outcome> outcomes = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Process> processes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int w = 0; w < jobs; w++) {
                processes.add(start());
            }
            for (int w = 0; w < jobs; w++) {
                int worker = w;
                Thread t = new Thread(() -> {
                    try {
                        drive(worker, processes.get(worker), plan, next, outcomes, finished, failure);
                    } catch (RuntimeException e) {
                        if (failure.compareAndSet(null, e)) {
                            processes.forEach(Process::destroy); // stop the others now, not after their runs
                        }
                    }
                }, "reproduce-worker-" + (w + 1));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new IllegalStateException("interrupted"));
        } finally {
            processes.forEach(Process::destroy); // no-op for workers that exited when their input closed
            board.close();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return outcomes;
    }

    private void drive(int w, Process p, List<List<SeedRun>> plan, AtomicInteger next,
            Map<SeedRun, SeedRun.Outcome> outcomes, BiConsumer<SeedRun, SeedRun.Outcome> finished,
            AtomicReference<RuntimeException> failure) {
        try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
                BufferedReader from = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (int i = next.getAndIncrement(); i < plan.size() && failure.get() == null; i = next.getAndIncrement()) {
                List<SeedRun> unit = plan.get(i);
                String label = label(unit);
                board.bar(w, label + ": starting");
                in.write("run " + String.join(" ", unit.stream().map(s -> s.experiment().name() + ":" + s.runIndex()
                        + ":" + s.seedIndex()).toList()) + "\n");
                in.flush();
                for (SeedRun s : unit) { // one answer per seed, in order
                    SeedRun.Outcome o = await(w, p, from, s, label);
                    outcomes.put(s, o);
                    finished.accept(s, o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + (w + 1) + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code seed 0,1,2 adam} for the seeds of one run, {@code batchsize-64 seeds 0,1,2 + scheduler seeds
     * 0,1,2} for the seeds of several.
     */
    static String label(List<SeedRun> unit) {
        Map<String, List<String>> seeds = new LinkedHashMap<>();
        for (SeedRun s : unit) {
            seeds.computeIfAbsent(s.config().name(), n -> new ArrayList<>()).add(Integer.toString(s.seedIndex()));
        }
        if (seeds.size() == 1) {
            Map.Entry<String, List<String>> e = seeds.entrySet().iterator().next();
            return "seed " + String.join(",", e.getValue()) + " " + e.getKey();
        }
        return String.join(" + ", seeds.entrySet().stream().map(e -> e.getKey() + " seed"
                + (e.getValue().size() > 1 ? "s " : " ") + String.join(",", e.getValue())).toList());
    }

    private SeedRun.Outcome await(int w, Process p, BufferedReader from, SeedRun r, String label) throws IOException {
        String prefix = "[" + (w + 1) + "] " + label + " ";
        for (String line = from.readLine(); line != null; line = from.readLine()) {
            if (!line.startsWith(TAG)) {
                board.line(prefix + line); // something the engine printed
                continue;
            }
            String[] f = line.substring(TAG.length()).split(" ", 2);
            String rest = f.length > 1 ? f[1] : "";
            switch (f[0]) {
                case "bar" -> board.bar(w, label + " " + rest);
                case "epoch" -> board.line("[" + (w + 1) + "] " + rest); // the line names its seed run
                case "done" -> {
                    String[] v = rest.split(" ");
                    peaks[w] = Long.parseLong(v[3]);
                    return new SeedRun.Outcome(r.files(out).finished().orElseThrow(() -> new IllegalStateException(
                            r.label() + ": the worker reported it finished, but its files say otherwise")),
                            Boolean.parseBoolean(v[0]), Integer.parseInt(v[1]), Double.parseDouble(v[2]), null);
                }
                case "diverged" -> {
                    String[] v = rest.split(" ", 3);
                    peaks[w] = Long.parseLong(v[1]);
                    return new SeedRun.Outcome(null, false, Integer.parseInt(v[0]), Double.NaN, v[2]);
                }
                case "failed" -> throw new IllegalStateException(r.label() + " failed: " + rest);
                default -> board.line(prefix + line);
            }
        }
        throw new IllegalStateException(r.label() + ": worker process " + (w + 1) + " ended unexpectedly"
                + (p.isAlive() ? "" : " (exit code " + exitCode(p) + ")"));
    }

    private static int exitCode(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A worker JVM with this JVM's classpath and the system properties that choose data and engine. */
    private Process start() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(WORKER_HEAP);
        cmd.add("-XX:+UseSerialGC"); // no parallel GC threads competing with the other workers for cores
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String k = e.getKey().toString();
            if (k.startsWith("descent.") || k.startsWith("ai.djl.") || k.startsWith("org.slf4j.") || k.equals("offline")) {
                cmd.add("-D" + k + "=" + e.getValue());
            }
        }
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Workers.class.getName());
        cmd.add(Boolean.toString(quick));
        cmd.add(epochs == null ? MODE_EPOCHS : Integer.toString(epochs));
        cmd.add(device);
        cmd.add(out.toAbsolutePath().toString());
        try {
            // standard error joins the protocol stream, so that engine warnings print above the board, not through it
            return new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a worker process (" + cmd.get(0) + ")", e);
        }
    }

    /**
     * The worker process: {@code Workers <quick> <epochs|mode> <device> <out>}; reads run commands on standard input,
     * answers on standard output (anything else printed goes to standard error).
     */
    public static void main(String[] args) throws InterruptedException {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err);
        boolean quick = Boolean.parseBoolean(args[0]);
        Integer epochs = MODE_EPOCHS.equals(args[1]) ? null : Integer.valueOf(args[1]);
        String device = args[2];
        Path out = Path.of(args[3]);
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    commands.add(line);
                }
            } catch (IOException ignored) {
                // the parent is gone: fall through
            }
            Runtime.getRuntime().halt(0); // input closed: the parent finished or died, and so does this worker
        }, "worker-input");
        reader.setDaemon(true);
        reader.start();
        MnistSplits splits = MnistCache.loadStandard();
        while (true) {
            String[] c = commands.take().split(" ");
            try {
                List<SeedRun> unit = new ArrayList<>();
                for (int i = 1; i < c.length; i++) { // experiment:runIndex:seedIndex
                    String[] r = c[i].split(":");
                    unit.add(SeedRun.of(Experiments.get(r[0]), quick, epochs, Integer.parseInt(r[1]), Integer.parseInt(r[2]),
                            true, device));
                }
                List<SeedRun.Outcome> done = SeedGroup.execute(unit, splits, out, progress(protocol, unit));
                long peak = org.descentlab.util.ProcessMemory.peakResidentBytes();
                for (SeedRun.Outcome o : done) {
                    send(protocol, o.diverged() != null
                            ? "diverged " + o.epochsBefore() + " " + peak + " " + o.diverged()
                            : "done " + o.kept() + " " + o.epochsBefore() + " " + o.seconds() + " " + peak);
                }
            } catch (RuntimeException e) {
                send(protocol, "failed " + e);
            }
        }
    }

    /**
     * The worker's progress for {@code unit}: the bar as the run or group draws it, and each epoch line named
     * by the seed run it belongs to ({@link SeedRun#label()}), since a group's K models report the same epoch.
     */
    static ProgressListener progress(PrintStream protocol, List<SeedRun> unit) {
        ProgressListener bar = ProgressListener.lines(line -> send(protocol, "bar " + line), line -> { });
        return new ProgressListener() {
            @Override
            public void onStart(TrainingConfig config, int firstEpoch) {
                bar.onStart(config, firstEpoch);
            }

            @Override
            public void onStep(int epoch, int batch, int batches, double loss) {
                bar.onStep(epoch, batch, batches, loss);
            }

            @Override
            public void onEpoch(EpochMetrics metrics) { // a unit of one seed run
                epochLine(unit.get(0), metrics);
            }

            @Override
            public void onEpoch(TrainingConfig model, EpochMetrics metrics) { // a lockstep group's model
                epochLine(unit.stream().filter(r -> r.config().name().equals(model.name())
                        && r.config().seed() == model.seed()).findFirst().orElseThrow(), metrics);
            }

            private void epochLine(SeedRun run, EpochMetrics metrics) {
                send(protocol, "epoch " + TextProgress.summary(run.label(), run.config().epochs(), metrics));
            }
        };
    }

    private static void send(PrintStream protocol, String message) {
        protocol.println(TAG + message.replace('\n', ' ').replace('\r', ' '));
    }
}
