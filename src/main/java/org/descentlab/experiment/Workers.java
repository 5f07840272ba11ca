package org.descentlab.experiment;

import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistSplits;
import org.descentlab.train.ConfigText;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.TextProgress;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingDivergedException;
import org.descentlab.train.lockstep.LockstepTraining;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Seed runs spread over worker processes, each a JVM of its own that runs one unit at a time (a seed run,
 * or the seeds of a run in lockstep: {@link SeedGroup}) ({@link SeedRun#execute}) against the files of an
 * output directory ({@link RunFiles}), which also carry the results back.
 *
 * <p>Why processes, not threads: PyTorch's random generator (dropout masks) and its intra-op thread
 * count are process-wide, so two runs on threads of one JVM would draw from one interleaved stream, and
 * a run would no longer be a function of its seed. In a process of its own a run is bit-identical to
 * the same run done alone (ConcurrentReproduceTest, RunsTest).
 *
 * <p>Protocol, one line each: the parent writes {@code run<TAB><seedIndex><TAB><config>...}, each config as
 * {@link ConfigText#portable} wrote it (several seed runs: one lockstep {@link SeedGroup}); the worker
 * answers, for each seed in turn, with lines starting {@value #TAG}: {@code bar <text>}, {@code epoch
 * <text>}, then one of {@code done <kept> <epochsBefore> <seconds> <peakBytes>}, {@code diverged
 * <epochsBefore> <peakBytes> <step> <epoch> <batch> <batches> <lr> <loss>} (the numbers of its {@link
 * TrainingDivergedException}) or {@code failed <message>}. A worker whose standard input closes (the parent
 * finished, was stopped or died) exits at once, so a killed reproduce or notebook kernel leaves no worker
 * behind; an interrupted parent ends its workers before it returns.
 */
final class Workers {

    private static final String TAG = "@descent ";
    /** Heap of a worker: MNIST as bytes (55 MB) plus a figure; the arrays live off-heap. */
    private static final String WORKER_HEAP = "-Xmx512m";
    /** How often the starting thread looks at the workers (and {@link WorkerProgress#tick}s). */
    static final long TICK_MILLIS = 200;
    /** The worker's second argument when it need not check its data against the caller's. */
    static final String ANY_SPLITS = "any";
    /** Seconds a worker is given to exit after it was told to (then it is killed). */
    private static final long EXIT_SECONDS = 10;

    private final int jobs;
    private final Path out;
    private final WorkerProgress board;
    private final String splits;
    private final long[] peaks;

    /**
     * @param jobs worker processes
     * @param out the output directory the workers' runs write to ({@link RunFiles})
     * @param board where progress goes
     * @param splits the {@link MnistSplits#checksum()} the workers' data must have, or {@link #ANY_SPLITS}
     */
    Workers(int jobs, Path out, WorkerProgress board, String splits) {
        this.jobs = jobs;
        this.out = out;
        this.board = board;
        this.splits = splits;
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
     * @throws CancellationException if the calling thread is interrupted (all workers are stopped first)
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
                while (t.isAlive()) {
                    t.join(TICK_MILLIS);
                    board.tick();
                }
            }
        } catch (InterruptedException e) {
            // the flag stays cleared (as Interruption.check leaves it), so that a notebook's next cell starts clean
            failure.compareAndSet(null, new CancellationException("interrupted: the runs on " + jobs
                    + " worker processes stopped, and the workers with them"));
        } finally {
            stop(processes);
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
                StringBuilder command = new StringBuilder("run");
                for (SeedRun s : unit) {
                    command.append('\t').append(s.seedIndex()).append('\t').append(ConfigText.portable(s.config()));
                }
                in.write(command.append('\n').toString());
                in.flush();
                for (SeedRun s : unit) { // one answer per seed, in order
                    SeedRun.Outcome o = await(w, p, from, s, unit);
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
     * 0,1,2} for the seeds of several, the name alone for a config of {@link Runs}.
     */
    static String label(List<SeedRun> unit) {
        if (unit.size() == 1 && unit.get(0).experiment() == null) {
            return unit.get(0).config().name(); // a config of Runs: no experiment, no seeds
        }
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

    /**
     * The board's line for a worker's progress bar {@code bar} of {@code unit}: the bar starts with the
     * unit's run names ({@code adam on cpu ...}, {@code batchsize-64 + scheduler on cpu ...}), which the
     * unit's {@link #label} ({@code seed 0 adam}, {@code batchsize-64 seeds 0,1,2 + scheduler seeds 0,1,2})
     * replaces, so that no name is shown twice.
     */
    static String barText(List<SeedRun> unit, String bar) {
        String label = label(unit);
        String names = LockstepTraining.progressName(unit.stream().map(SeedRun::config).toList());
        return bar.startsWith(names + " ") ? label + bar.substring(names.length()) : label + " " + bar;
    }

    private SeedRun.Outcome await(int w, Process p, BufferedReader from, SeedRun r, List<SeedRun> unit)
            throws IOException {
        String label = label(unit);
        String prefix = "[" + (w + 1) + "] " + label + " ";
        for (String line = from.readLine(); line != null; line = from.readLine()) {
            if (!line.startsWith(TAG)) {
                board.line(prefix + line); // something the engine printed
                continue;
            }
            String[] f = line.substring(TAG.length()).split(" ", 2);
            String rest = f.length > 1 ? f[1] : "";
            switch (f[0]) {
                case "bar" -> board.bar(w, barText(unit, rest));
                case "epoch" -> board.line("[" + (w + 1) + "] " + rest); // the line names its seed run
                case "done" -> {
                    String[] v = rest.split(" ");
                    peaks[w] = Long.parseLong(v[3]);
                    return new SeedRun.Outcome(r.files(out).finished().orElseThrow(() -> new IllegalStateException(
                            r.label() + ": the worker reported it finished, but its files say otherwise")),
                            Boolean.parseBoolean(v[0]), Integer.parseInt(v[1]), Double.parseDouble(v[2]), null);
                }
                case "diverged" -> {
                    String[] v = rest.split(" ");
                    peaks[w] = Long.parseLong(v[1]);
                    return new SeedRun.Outcome(null, false, Integer.parseInt(v[0]), Double.NaN,
                            new TrainingDivergedException(Long.parseLong(v[2]), Integer.parseInt(v[3]),
                                    Integer.parseInt(v[4]), Integer.parseInt(v[5]), Double.parseDouble(v[6]),
                                    Double.parseDouble(v[7])));
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

    /**
     * Ends the workers: each is asked to exit (its input closes and it is sent SIGTERM) and, if it has not
     * within {@value #EXIT_SECONDS} s, killed; returns once all are gone, also on an interrupted thread
     * (whose flag it leaves as it found it).
     */
    static void stop(List<Process> processes) {
        for (Process p : processes) {
            try {
                p.getOutputStream().close();
            } catch (IOException ignored) {
                // already closed: the worker is ending anyway
            }
            p.destroy();
        }
        boolean interrupted = Thread.interrupted();
        try {
            for (Process p : processes) {
                for (int attempt = 0; attempt < 2 && p.isAlive(); attempt++) {
                    try {
                        if (!p.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
                            p.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                        p.destroyForcibly();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The class path of a worker: the file URLs of the class loaders that loaded this class (in a JJava
     * kernel, JShell's loader holds the descent jars of {@code JJAVA_CLASSPATH} and of {@code %maven}), then
     * {@code JJAVA_CLASSPATH} itself, then this JVM's {@code java.class.path} (the command line's and the
     * tests'), each entry once, in that order.
     */
    static String classPath() {
        return classPath(Workers.class.getClassLoader(), System.getenv("JJAVA_CLASSPATH"),
                System.getProperty("java.class.path"));
    }

    /** {@link #classPath()} from its three sources (for tests). */
    static String classPath(ClassLoader loader, String jjavaClassPath, String javaClassPath) {
        Set<String> entries = new LinkedHashSet<>();
        List<ClassLoader> chain = new ArrayList<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            chain.add(0, l); // parents first, as a class is looked up
        }
        for (ClassLoader l : chain) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            // not a local file: a worker could not use it either
                        }
                    }
                }
            }
        }
        for (String paths : new String[] {jjavaClassPath, javaClassPath}) {
            for (String entry : (paths == null ? "" : paths).split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** A worker JVM with {@link #classPath()} and the system properties that choose data and engine. */
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
        cmd.add(classPath());
        cmd.add(Workers.class.getName());
        cmd.add(out.toAbsolutePath().toString());
        cmd.add(splits);
        try {
            // standard error joins the protocol stream, so that engine warnings print above the board, not through it
            return new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a worker process (" + cmd.get(0) + ")", e);
        }
    }

    /**
     * The worker process: {@code Workers <out> <splits checksum|any>}; reads run commands on standard input,
     * answers on standard output (anything else printed goes to standard error).
     */
    public static void main(String[] args) throws InterruptedException {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err);
        Path out = Path.of(args[0]);
        String expected = args[1];
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
        String mismatch = expected.equals(ANY_SPLITS) || expected.equals(Long.toString(splits.checksum())) ? null
                : "splits is invalid for a worker process: a worker trains on the MNIST cache's splits ("
                        + MnistCache.defaultDir() + ", MnistCache.loadStandard()), and the splits given differ from them;"
                        + " train on those, or in this process with Training.runAndSummarize";
        while (true) {
            String[] c = commands.take().split("\t");
            try {
                if (mismatch != null) {
                    throw new IllegalArgumentException(mismatch);
                }
                List<SeedRun> unit = new ArrayList<>();
                for (int i = 1; i + 1 < c.length; i += 2) { // seedIndex, config
                    unit.add(new SeedRun(null, 0, Integer.parseInt(c[i]), ConfigText.read(c[i + 1])));
                }
                List<SeedRun.Outcome> done = SeedGroup.execute(unit, splits, out, progress(protocol, unit));
                long peak = org.descentlab.util.ProcessMemory.peakResidentBytes();
                for (SeedRun.Outcome o : done) {
                    TrainingDivergedException d = o.divergence();
                    send(protocol, d != null
                            ? "diverged " + o.epochsBefore() + " " + peak + " " + d.step() + " " + d.epoch() + " "
                                    + d.batch() + " " + d.batches() + " " + d.lr() + " " + d.loss()
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
