package org.descentlab.experiment;

import org.descentlab.data.MnistSplits;
import org.descentlab.train.ConfigText;
import org.descentlab.train.Training;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingDivergedException;
import org.descentlab.train.TrainingResult;
import org.descentlab.util.Check;
import org.descentlab.util.DirectoryTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Several training runs at once, each on a worker process of its own ({@link Workers}), with the results
 * in the order of the configs and bit-identical to {@link Training#runAndSummarize} of each: a notebook
 * cell writes {@code var runs = Runs.train(configs, splits);} where it would train them one after another.
 * Each config travels to its worker as text ({@link ConfigText}) and its result comes back through the
 * run's files ({@link RunFiles}: per-epoch metrics, final parameters and optimizer state, so also
 * {@link org.descentlab.train.SwatsSwitches}), as {@code reproduce --jobs N} does it; each run keeps its
 * own thread count ({@link org.descentlab.train.ThreadPolicy}), the same as in this process.
 *
 * <p>Where the files go: into {@code out} when the caller gives one (then a call interrupted or killed
 * and made again keeps the finished runs and continues the others from their last epoch); else into a
 * temporary directory named after the configs, {@code descent-runs-<hash>}, deleted when the call
 * returns or fails, but kept when it is interrupted (or its JVM is killed), so that the same cell run
 * again continues there.
 *
 * <p>When not worth a process: with one config, or one job, the runs train in this process, one after
 * another, exactly as before (with a notebook's live display of each). So they do when {@link #train} and
 * {@link #trainEach(List, MnistSplits)} (which choose the jobs themselves) see less work than {@value
 * #WORKER_MIN_COST} units of {@link SeedRun#cost()}, about 10 s of training in this process: a worker
 * costs a JVM start, the engine's and MNIST's loading and its own warm-up, a few seconds each on a loaded
 * 2-core machine, which runs of a few seconds do not win back (measured in the JJava kernel, quick mode:
 * notebooks 08-11 took 13-26 s in the kernel, 20-56 s with two workers each). That keeps the notebooks'
 * quick mode in the kernel and sends their full mode (a hundred times the work) to the workers.
 */
public final class Runs {

    /** What became of one config. */
    public record Outcome(TrainingConfig config, TrainingResult result, TrainingDivergedException diverged) {

        /**
         * The result.
         *
         * @throws TrainingDivergedException the run's own, if it diverged
         */
        public TrainingResult get() {
            if (diverged != null) {
                throw diverged;
            }
            return result;
        }
    }

    /**
     * Least total {@link SeedRun#cost()} for which {@link #train} uses worker processes: quick-mode
     * notebook cells hold 500-2500 units (seconds in all), full-mode ones 100000 and more (minutes per run).
     */
    static final double WORKER_MIN_COST = 10_000;

    /** What progress displays unless set: nothing, or a notebook's live lines (the JJava extension sets it). */
    private static volatile Supplier<WorkerProgress> defaultProgress = () -> WorkerProgress.NONE;

    private Runs() {}

    /** Sets where the workers' progress goes from now on (the library's JJava extension: the cell's output). */
    public static void defaultProgress(Supplier<WorkerProgress> progress) {
        defaultProgress = Check.notNull("progress", progress);
    }

    /** The default number of worker processes: one per core, as many as the free memory holds ({@link WorkerCount}). */
    public static int defaultJobs() {
        return WorkerCount.byDefault();
    }

    /**
     * The jobs {@link #train} uses for {@code configs}: {@link #defaultJobs()}, or 1 (this process) when
     * their total {@link SeedRun#cost()} is under {@value #WORKER_MIN_COST} (see the class comment).
     */
    public static int jobsFor(List<TrainingConfig> configs) {
        return cost(configs) < WORKER_MIN_COST ? 1 : defaultJobs();
    }

    /** The total {@link SeedRun#cost()} of {@code configs}: the estimated work {@link #jobsFor} compares. */
    public static double cost(List<TrainingConfig> configs) {
        return configs.stream().mapToDouble(c -> new SeedRun(null, 0, 0, c).cost()).sum();
    }

    /**
     * Trains {@code configs} on {@link #jobsFor} workers and returns their results in order, printing
     * each one's {@link TrainingResult#summary()} line as {@link Training#runAndSummarize} does.
     *
     * @throws TrainingDivergedException the first diverged config's (in list order), once all runs ended
     */
    public static List<TrainingResult> train(List<TrainingConfig> configs, MnistSplits splits) {
        return trainEach(configs, splits).stream().map(Outcome::get).toList();
    }

    /** As {@link #train}, but a diverged run is an {@link Outcome} too: the others' results are kept. */
    public static List<Outcome> trainEach(List<TrainingConfig> configs, MnistSplits splits) {
        check(configs, splits, 1);
        return trainEach(configs, splits, jobsFor(configs), null);
    }

    /**
     * Trains {@code configs} on at most {@code jobs} worker processes (longest first, each taking the next
     * config when free) and returns one outcome per config, in order.
     *
     * @param splits the data: the MNIST cache's ({@code MnistCache.loadStandard()}), which the workers load
     *     themselves (checked by {@link MnistSplits#checksum()})
     * @param jobs worker processes, an integer {@code >= 1} (as many are used, whatever the work); 1 trains in
     *     this process
     * @param out the output directory, resumable, or {@code null} for a temporary one (see the class comment)
     * @throws IllegalArgumentException for an empty list, a null config, two configs of one name, jobs
     *     {@code < 1}, or a config that cannot travel as text ({@link ConfigText#portable})
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted: the workers
     *     are stopped before it is thrown
     */
    public static List<Outcome> trainEach(List<TrainingConfig> configs, MnistSplits splits, int jobs, Path out) {
        check(configs, splits, jobs);
        int workers = Math.min(jobs, configs.size());
        if (workers < 2 && out == null) {
            return inProcess(configs, splits);
        }
        List<String> texts = configs.stream().map(ConfigText::portable).toList();
        Path dir = out;
        FileLock lock = null;
        boolean resumable = false; // a temporary directory is kept only for the same call made again
        try {
            if (dir == null) {
                dir = temporaryDir(texts);
                lock = lock(dir);
                if (lock == null) { // the same configs train in another call right now: start afresh elsewhere
                    dir = Files.createTempDirectory("descent-runs-");
                }
            }
            Files.createDirectories(dir);
            return workers < 2 ? inProcess(configs, splits, dir) : onWorkers(configs, splits, workers, dir);
        } catch (CancellationException e) {
            resumable = lock != null;
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the output directory " + dir, e);
        } finally {
            if (out == null && !resumable) {
                DirectoryTree.delete(dir);
                if (lock != null) {
                    DirectoryTree.delete(dir.resolveSibling(dir.getFileName() + ".lock"));
                }
            }
            release(lock);
        }
    }

    private static void check(List<TrainingConfig> configs, MnistSplits splits, int jobs) {
        if (configs == null || configs.isEmpty()) {
            throw new IllegalArgumentException("configs = " + configs + " is invalid: must hold at least one TrainingConfig");
        }
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            TrainingConfig c = configs.get(i);
            if (c == null) {
                throw new IllegalArgumentException("configs[" + i + "] is null: must be a TrainingConfig");
            }
            Integer before = names.putIfAbsent(c.name(), i);
            if (before != null) {
                throw new IllegalArgumentException("configs[" + i + "].name() = '" + c.name() + "' is invalid: configs["
                        + before + "] has it too; give each config its own name (TrainingConfig.Builder.name), which"
                        + " names its files and its progress line");
            }
        }
        Check.notNull("splits", splits);
        Check.atLeast("jobs", jobs, 1);
    }

    /** One after another in this process, as before: no files, the notebook's live display of each run. */
    private static List<Outcome> inProcess(List<TrainingConfig> configs, MnistSplits splits) {
        List<Outcome> outcomes = new ArrayList<>();
        for (TrainingConfig c : configs) {
            try {
                outcomes.add(new Outcome(c, Training.runAndSummarize(c, splits), null));
            } catch (TrainingDivergedException e) {
                outcomes.add(new Outcome(c, null, e));
            }
        }
        return outcomes;
    }

    /** One after another in this process, against the files in {@code dir} (resumable). */
    private static List<Outcome> inProcess(List<TrainingConfig> configs, MnistSplits splits, Path dir) {
        List<Outcome> outcomes = new ArrayList<>();
        for (SeedRun r : seedRuns(configs)) {
            SeedRun.Outcome o = r.execute(splits, dir, null);
            outcomes.add(outcome(r, o));
        }
        return outcomes;
    }

    private static List<Outcome> onWorkers(List<TrainingConfig> configs, MnistSplits splits, int jobs, Path dir) {
        List<SeedRun> runs = seedRuns(configs);
        Map<SeedRun, SeedRun.Outcome> done = new IdentityHashMap<>();
        List<List<SeedRun>> pending = new ArrayList<>();
        for (SeedRun r : runs) {
            r.kept(dir).ifPresentOrElse(o -> done.put(r, o), () -> pending.add(List.of(r)));
        }
        pending.sort(Comparator.comparingDouble((List<SeedRun> u) -> u.get(0).cost()).reversed()); // longest first
        if (!pending.isEmpty()) {
            Workers pool = new Workers(Math.min(jobs, pending.size()), dir, defaultProgress.get(),
                    Long.toString(splits.checksum()));
            done.putAll(pool.run(pending, (r, o) -> { }));
        }
        return runs.stream().map(r -> outcome(r, done.get(r))).toList();
    }

    /** The configs as seed runs of no experiment, each its own seed 0 (the names are distinct). */
    private static List<SeedRun> seedRuns(List<TrainingConfig> configs) {
        List<SeedRun> runs = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            runs.add(new SeedRun(null, i, 0, configs.get(i)));
        }
        return runs;
    }

    private static Outcome outcome(SeedRun r, SeedRun.Outcome o) {
        if (o.divergence() == null) {
            System.out.println(o.result().summary()); // as Training.runAndSummarize prints it
        }
        return new Outcome(r.config(), o.result(), o.divergence());
    }

    /** {@code <tmp>/descent-runs-<first 16 hex digits of the SHA-256 of the configs' texts>}. */
    static Path temporaryDir(List<String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.join("\n", texts).getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            return Path.of(System.getProperty("java.io.tmpdir"), "descent-runs-" + hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** An exclusive lock on {@code <dir>.lock}, or null if another call (of any process) holds it. */
    private static FileLock lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            channel.close();
            return null;
        }
    }

    private static void release(FileLock lock) {
        if (lock != null) {
            try {
                lock.channel().close(); // releases the lock
            } catch (IOException ignored) {
                // the lock goes with the channel anyway
            }
        }
    }
}
