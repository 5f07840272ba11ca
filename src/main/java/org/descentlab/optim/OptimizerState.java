package org.descentlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.descentlab.util.BinaryFormat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of an optimizer: its type, hyper-parameters, current learning rate, optimizer-wide
 * scalars and, per parameter, the step count, scalars and slot buffers as raw bytes. Restoring it
 * into a fresh optimizer of the same type continues bit-identically (torch's {@code state_dict}
 * round trip). Independent of any NDManager, so it can be kept, written and read anywhere.
 */
public final class OptimizerState implements BinaryFormat.Saved {

    private static final BinaryFormat FORMAT = new BinaryFormat("optimizer state", 0x44534f53 /* "DSOS" */, 1, 1,
            "not an optimizer state: the data does not start with the descent magic number");

    /** One slot buffer: data type, shape and raw little-endian bytes (whatever the machine's order). */
    public record Slot(DataType dataType, Shape shape, byte[] data) {

        /** A copy of {@code a}'s values. */
        static Slot of(NDArray a) {
            return new Slot(a.getDataType(), a.getShape(), nativeToLittleEndian(a.toByteArray(), a.getDataType()));
        }

        /** The values in a direct buffer of the machine's byte order, as DJL's {@code create} reads them. */
        ByteBuffer nativeBuffer() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(data.length).order(ByteOrder.nativeOrder());
            buffer.put(nativeToLittleEndian(data, dataType)).rewind();
            return buffer;
        }

        /** Swaps the bytes of each element on a big-endian machine (its own inverse); a copy otherwise. */
        private static byte[] nativeToLittleEndian(byte[] bytes, DataType type) {
            byte[] out = bytes.clone();
            int width = type.getNumOfBytes();
            if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN && width > 1) {
                for (int start = 0; start + width <= out.length; start += width) {
                    for (int i = 0; i < width / 2; i++) {
                        byte b = out[start + i];
                        out[start + i] = out[start + width - 1 - i];
                        out[start + width - 1 - i] = b;
                    }
                }
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Slot s
                    && s.dataType == dataType
                    && s.shape.equals(shape)
                    && Arrays.equals(s.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * shape.hashCode() + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Slot[" + dataType + " " + shape + "]";
        }
    }

    /** What is saved for one parameter. */
    public record Param(long step, Map<String, Double> scalars, Map<String, Slot> slots) {}

    private final String optimizer;
    private final Map<String, String> hyperParameters;
    private final double learningRate;
    private final Map<String, Double> scalars;
    private final Map<String, Param> params;

