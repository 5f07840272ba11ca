package org.descentlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A minimal reader of {@code .tgz} archives (gzip'd POSIX ustar, as {@code npm pack} writes them): walks
 * the entries in order and hands each regular file's bytes to a visitor, without extracting anything to
 * disk. Supports the ustar name prefix, GNU long names ({@code L}) and pax {@code path=} records; other
 * entry types (directories, links) are skipped.
 */
public final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {}

    /** Receives one regular file of the archive; {@code content} yields exactly {@code size} bytes. */
    @FunctionalInterface
    public interface Visitor {
        void visit(String name, long size, InputStream content) throws IOException;
    }

    /** Visits every regular file in the {@code .tgz} file {@code archive}. */
    public static void forEachFile(Path archive, Visitor visitor) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
            forEachFile(in, visitor);
        }
    }

    /** Visits every regular file of an (already decompressed) tar stream. */
    public static void forEachFile(InputStream tar, Visitor visitor) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            if (!readBlock(tar, header)) {
                return; // end of stream without the two zero blocks: accept, as tar does
            }
            if (isZero(header)) {
                return;
            }
            String name = text(header, 0, 100);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            if (type == 'L' || type == 'x') {
                byte[] data = tar.readNBytes((int) size);
                if (data.length != size) {
                    throw new EOFException("tar archive ends inside a '" + type + "' header of " + size + " bytes");
                }
                skipFully(tar, padding(size));
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                } else {
                    String path = paxPath(new String(data, StandardCharsets.UTF_8));
                    if (path != null) {
                        longName = path;
                    }
                }
                continue;
            }
            if (longName != null) {
                name = longName;
                longName = null;
            }
            Bounded content = new Bounded(tar, size);
            if (type == '0' || type == '\0' || type == '7') {
                visitor.visit(name, size, content);
            }
            skipFully(tar, content.remaining);
            skipFully(tar, padding(size));
        }
    }

    private static String paxPath(String records) {
        // records: "<len> key=value\n" repeated
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("tar archive is truncated: a header block has " + n + " of 512 bytes");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] block, int offset, int length) throws IOException {
        String s = text(block, offset, length).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("tar header has a bad size field '" + s + "'", e);
        }
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar archive is truncated: " + left + " bytes missing");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /** A view of the next {@code size} bytes of the tar stream; closing it does not close the archive. */
    private static final class Bounded extends FilterInputStream {
        long remaining;

        Bounded(InputStream in, long size) {
            super(in);
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b < 0) {
                throw new EOFException("tar archive is truncated inside a file");
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("tar archive is truncated inside a file");
            }
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, remaining));
            remaining -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public void close() {}

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
