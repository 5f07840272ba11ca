package org.descentlab.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link ParamState} of every parameter an optimizer has updated, one per parameter and device,
 * with the managers that own their buffers. A restored snapshot is kept aside and handed to each
 * parameter's state when that parameter is next updated (deferred restore): DJL's parameter ids and
 * devices are only known then.
 */
final class ParameterStates {

    private final Map<String, ParamState> states = new LinkedHashMap<>();
    private final Map<String, Device> deviceOfParameter = new LinkedHashMap<>();
    private final Map<Device, NDManager> managers = new LinkedHashMap<>();
    private OptimizerState pendingRestore;

    /** The state of {@code parameterId} on {@code weight}'s device, created (or restored) on first use. */
    ParamState stateFor(String parameterId, NDArray weight) {
        Device device = weight.getDevice();
        Device first = deviceOfParameter.computeIfAbsent(parameterId, k -> device);
        // DJL calls update once per device with the same id; each device copy keeps its own state.
        String key = first.equals(device) ? parameterId : parameterId + "@" + device;
        ParamState state = states.get(key);
        if (state == null) {
            state = new ParamState(key, managerFor(device));
            if (pendingRestore != null && pendingRestore.params().containsKey(key)) {
                state.restoreFrom(pendingRestore.params().get(key));
            }
            states.put(key, state);
        }
        if (!state.pendingRestored().isEmpty()) {
            state.checkRestoredShapes(weight.getShape());
        }
        return state;
    }

    /** The state saved under {@code key}, or {@code null}. */
    ParamState get(String key) {
        return states.get(key);
    }

    NDManager managerFor(Device device) {
        return managers.computeIfAbsent(device, NDManager::newBaseManager);
    }

    /** Every parameter's state as raw bytes, including restored states of parameters not yet updated. */
    Map<String, OptimizerState.Param> snapshot() {
        Map<String, OptimizerState.Param> params = new LinkedHashMap<>();
        for (Map.Entry<String, ParamState> e : states.entrySet()) {
            ParamState s = e.getValue();
            Map<String, OptimizerState.Slot> slots = new LinkedHashMap<>(s.pendingRestored());
            s.slots().forEach((name, a) -> slots.put(name, OptimizerState.Slot.of(a)));
            params.put(e.getKey(), new OptimizerState.Param(s.step(), s.scalars(), slots));
        }
        if (pendingRestore != null) {
            for (Map.Entry<String, OptimizerState.Param> e : pendingRestore.params().entrySet()) {
                params.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return params;
    }

    /** Forgets every state and restores {@code saved} as parameters are next updated. */
    void restoreLater(OptimizerState saved) {
        forget();
        pendingRestore = saved;
    }

    /** Frees every buffer; keeps the managers. */
    private void forget() {
        for (ParamState s : states.values()) {
            s.closeSlots();
        }
        states.clear();
        deviceOfParameter.clear();
    }

    /** Frees every buffer and manager. */
    void close() {
        forget();
        for (NDManager m : managers.values()) {
            m.close();
        }
        managers.clear();
    }
}
