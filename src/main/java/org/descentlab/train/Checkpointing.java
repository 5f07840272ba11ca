package org.descentlab.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import org.descentlab.model.LectureMlp;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.OptimizerState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saving and restoring a run's {@link Checkpoint}: model parameters, optimizer state (keyed by stable
 * parameter names, not DJL's per-instance ids), learning-rate control state and the metrics so far.
 * Its parameter conversions are public for lockstep training, which writes the same format per model.
 */
public final class Checkpointing {

    private final String runName;
    private final long seed;
    private final Path dir;
    private final boolean keepAll;
    private final Block block;
    private final Map<String, String> idToName = new LinkedHashMap<>();
    private final Map<String, String> nameToId = new LinkedHashMap<>();

    /**
     * @param dir where to write a checkpoint after each epoch, or {@code null} for none
     * @param keepAll keep every epoch's file (else only the newest)
     */
    Checkpointing(TrainingConfig config, Path dir, boolean keepAll, Block block) {
        this.runName = config.name();
        this.seed = config.seed();
        this.dir = dir;
        this.keepAll = keepAll;
        this.block = block;
        for (Pair<String, Parameter> p : block.getParameters()) {
            idToName.put(p.getValue().getId(), p.getKey());
            nameToId.put(p.getKey(), p.getValue().getId());
        }
    }

    /** Loads {@code c} into the model, optimizer and rate control; returns its metrics so far. */
    List<EpochMetrics> restore(Checkpoint c, NDManager manager, DescentOptimizer optimizer, LrControl lr) {
        loadParameters(block, manager, c.parameters());
        optimizer.restore(OptimizerState.fromBytes(c.optimizerState()).withParameterIds(nameToId));
        lr.restore(c.scheduleState());
        return c.metrics();
    }

    /** The optimizer's state keyed by parameter names. */
    OptimizerState optimizerState(DescentOptimizer optimizer) {
        return optimizer.state().withParameterIds(idToName);
    }

    /** The model parameters as DJL's {@code saveParameters} writes them. */
    byte[] parameters() {
        return parametersOf(block);
    }

    /** {@code block}'s parameters as DJL's {@code saveParameters} writes them ({@link Checkpoint#parameters()}). */
    public static byte[] parametersOf(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the checkpoint after {@code rows.size()} epochs, if a directory was given. */
    void afterEpoch(DescentOptimizer optimizer, LrControl lr, List<EpochMetrics> rows) {
        if (dir == null) {
            return;
        }
        new Checkpoint(runName, seed, rows.size(), parameters(), optimizerState(optimizer).toBytes(), lr.state(), rows)
                .saveInto(dir, keepAll);
    }

    /**
     * Loads parameters written by {@link #parameters()} INTO the live arrays of {@code block}, in place:
     * DJL's {@code loadParameters} would replace the arrays by new ones, which no longer carry the
     * gradients the trainer's optimizer steps read. A fresh block of the same architecture reads the
     * bytes, then each value is copied across by parameter name (shapes checked).
     */
    public static void loadParameters(Block block, NDManager manager, byte[] data) {
        try (NDManager tmp = manager.newSubManager();
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            Block saved = LectureMlp.build();
            saved.initialize(tmp, DataType.FLOAT32, LectureMlp.inputShape(1));
            saved.loadParameters(tmp, in);
            Map<String, Parameter> byName = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : saved.getParameters()) {
                byName.put(p.getKey(), p.getValue());
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                Parameter from = byName.get(p.getKey());
                NDArray live = p.getValue().getArray();
                if (from == null || !from.getArray().getShape().equals(live.getShape())) {
                    throw new IllegalArgumentException("the checkpoint has no parameter " + p.getKey() + " of shape "
                            + live.getShape() + ": it was saved for another model");
                }
                live.set(from.getArray().toFloatArray());
            }
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("the checkpoint's model parameters cannot be read: " + e, e);
        }
    }
}
