package org.descentlab.experiment;

import org.descentlab.optim.OptimizerState;
import org.descentlab.train.Checkpoint;
import org.descentlab.train.ConfigText;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingResult;
import org.descentlab.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one seed of one run in a reproduce output directory, and what they say about it:
 *
 * <pre>
 *   &lt;run&gt;-seed&lt;k&gt;.csv, .png           per-epoch table and curves        (written when the run finishes)
 *   &lt;run&gt;-seed&lt;k&gt;.done                 test accuracy, wall time          (written last: the run is finished)
 *   checkpoints/&lt;run&gt;-seed&lt;k&gt;/config.txt   the configuration (all but the epochs)
 *   checkpoints/&lt;run&gt;-seed&lt;k&gt;/&lt;run&gt;-epoch&lt;e&gt;.ckpt   the latest epoch's {@link Checkpoint} (kept)
 * </pre>
 *
 * Every file is replaced atomically ({@link AtomicFiles}), so a kill leaves the previous good version.
 * A finished run is one whose {@code .done} file names the requested epochs; a run with fewer finished
 * epochs (interrupted, or finished with fewer) continues from its latest checkpoint.
 */
public final class RunFiles {

    private final TrainingConfig config;
    private final Path out;
    private final String stem;
    private final Path checkpoints;

    /** The files of {@code config} (already given its seed) as seed number {@code seedIndex} in {@code out}. */
    public RunFiles(Path out, TrainingConfig config, int seedIndex) {
        this.config = config;
        this.out = out;
        this.stem = config.name() + "-seed" + seedIndex;
        this.checkpoints = out.resolve("checkpoints").resolve(stem);
    }

    /** {@code <run>-seed<k>}: the common stem of the files. */
    public String stem() {
        return stem;
    }

    /** The directory of this run's checkpoints. */
    public Path checkpointDir() {
        return checkpoints;
    }

    /** The per-epoch table. */
    public Path csv() {
        return out.resolve(stem + ".csv");
    }

    private Path done() {
        return out.resolve(stem + ".done");
    }

    /**
     * Everything of the configuration that must match for files to be reused: {@link ConfigText#identity}
     * (all but the epochs, which a run may extend, and the threads, device and name).
     */
    static String fingerprint(TrainingConfig c) {
        return ConfigText.identity(c);
    }

    /**
     * Records the configuration beside the checkpoints, or checks it against the recorded one.
     *
     * @throws IllegalArgumentException if the directory holds this run with another configuration
     */
    public void claim() {
        Path file = checkpoints.resolve("config.txt");
        String mine = fingerprint(config) + "\n";
        try {
            if (Files.exists(file)) {
                String theirs = Files.readString(file);
                if (!theirs.equals(mine)) {
                    throw new IllegalArgumentException("out = " + out + " is invalid for this run: it holds " + stem
                            + " with another configuration (" + theirs.strip() + ", not " + mine.strip()
                            + "); use another --out directory or delete " + checkpoints);
                }
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        AtomicFiles.writeString(file, mine);
    }

    /**
     * The result of this run if it finished with the requested epochs, read back from its files.
     *
     * @throws IllegalArgumentException if it finished with MORE epochs than requested (never overwritten)
     */
    public Optional<TrainingResult> finished() {
        if (!Files.exists(done())) {
            return Optional.empty();
        }
        Map<String, String> done = readDone();
        int epochs = Integer.parseInt(done.get("epochs"));
        if (epochs > config.epochs()) {
            throw new IllegalArgumentException("epochs = " + config.epochs() + " is invalid for out = " + out + ": "
                    + stem + " there finished " + epochs + " epochs (kept); ask for at least " + epochs
                    + " or use another --out directory");
        }
        if (epochs < config.epochs()) {
            return Optional.empty();
        }
        Checkpoint last = load(checkpoints.resolve(Checkpoint.fileName(config.name(), epochs)))
                .orElseThrow(() -> new IllegalStateException(stem + " is marked finished but its final checkpoint "
                        + checkpoints.resolve(Checkpoint.fileName(config.name(), epochs)) + " is missing"));
        return Optional.of(new TrainingResult(config, last.metrics(), Double.parseDouble(done.get("test_accuracy")),
                Double.parseDouble(done.get("seconds")), done.get("device"), Integer.parseInt(done.get("threads")),
                last.parameters(), OptimizerState.fromBytes(last.optimizerState()), List.of()));
    }

    /** The checkpoint of the latest epoch (at most the requested epochs) that reads back intact, if any. */
    public Optional<Checkpoint> latest() {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        Pattern name = Pattern.compile(Pattern.quote(config.name()) + "-epoch(\\d+)\\.ckpt");
        List<Map.Entry<Integer, Path>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(checkpoints)) {
            files.forEach(f -> {
                Matcher m = name.matcher(f.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) <= config.epochs()) {
                    found.add(Map.entry(Integer.parseInt(m.group(1)), f));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + checkpoints, e);
        }
        found.sort(Map.Entry.<Integer, Path>comparingByKey(Comparator.reverseOrder()));
        for (Map.Entry<Integer, Path> f : found) {
            Optional<Checkpoint> c = load(f.getValue());
            if (c.isPresent() && c.get().seed() == config.seed()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static Optional<Checkpoint> load(Path file) {
        try {
            return Optional.of(Checkpoint.load(file));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // missing or damaged: an older one (or a fresh start) takes its place
        }
    }

    /**
     * Writes the table, the curves and, last, the {@code .done} file of a finished run.
     *
     * @param seconds wall time of the whole run, summed over the sessions it took
     */
    public void save(TrainingResult r, double seconds) {
        AtomicFiles.write(csv(), tmp -> r.table().write().csv(tmp.toFile()));
        RunFigure.write(List.of(r), r.config().name(), out.resolve(stem + ".png"));
        AtomicFiles.writeString(done(), String.format(Locale.ROOT,
                "epochs=%d%ntest_accuracy=%s%nseconds=%s%ndevice=%s%nthreads=%d%n", r.epochs().size(),
                Double.toString(r.testAccuracy()), Double.toString(seconds), r.device(), r.threads()));
    }

    /** Wall time already spent in the epochs a checkpoint holds. */
    static double secondsIn(Checkpoint c) {
        return c.metrics().stream().mapToDouble(EpochMetrics::seconds).sum();
    }

    private Map<String, String> readDone() {
        Map<String, String> kv = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(done())) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + done(), e);
        }
        for (String key : List.of("epochs", "test_accuracy", "seconds", "device", "threads")) {
            if (!kv.containsKey(key)) {
                throw new IllegalStateException(done() + " lacks " + key + ": it was not written by descent reproduce");
            }
        }
        return kv;
    }
}
