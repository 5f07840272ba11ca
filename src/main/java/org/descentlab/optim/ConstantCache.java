package org.descentlab.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Scalars as cached float64 0-dim arrays, per device, for arithmetic such as {@code m.muli(c(beta1))}.
 * DJL's {@code NDArray.mul(Number)} and friends create and free a new 0-dim array on every call, which
 * on the PyTorch engine costs more than the arithmetic itself for parameters of a few thousand
 * elements. The array is the one {@code mul(Number)} would create (float64, the same type promotion),
 * so results are bit-identical. The most recently used {@value #MAX_CONSTANTS} per device are kept
 * (step-dependent values such as bias corrections are shared by all parameters of a step).
 */
final class ConstantCache {

    /** How many distinct constants are kept per device (least recently used dropped). */
    private static final int MAX_CONSTANTS = 64;

    private final Map<Device, Map<Double, NDArray>> constants = new LinkedHashMap<>();
    private final Function<Device, NDManager> managers;

    /** @param managers the manager that owns arrays on a device (closing it frees the constants) */
    ConstantCache(Function<Device, NDManager> managers) {
        this.managers = managers;
    }

    /** {@code value} on {@code like}'s device. */
    NDArray of(double value, NDArray like) {
        Device device = like.getDevice();
        Map<Double, NDArray> cache = constants.computeIfAbsent(device, d -> new LinkedHashMap<>(32, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Double, NDArray> eldest) {
                if (size() > MAX_CONSTANTS) {
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        });
        NDArray c = cache.get(value);
        if (c == null) {
            c = managers.apply(device).create(value);
            NDScope.unregister(c);
            cache.put(value, c);
        }
        return c;
    }

    /** Forgets every constant (their manager frees them). */
    void clear() {
        constants.clear();
    }
}
