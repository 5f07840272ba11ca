package org.descentlab.train;

import org.descentlab.util.AtomicFiles;
import org.descentlab.util.BinaryFormat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to continue a run after epoch {@code epochsDone} exactly as if it had not
 * stopped (STAT 453 L12, slide "Saving Models in PyTorch": model, optimizer and scheduler state):
 *
 * <ul>
 *   <li>the model parameters, including BatchNorm's running statistics (DJL {@code saveParameters});
 *   <li>the optimizer state ({@link org.descentlab.optim.OptimizerState} bytes, parameters named by
 *       their stable block paths such as {@code 01Linear_weight}, not DJL's per-instance ids);
 *   <li>the schedule state ({@link org.descentlab.schedule.ScheduleState} bytes; empty for a fixed rate
 *       or a batch-size schedule, which is a pure function of the epoch);
 *   <li>the random state: nothing to store, because the shuffle of epoch {@code e} is a function of
 *       {@code (seed, e)} ({@link org.descentlab.data.MnistBatches}) and the dropout generator is reseeded
 *       from {@code (seed, e)} at the start of every epoch; the seed itself is stored and checked;
 *   <li>the metrics so far and the update count.
 * </ul>
 */
public record Checkpoint(
        String runName,
        long seed,
        int epochsDone,
        byte[] parameters,
        byte[] optimizerState,
        byte[] scheduleState,
        List<EpochMetrics> metrics) {

    /** Version 2 added each row's eval-mode training loss; version 1 is still read (NaN there). */
    private static final BinaryFormat FORMAT = new BinaryFormat("checkpoint", 0x4453434b /* "DSCK" */, 1, 2,
            "not a descent training checkpoint (wrong magic number)");

    public Checkpoint {
        metrics = List.copyOf(metrics);
        if (metrics.size() != epochsDone) {
            throw new IllegalArgumentException(
                    "a checkpoint after " + epochsDone + " epochs needs " + epochsDone + " metric rows, not " + metrics.size());
        }
    }

    /** The file name {@link Training} writes for epoch {@code epoch} of run {@code runName}. */
    public static String fileName(String runName, int epoch) {
        return runName + "-epoch" + epoch + ".ckpt";
    }

    /** Serialises the checkpoint (magic number, version, fields). */
    public byte[] toBytes() {
        return FORMAT.write(out -> {
            out.writeUTF(runName);
            out.writeLong(seed);
            out.writeInt(epochsDone);
            writeBytes(out, parameters);
            writeBytes(out, optimizerState);
            writeBytes(out, scheduleState);
            out.writeInt(metrics.size());
            for (EpochMetrics m : metrics) {
                out.writeInt(m.epoch());
                out.writeInt(m.batchSize());
                out.writeDouble(m.trainLoss());
                out.writeDouble(m.lastBatchLoss());
                out.writeDouble(m.trainAccuracy());
                out.writeDouble(m.validationAccuracy());
                out.writeDouble(m.testAccuracy());
                out.writeDouble(m.lr());
                out.writeDouble(m.seconds());
                out.writeLong(m.updates());
                out.writeDouble(m.trainEvalLoss());
            }
        });
    }

    /** Reads {@link #toBytes()}; a foreign or damaged input is a clear error. */
    public static Checkpoint fromBytes(byte[] data) {
        return FORMAT.read(data, (in, version) -> {
            String name = in.readUTF();
            long seed = in.readLong();
            int done = in.readInt();
            byte[] params = readBytes(in);
            byte[] opt = readBytes(in);
            byte[] sched = readBytes(in);
            int n = in.readInt();
            List<EpochMetrics> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(new EpochMetrics(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readLong(),
                        version == 1 ? Double.NaN : in.readDouble()));
            }
            return new Checkpoint(name, seed, done, params, opt, sched, rows);
        });
    }

    /** Writes the checkpoint to {@code file} ({@link AtomicFiles}: a kill mid-write leaves the previous file). */
    public Path save(Path file) throws IOException {
        try {
            return AtomicFiles.write(file, toBytes());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes the checkpoint into {@code dir} under {@link #fileName} and, unless {@code keepPrevious},
     * deletes the file of the epoch before, so that a run keeps its newest checkpoint only.
     *
     * @throws UncheckedIOException naming the epoch and the directory
     */
    public void saveInto(Path dir, boolean keepPrevious) {
        try {
            save(dir.resolve(fileName(runName, epochsDone)));
            if (!keepPrevious && epochsDone > 1) {
                Files.deleteIfExists(dir.resolve(fileName(runName, epochsDone - 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint of epoch " + epochsDone + " to " + dir, e);
        }
    }

    /** Reads a file written by {@link #save(Path)}. */
    public static Checkpoint load(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file));
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        byte[] v = b == null ? new byte[0] : b;
        out.writeInt(v.length);
        out.write(v);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
