package org.descentlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer remembers about one parameter: the step count {@code t} (1 at the first update,
 * as in torch's {@code state['step']}), named buffers ("slots") shaped like the parameter, such as
 * Adam's {@code exp_avg}, and named scalars.
 */
public final class ParamState {

    private final String parameterId;
    private long step;
    private final Map<String, NDArray> slots = new LinkedHashMap<>();
    private final Map<String, Double> scalars = new LinkedHashMap<>();
    /** Slots restored from a saved state, materialised on first use on the parameter's device. */
    private final Map<String, OptimizerState.Slot> restored = new LinkedHashMap<>();
    private final NDManager manager;

    ParamState(String parameterId, NDManager manager) {
        this.parameterId = parameterId;
        this.manager = manager;
    }

    /** The parameter this state belongs to. */
    public String parameterId() {
        return parameterId;
    }

    /** The number of updates applied so far, counting the one in progress (1-based inside an update). */
    public long step() {
        return step;
    }

    void advance() {
        step++;
    }

    /**
     * The slot {@code name}, created as zeros shaped like {@code like} the first time it is asked for.
     * The slot outlives the update (it is not closed with the update's temporaries).
     */
    public NDArray slot(String name, NDArray like) {
        return slot(name, like, 0.0);
    }

    /** The slot {@code name}, created filled with {@code initialValue} the first time it is asked for. */
    public NDArray slot(String name, NDArray like, double initialValue) {
        NDArray existing = slots.get(name);
        if (existing != null) {
            return existing;
        }
        OptimizerState.Slot saved = restored.remove(name);
        NDArray created;
        if (saved != null) {
            checkShape(name, saved.shape(), like.getShape());
            created = manager.create(saved.nativeBuffer(), saved.shape(), saved.dataType());
        } else {
            created = manager.zeros(like.getShape(), like.getDataType());
            if (initialValue != 0.0) {
                created.addi(initialValue);
            }
        }
        NDScope.unregister(created);
        slots.put(name, created);
        return created;
    }

    /**
     * Replaces slot {@code name} with {@code value} (for updates that are not in-place, such as a
     * running maximum). The old buffer is closed; {@code value} now belongs to this state.
     */
    public NDArray replaceSlot(String name, NDArray value) {
        NDArray old = slots.put(name, value);
        restored.remove(name);
        NDScope.unregister(value);
        if (old != null && old != value) {
            old.close();
        }
        return value;
    }

    /** Whether a slot exists (created, or restored and not yet used). */
    public boolean hasSlot(String name) {
        return slots.containsKey(name) || restored.containsKey(name);
    }

    /** A scalar remembered for this parameter, or {@code defaultValue} if never set. */
    public double scalar(String name, double defaultValue) {
        return scalars.getOrDefault(name, defaultValue);
    }

    /** Sets a scalar remembered for this parameter. */
    public void setScalar(String name, double value) {
        scalars.put(name, value);
    }

    Map<String, NDArray> slots() {
        return Collections.unmodifiableMap(slots);
    }

    Map<String, Double> scalars() {
        return Collections.unmodifiableMap(scalars);
    }

    Map<String, OptimizerState.Slot> pendingRestored() {
        return Collections.unmodifiableMap(restored);
    }

    void restoreFrom(OptimizerState.Param saved) {
        step = saved.step();
        scalars.clear();
        scalars.putAll(saved.scalars());
        closeSlots();
        restored.clear();
        restored.putAll(saved.slots());
    }

    /** Checks restored slots against the parameter's shape before anything is used. */
    void checkRestoredShapes(Shape parameterShape) {
        for (Map.Entry<String, OptimizerState.Slot> e : restored.entrySet()) {
            checkShape(e.getKey(), e.getValue().shape(), parameterShape);
        }
    }

    private void checkShape(String slot, Shape saved, Shape actual) {
        if (!saved.equals(actual)) {
            throw new IllegalStateException(
                    "optimizer state for parameter '" + parameterId + "' (slot '" + slot
                            + "') has shape " + saved + " but the parameter has shape " + actual
                            + ": the state was saved for a different model");
        }
    }

    void closeSlots() {
        for (NDArray a : slots.values()) {
            a.close();
        }
        slots.clear();
    }
}
