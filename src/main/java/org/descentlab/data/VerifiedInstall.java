package org.descentlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How a file enters the MNIST cache, whatever its source: written to a temporary file next to the
 * target, its size and SHA-256 checked, then moved into place atomically. A file that fails the check is
 * deleted and reported, so the cache never holds a partial or altered file.
 */
final class VerifiedInstall {

    private VerifiedInstall() {}

    /** Installs {@code content} (from {@code from}, named in messages) as the cache's file {@code f}. */
    static void install(MnistCache cache, MnistFile f, InputStream content, String from, PrintStream log) {
        try {
            installOrFail(cache, f, content, from, log);
        } catch (IOException e) {
            // local disk trouble, not a bad source: do not try the next mirror, say where it failed
            throw new UncheckedIOException("cannot write " + f.fileName() + " into the MNIST cache " + cache.dir() + " ("
                    + describe(e) + "); check that the directory is writable and the disk has 60 MB free,"
                    + " or choose another one with --dir or " + MnistCache.DIR_ENV, e);
        }
    }

    private static void installOrFail(MnistCache cache, MnistFile f, InputStream content, String from, PrintStream log)
            throws IOException {
        Files.createDirectories(cache.dir());
        Path target = cache.file(f);
        Path tmp = Files.createTempFile(cache.dir(), "." + f.fileName() + ".", ".part");
        try {
            try (InputStream in = content) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            MnistCache.Expected e = cache.expected(f);
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
}
