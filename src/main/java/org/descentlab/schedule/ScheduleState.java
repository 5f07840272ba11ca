package org.descentlab.schedule;

import org.descentlab.util.BinaryFormat;
import org.descentlab.util.Check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of a stateful scheduler ({@link Scheduler}, {@link ReduceLROnPlateau}): its type name, an
 * ordered map of numbers and one of words such as {@code mode = max} (torch's {@code
 * scheduler.state_dict()}, STAT 453 L12's "saving scheduler state"). Restoring it into a fresh object of the same type continues bit-identically; restoring it
 * into another type is an error. Serialised in the style of {@code OptimizerState}.
 */
public final class ScheduleState implements BinaryFormat.Saved {

    /** Version 2 added the words; version 1 (numbers only) is still read. */
    private static final BinaryFormat FORMAT = new BinaryFormat("schedule state", 0x44535353 /* "DSSS" */, 1, 2,
            "not a schedule state: the data does not start with the descent magic number");

    private final String type;
    private final Map<String, Double> values;
    private final Map<String, String> words;

    /**
     * @param type the scheduler's type name, e.g. {@code ReduceLROnPlateau}
     * @param values the numbers that make up its state, in a stable order
     */
    public ScheduleState(String type, Map<String, Double> values) {
        this(type, values, Map.of());
    }

    /**
     * @param type the scheduler's type name, e.g. {@code ReduceLROnPlateau}
     * @param values the numbers that make up its state, in a stable order
     * @param words the settings spelled as words ({@code mode = max}), in a stable order
     */
    public ScheduleState(String type, Map<String, Double> values, Map<String, String> words) {
        this.type = Check.notNull("type", type);
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(Check.notNull("values", values)));
        this.words = Collections.unmodifiableMap(new LinkedHashMap<>(Check.notNull("words", words)));
    }

    /** The type name of the scheduler that wrote this state. */
    public String type() {
        return type;
    }

    /** The saved numbers, in the order they were written. */
    public Map<String, Double> values() {
        return values;
    }

    /** A saved number; a missing one is an error naming the key and the keys present. */
    public double get(String key) {
        return lookup(values, "entry", key);
    }

    /** The saved words, in the order they were written. */
    public Map<String, String> words() {
        return words;
    }

    /** A saved word; a missing one is an error naming the key and the keys present. */
    public String word(String key) {
        return lookup(words, "word", key);
    }

    private <V> V lookup(Map<String, V> map, String what, String key) {
        V v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException(type + " state has no " + what + " '" + key + "' (has " + map.keySet() + ")");
        }
        return v;
    }

    /** Throws unless this state was written by a scheduler of type {@code expected}. */
    public ScheduleState requireType(String expected) {
        if (!type.equals(expected)) {
            throw new IllegalArgumentException(
                    "cannot restore the state of a " + type + " into a " + expected);
        }
        return this;
    }

    /** Serialises the snapshot (magic number, version, type, entries). */
    @Override
    public byte[] toBytes() {
        return FORMAT.write(out -> {
            out.writeUTF(type);
            BinaryFormat.writeNumbers(out, values);
            BinaryFormat.writeWords(out, words);
        });
    }

    /** Reads a snapshot written by {@link #toBytes()}; a foreign or damaged input is a clear error. */
    public static ScheduleState fromBytes(byte[] data) {
        Check.notNull("data", data);
        return FORMAT.read(data, (in, version) -> {
            String type = in.readUTF();
            Map<String, Double> values = BinaryFormat.readNumbers(in);
            Map<String, String> words = BinaryFormat.readWords(in, version == 1 ? 0 : in.readInt());
            return new ScheduleState(type, values, words);
        });
    }

    /** Reads a file written by {@link #save(Path)}. */
    public static ScheduleState load(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduleState s && s.type.equals(type) && s.values.equals(values) && s.words.equals(words);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + values.hashCode()) * 31 + words.hashCode();
    }

    @Override
    public String toString() {
        return "ScheduleState[" + type + " " + values + (words.isEmpty() ? "" : " " + words) + "]";
    }
}
