package org.descentlab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails half-way leaves the previous version intact and no temporary file behind. */
class AtomicFilesTest {

    @Test
    void aFailedWriteLeavesThePreviousVersion(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("result.csv");
        AtomicFiles.writeString(target, "good,1\n");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write("partial,".getBytes());
                throw new IOException("killed mid-write");
            }
        }));
        assertEquals("killed mid-write", e.getCause().getMessage());
        assertEquals("good,1\n", Files.readString(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void aWriteReplacesTheFileAndKeepsItsExtensionWhileWriting(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("sub").resolve("figure.png");
        String[] seen = new String[1];
        AtomicFiles.write(target, tmp -> {
            seen[0] = tmp.getFileName().toString();
            Files.writeString(tmp, "new");
        });
        assertEquals("new", Files.readString(target));
        assertTrue(seen[0].startsWith(".figure.png.") && seen[0].endsWith(".tmp.png"), seen[0]);
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertEquals(3, Files.size(target));
        assertEquals(List.of(target), list(target.getParent()));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