    OptimizerState(
            String optimizer,
            Map<String, String> hyperParameters,
            double learningRate,
            Map<String, Double> scalars,
            Map<String, Param> params) {
        this.optimizer = optimizer;
        this.hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
        this.learningRate = learningRate;
        this.scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * A snapshot assembled by code that runs an optimizer's rule itself (lockstep training keeps the
     * slots of K models stacked): what {@link DescentOptimizer#state()} of that optimizer would hold.
     * Hyper-parameter values are stored as their {@code String.valueOf}, as {@code state()} stores them.
     */
    public static OptimizerState of(String optimizer, Map<String, ?> hyperParameters, double learningRate,
            Map<String, Double> scalars, Map<String, Param> params) {
        Map<String, String> hyper = new LinkedHashMap<>();
        hyperParameters.forEach((k, v) -> hyper.put(k, String.valueOf(v)));
        return new OptimizerState(optimizer, hyper, learningRate, scalars, params);
    }

    /** The optimizer's name, e.g. {@code Adam}. */
    public String optimizer() {
        return optimizer;
    }

    /** The hyper-parameters (other than the learning rate) as written by the optimizer. */
    public Map<String, String> hyperParameters() {
        return hyperParameters;
    }

    /** The learning rate when the snapshot was taken. */
    public double learningRate() {
        return learningRate;
    }

    /** Optimizer-wide scalars (e.g. SWATS's phase). */
    public Map<String, Double> scalars() {
        return scalars;
    }

    /** Per-parameter state by parameter id. */
    public Map<String, Param> params() {
        return params;
    }

    /**
     * The same snapshot with parameter ids renamed by {@code rename} (ids it does not name stay; a
     * device suffix {@code id@device} is kept). DJL gives every parameter a fresh unique id per model
     * instance, so a checkpoint stores the state under stable names (the block's parameter paths) and
     * maps them back to the new model's ids on resume.
     */
    public OptimizerState withParameterIds(Map<String, String> rename) {
        Map<String, Param> renamed = new LinkedHashMap<>();
        for (Map.Entry<String, Param> e : params.entrySet()) {
            String id = e.getKey();
            int at = id.indexOf('@');
            String base = at < 0 ? id : id.substring(0, at);
            String suffix = at < 0 ? "" : id.substring(at);
            String key = rename.getOrDefault(base, base) + suffix;
            if (renamed.put(key, e.getValue()) != null) {
                throw new IllegalArgumentException("renaming parameter ids maps two of them to '" + key + "'");
            }
        }
        return new OptimizerState(optimizer, hyperParameters, learningRate, scalars, renamed);
    }

    /** Serialises the snapshot (a small binary format with a magic number and version). */
    @Override
    public byte[] toBytes() {
        return FORMAT.write(out -> {
            out.writeUTF(optimizer);
            BinaryFormat.writeWords(out, hyperParameters);
            out.writeDouble(learningRate);
            BinaryFormat.writeNumbers(out, scalars);
            BinaryFormat.writeMap(out, params, OptimizerState::writeParam);
        });
    }

    /** Reads a snapshot written by {@link #toBytes()}; a foreign or damaged input is a clear error. */
    public static OptimizerState fromBytes(byte[] data) {
        return FORMAT.read(data, (in, version) -> new OptimizerState(in.readUTF(), BinaryFormat.readWords(in),
                in.readDouble(), BinaryFormat.readNumbers(in), BinaryFormat.readMap(in, OptimizerState::readParam)));
    }

    private static void writeParam(DataOutputStream out, Param p) throws IOException {
        out.writeLong(p.step());
        BinaryFormat.writeNumbers(out, p.scalars());
        BinaryFormat.writeMap(out, p.slots(), OptimizerState::writeSlot);
    }

    private static Param readParam(DataInputStream in) throws IOException {
        return new Param(in.readLong(), BinaryFormat.readNumbers(in), BinaryFormat.readMap(in, OptimizerState::readSlot));
    }

    private static void writeSlot(DataOutputStream out, Slot slot) throws IOException {
        out.writeUTF(slot.dataType().name());
        long[] dims = slot.shape().getShape();
        out.writeInt(dims.length);
        for (long d : dims) {
            out.writeLong(d);
        }
        out.writeInt(slot.data().length);
        out.write(slot.data());
    }

    private static Slot readSlot(DataInputStream in) throws IOException {
        DataType type = DataType.valueOf(in.readUTF());
        long[] dims = new long[in.readInt()];
        for (int k = 0; k < dims.length; k++) {
            dims[k] = in.readLong();
        }
        byte[] raw = new byte[in.readInt()];
        in.readFully(raw);
        return new Slot(type, new Shape(dims), raw);
    }

    /** Reads a file written by {@link #save(Path)}. */
    public static OptimizerState load(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizerState s
                && s.optimizer.equals(optimizer)
                && s.hyperParameters.equals(hyperParameters)
                && Double.compare(s.learningRate, learningRate) == 0
                && s.scalars.equals(scalars)
                && s.params.equals(params);
    }

    @Override
    public int hashCode() {
        return optimizer.hashCode() * 31 + params.hashCode();
    }

    @Override
    public String toString() {
        return "OptimizerState[" + optimizer + " " + hyperParameters + ", lr=" + learningRate
                + ", " + params.size() + " parameters]";
    }
}
