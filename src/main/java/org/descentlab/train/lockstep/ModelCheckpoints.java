package org.descentlab.train.lockstep;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.OptimizerState;
import org.descentlab.train.Checkpoint;
import org.descentlab.train.Checkpointing;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.LrControl;
import org.descentlab.train.TrainingConfig;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model m of a lockstep group in the formats of a separate run, and back: its parameters as a
 * {@code LectureMlp} block saves them, its optimizer state as its library optimizer's (slots keyed by
 * LectureMlp parameter name), its rate control's state; together its {@link Checkpoint}. So
 * {@code Training} resumes a lockstep model's checkpoint and lockstep resumes a separate run's.
 *
 * @param blocks per model, a LectureMlp block its stacked slice is copied through
 * @param holders per model, its library optimizer (name, hyper-parameters, rate)
 * @param rates per model, its rate control
 */
record ModelCheckpoints(StackedMlp model, GroupOptimizer optimizer, NDManager manager, List<Block> blocks,
        List<DescentOptimizer> holders, List<LrControl> rates) {

    /** Model m's parameters as DJL's {@code saveParameters} writes a LectureMlp. */
    byte[] parameters(int m) {
        model.copyTo(m, blocks.get(m));
        return Checkpointing.parametersOf(blocks.get(m));
    }

    /** Model m's optimizer state in its library optimizer's format, keyed by LectureMlp parameter name. */
    OptimizerState optimizerState(int m) {
        Map<String, OptimizerState.Param> params = new LinkedHashMap<>();
        List<String> names = model.trainableNames();
        for (int i = 0; i < names.size(); i++) {
            Map<String, OptimizerState.Slot> slots = new LinkedHashMap<>();
            Shape shape = model.modelShape(i);
            for (String s : optimizer.slotNames(m)) {
                float[] v = model.toModelLayoutOfTrainable(i, optimizer.slot(i, s, m));
                ByteBuffer bb = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bb.asFloatBuffer().put(v);
                slots.put(s, new OptimizerState.Slot(DataType.FLOAT32, shape, bb.array()));
            }
            params.put(names.get(i), new OptimizerState.Param(optimizer.steps(), Map.of(), slots));
        }
        DescentOptimizer holder = holders.get(m);
        return OptimizerState.of(holder.name(), holder.hyperParameters(), holder.lr(), Map.of(), params);
    }

    /** Model m's checkpoint after {@code rows.size()} epochs of run {@code config}. */
    Checkpoint checkpoint(int m, TrainingConfig config, List<EpochMetrics> rows) {
        return new Checkpoint(config.name(), config.seed(), rows.size(), parameters(m), optimizerState(m).toBytes(),
                rates.get(m).state(), rows);
    }

    /** Loads checkpoint {@code c} into model m: parameters, optimizer slots, rate and rate control. */
    void restore(int m, Checkpoint c) {
        Checkpointing.loadParameters(blocks.get(m), manager, c.parameters());
        model.copyFrom(m, blocks.get(m));
        OptimizerState s = OptimizerState.fromBytes(c.optimizerState());
        DescentOptimizer holder = holders.get(m);
        if (!s.optimizer().equals(holder.name())) {
            throw new IllegalArgumentException("the checkpoint holds a " + s.optimizer() + " state, not " + holder.name());
        }
        List<String> names = model.trainableNames();
        for (int i = 0; i < names.size(); i++) {
            OptimizerState.Param p = s.params().get(names.get(i));
            for (String slot : optimizer.slotNames(m)) {
                if (p != null && p.slots().containsKey(slot)) { // else the slot stays as it is
                    float[] v = new float[(int) model.modelShape(i).size()];
                    ByteBuffer.wrap(p.slots().get(slot).data()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                    optimizer.setSlot(i, slot, m, model.toStackedLayoutOfTrainable(i, v));
                }
            }
        }
        holder.setLr(s.learningRate());
        rates.get(m).restore(c.scheduleState());
    }
}
