package org.descentlab.exercise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What your implementation remembers about one parameter between steps, so that a notebook cell needs
 * no fields and no wiring: named buffers of the parameter's length (zeros the first time you ask for
 * them, the same array on every later step), named scalars (0 until set) and the step counter
 * {@code t}, which is 1 during the first step, 2 during the second, and so on (torch's
 * {@code state['step']}).
 *
 * <pre>{@code
 *   double[] v = s.buffer("v");     // zeros at t = 1, then whatever you left in it
 *   long t = s.t();
 * }</pre>
 *
 * The checker creates a fresh state for every test case.
 */
public final class State implements AutoCloseable {

    private final int size;
    private long t;
    private final Map<String, double[]> buffers = new LinkedHashMap<>();
    private final Map<String, Double> scalars = new LinkedHashMap<>();
    private final Map<Object, Object> internal = new HashMap<>();

    /** A state for a parameter of {@code size} coordinates, before its first step ({@code t = 0}). */
    public State(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size = " + size + " is invalid: must be an integer >= 1");
        }
        this.size = size;
    }

    /** The 1-based number of the step in progress (0 before the first). */
    public long t() {
        return t;
    }

    /** Advances the step counter; the checker calls it before each of your steps. */
    public void advance() {
        t++;
    }

    /** The number of coordinates of the parameter. */
    public int size() {
        return size;
    }

    /** The buffer {@code name}: zeros of length {@link #size()} the first time, the same array afterwards. */
    public double[] buffer(String name) {
        if (name == null) {
            throw new IllegalArgumentException("the buffer name must not be null");
        }
        return buffers.computeIfAbsent(name, k -> new double[size]);
    }

    /** Whether the buffer {@code name} has been created. */
    public boolean hasBuffer(String name) {
        return buffers.containsKey(name);
    }

    /** The names of the buffers created so far, in creation order. */
    public Set<String> bufferNames() {
        return java.util.Collections.unmodifiableSet(buffers.keySet());
    }

    /** The scalar {@code name}, 0 if never set. */
    public double scalar(String name) {
        return scalars.getOrDefault(name, 0.0);
    }

    /** Sets the scalar {@code name}. */
    public void setScalar(String name, double value) {
        if (name == null) {
            throw new IllegalArgumentException("the scalar name must not be null");
        }
        scalars.put(name, value);
    }

    /** An object a library-backed reference keeps with this state (created on first use). */
    @SuppressWarnings("unchecked")
    <T> T internal(Object key, Supplier<T> create) {
        return (T) internal.computeIfAbsent(key, k -> create.get());
    }

    /** Frees what library-backed references attached (native arrays); the buffers stay readable. */
    @Override
    public void close() {
        List<Object> values = new ArrayList<>(internal.values());
        internal.clear();
        for (Object o : values) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // nothing useful to do: the state is being discarded
                }
            }
        }
    }

    @Override
    public String toString() {
        return "State(t=" + t + ", size=" + size + ", buffers=" + buffers.keySet()
                + (scalars.isEmpty() ? "" : ", scalars=" + scalars) + ")";
    }
}
