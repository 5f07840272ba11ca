package org.descentlab.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files replaced all at once: the content goes to a temporary file in the same directory, which is then
 * renamed over the target. A process killed mid-write leaves the previous version (or no file), never
 * a truncated one; readers see the old or the new content.
 */
public final class AtomicFiles {

    /** Writes the content to the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Lets {@code writer} fill a temporary sibling of {@code target} (same extension, so that writers
     * that pick a format by it still work), then renames it to {@code target}.
     *
     * @throws UncheckedIOException if writing or renaming fails (the temporary file is removed)
     */
    public static Path write(Path target, Writer writer) {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot) : "";
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // hidden, and named by process, so that no result pattern matches it and processes never share it
            tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + ".tmp" + ext);
            writer.write(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless: its name never matches a result's
                }
            }
        }
    }

    /** {@link #write(Path, Writer)} of {@code bytes}. */
    public static Path write(Path target, byte[] bytes) {
        return write(target, tmp -> Files.write(tmp, bytes));
    }

    /** {@link #write(Path, Writer)} of {@code text} in UTF-8. */
    public static Path writeString(Path target, String text) {
        return write(target, tmp -> Files.writeString(tmp, text));
    }
}
