package org.descentlab.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a directory with everything in it (scratch output: benchmark runs, temporary run files). */
public final class DirectoryTree {

    private DirectoryTree() {}

    /**
     * Deletes {@code dir} and its contents, deepest first; nothing if it does not exist.
     *
     * @throws UncheckedIOException naming the directory
     */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
