package org.descentlab.util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small binary formats of saved state (optimizer state, schedule state, training checkpoint): a
 * magic number, a version, then the body in {@link DataOutputStream}'s big-endian encoding. The header,
 * its checks and their errors, and the maps of names to numbers or words are written here once.
 */
public final class BinaryFormat {

    /** Writes the body after the header. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the body after the header, in the format of {@code version}. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    /** A value saved in such a format, which {@link #save(Path)} writes to a file. */
    public interface Saved {
        /** The value in its binary format. */
        byte[] toBytes();

        /** Writes {@link #toBytes()} to a file. */
        default void save(Path file) throws IOException {
            Files.write(file, toBytes());
        }
    }

    private final String what;
    private final int magic;
    private final int oldest;
    private final int version;
    private final String notMagic;

    /**
     * @param what what the data is, as the errors name it ({@code optimizer state})
     * @param magic the first four bytes
     * @param oldest the oldest version still read
     * @param version the version written
     * @param notMagic the error for data that does not start with {@code magic}
     */
    public BinaryFormat(String what, int magic, int oldest, int version, String notMagic) {
        this.what = what;
        this.magic = magic;
        this.oldest = oldest;
        this.version = version;
        this.notMagic = notMagic;
    }

    /** The header and then what {@code body} writes. */
    public byte[] write(Writer body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(version);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Checks the header and reads the body.
     *
     * @throws IllegalArgumentException for foreign data, an unsupported version, or a truncated or
     *     damaged body
     */
    public <T> T read(byte[] data, Reader<T> body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != magic) {
                throw new IllegalArgumentException(notMagic);
            }
            int v = in.readInt();
            if (v < oldest || v > version) {
                throw new IllegalArgumentException(
                        what + " version " + v + " is not supported (expected " + version + ")");
            }
            return body.read(in, v);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is truncated or damaged: " + e, e);
        }
    }

    /** Writes the size, then each name and word. */
    public static void writeWords(DataOutputStream out, Map<String, String> map) throws IOException {
        writeMap(out, map, DataOutputStream::writeUTF);
    }

    /** Reads what {@link #writeWords} wrote, in its order. */
    public static Map<String, String> readWords(DataInputStream in) throws IOException {
        return readMap(in, DataInput::readUTF);
    }

    /** Reads {@code n} names and words. */
    public static Map<String, String> readWords(DataInputStream in, int n) throws IOException {
        return readMap(in, n, DataInput::readUTF);
    }

    /** Writes the size, then each name and number. */
    public static void writeNumbers(DataOutputStream out, Map<String, Double> map) throws IOException {
        writeMap(out, map, DataOutputStream::writeDouble);
    }

    /** Reads what {@link #writeNumbers} wrote, in its order. */
    public static Map<String, Double> readNumbers(DataInputStream in) throws IOException {
        return readMap(in, DataInputStream::readDouble);
    }

    /** Writes one value of a map. */
    @FunctionalInterface
    public interface ValueWriter<V> {
        void write(DataOutputStream out, V value) throws IOException;
    }

    /** Reads one value of a map. */
    @FunctionalInterface
    public interface ValueReader<V> {
        V read(DataInputStream in) throws IOException;
    }

    /** Writes the size, then each name and its value. */
    public static <V> void writeMap(DataOutputStream out, Map<String, V> map, ValueWriter<V> value)
            throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, V> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            value.write(out, e.getValue());
        }
    }

    /** Reads what {@link #writeMap} wrote, in its order. */
    public static <V> Map<String, V> readMap(DataInputStream in, ValueReader<V> value) throws IOException {
        return readMap(in, in.readInt(), value);
    }

    private static <V> Map<String, V> readMap(DataInputStream in, int n, ValueReader<V> value) throws IOException {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(in.readUTF(), value.read(in));
        }
        return map;
    }
}
