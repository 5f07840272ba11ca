package org.descentlab.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The base of every descent optimizer. One object works two ways:
 *
 * <ol>
 *   <li>as a DJL {@link Optimizer} inside a {@code Trainer}: DJL calls {@link #update} once per
 *       parameter and step; the update is applied in place, its temporaries are closed, and the
 *       parameter's gradient is zeroed (DJL's PyTorch engine leaves that to the optimizer);
 *   <li>stepped directly on named parameters with {@link #step(Map, Map)}, as on the toy problems and in
 *       the exercises (float64 arrays keep trajectories exact).
 * </ol>
 *
 * <p>Subclasses implement {@link #apply}: the update of one parameter, written like the formula on
 * the slide. The step count {@code t} is per parameter and starts at 1, as torch's
 * {@code state['step']}. The learning rate is a plain mutable value that a schedule sets (torch's
 * {@code param_group['lr']}); alternatively a DJL {@link ParameterTracker} can supply it per update.
 */
public abstract class DescentOptimizer extends Optimizer implements AutoCloseable {

    private double lr;
    private ParameterTracker lrTracker;
    private final Map<String, ParamState> states = new LinkedHashMap<>();
    private final Map<String, Device> deviceOfParameter = new LinkedHashMap<>();
    private final Map<String, Double> scalars = new TreeMap<>();
    private final Map<Device, NDManager> managers = new LinkedHashMap<>();
    private final Map<Device, Map<Double, NDArray>> constants = new LinkedHashMap<>();
    private OptimizerState pendingRestore;
    private GradientClipping clipping;

    /**
     * @param lr the learning rate, a finite number {@code >= 0}
     */
    protected DescentOptimizer(double lr) {
        super(new DjlDefaults());
        this.lr = Check.nonNegative("lr", lr);
    }

    /** The optimizer's name as shown in tables, legends and saved state, e.g. {@code Adam}. */
    public abstract String name();

    /**
     * The hyper-parameters other than {@code lr}, in torch's names, in a stable order. Saved with the
     * state and compared on restore; also shown by {@link #toString()}.
     */
    public abstract Map<String, Object> hyperParameters();

    /**
     * Applies one update to {@code weight} in place.
     *
     * @param state this parameter's state; {@code state.step()} is already the 1-based step {@code t}
     * @param weight the parameter, updated in place
     * @param grad its gradient (never modified)
     * @param lr the learning rate for this update
     */
    protected abstract void apply(ParamState state, NDArray weight, NDArray grad, double lr);

    /** The current learning rate. */
    public double lr() {
        return lr;
    }

    /** Sets the learning rate (what a schedule does between steps). */
    public void setLr(double lr) {
        this.lr = Check.nonNegative("lr", lr);
    }

    /**
     * Takes the learning rate from a DJL tracker, asked with the parameter's 1-based step count, as
     * DJL's own optimizers do. {@code null} returns to the plain {@link #lr()} value.
     */
    public DescentOptimizer setLrTracker(ParameterTracker tracker) {
        this.lrTracker = tracker;
        return this;
    }

    /**
     * Clips the gradients before every update ({@code null}: no clipping, the default). With
     * {@link #step(Map, Map)} the rule sees all gradients of the step (the caller's stay unmodified). In
     * a DJL {@code Trainer} only a {@linkplain GradientClipping#isPerParameter() per-parameter} rule
     * ({@link ClipByValue}) can work, because {@link #update} sees one parameter at a time: with a
     * global-norm rule set, {@link #update} throws an {@link IllegalStateException}; clip in the
     * training loop with {@link GradientClipping#clipInPlace(Iterable)} instead. The rule is not part of
     * the saved {@link #state()}.
     */
    public DescentOptimizer setClipping(GradientClipping clipping) {
        this.clipping = clipping;
        return this;
    }

    /** The clipping rule, or {@code null} if none. */
    public GradientClipping clipping() {
        return clipping;
    }

    /** The DJL entry point: one parameter's update; zeroes the parameter's gradient afterwards. */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        if (clipping != null && !clipping.isPerParameter()) {
            throw new IllegalStateException(
                    name() + ".update('" + parameterId + "') cannot apply " + clipping
                            + ": a DJL Trainer updates one parameter at a time, so a global norm is unknown"
                            + " here. Clip all gradients in the training loop with clipInPlace(...) before"
                            + " trainer.step(), and remove the rule with setClipping(null)");
        }
        applyOne(parameterId, weight, grad, clipping != null);
        zeroGradient(weight);
    }

    /**
     * One step on named parameters: {@code params} and {@code grads} must have the same names and each
     * gradient the shape of its parameter. Parameters are updated in place; gradients are untouched
     * (a {@linkplain #setClipping clipping rule} works on copies).
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads) {
        checkMatching(params, grads);
        if (clipping == null) {
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                applyOne(e.getKey(), e.getValue(), grads.get(e.getKey()), false);
            }
            return;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> clipped = clipping.clip(grads);
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                applyOne(e.getKey(), e.getValue(), clipped.get(e.getKey()), false);
            }
        }
    }

    /** Checks that names and shapes of parameters and gradients agree. */
    protected static void checkMatching(Map<String, NDArray> params, Map<String, NDArray> grads) {
        Check.notNull("params", params);
        Check.notNull("grads", grads);
        if (!params.keySet().equals(grads.keySet())) {
            throw new IllegalArgumentException(
                    "grads must name exactly the parameters: params " + params.keySet()
                            + " but grads " + grads.keySet());
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray w = Check.notNull("params['" + e.getKey() + "']", e.getValue());
            NDArray g = Check.notNull("grads['" + e.getKey() + "']", grads.get(e.getKey()));
            if (!w.getShape().equals(g.getShape())) {
                throw new IllegalArgumentException(
                        "grads['" + e.getKey() + "'] has shape " + g.getShape()
                                + " but the parameter has shape " + w.getShape());
            }
            if (w.getDataType() != g.getDataType()) {
                throw new IllegalArgumentException(
                        "grads['" + e.getKey() + "'] has data type " + g.getDataType()
                                + " but the parameter has " + w.getDataType());
            }
        }
    }

    private void applyOne(String parameterId, NDArray weight, NDArray grad, boolean clipHere) {
        ParamState state = stateFor(parameterId, weight);
        state.advance();
        double lrNow = lrTracker == null ? lr : lrTracker.getNewValue(parameterId, (int) state.step());
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            apply(state, weight, clipHere ? clipping.clipOne(grad) : grad, lrNow);
        }
    }

    private ParamState stateFor(String parameterId, NDArray weight) {
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

    /** How many distinct constants {@link #constant} keeps per device (least recently used dropped). */
    private static final int MAX_CONSTANTS = 64;

    /**
     * {@code value} as a float64 0-dim array on {@code like}'s device, for arithmetic such as
     * {@code m.muli(constant(beta1, m))}. DJL's {@code NDArray.mul(Number)} and friends create and free
     * a new 0-dim array on every call, which on the PyTorch engine costs more than the arithmetic
     * itself for parameters of a few thousand elements. The array is the one {@code mul(Number)} would
     * create (float64, the same type promotion), so results are bit-identical. Constants are cached
     * (the most recently used {@value #MAX_CONSTANTS} per device; step-dependent values such as bias
     * corrections are shared by all parameters of a step) and freed by {@link #close()}.
     */
    protected final NDArray constant(double value, NDArray like) {
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
            c = managerFor(device).create(value);
            NDScope.unregister(c);
            cache.put(value, c);
        }
        return c;
    }

    private NDManager managerFor(Device device) {
        return managers.computeIfAbsent(device, d -> NDManager.newBaseManager(d));
    }

    private static void zeroGradient(NDArray weight) {
        if (weight instanceof PtNDArray pt && weight.hasGradient()) {
            JniUtils.zeroGrad(pt);
        }
    }

    /** An optimizer-wide scalar (e.g. a phase switch), or {@code defaultValue} if never set. */
    protected double scalar(String name, double defaultValue) {
        return scalars.getOrDefault(name, defaultValue);
    }

    /** Sets an optimizer-wide scalar that is saved with the state. */
    protected void setScalar(String name, double value) {
        scalars.put(name, value);
    }

    /** The state of one parameter, or {@code null} before its first update (for tests and teaching). */
    public ParamState stateOf(String parameterId) {
        return states.get(parameterId);
    }

    /** A snapshot of everything this optimizer remembers. */
    public OptimizerState state() {
        Map<String, OptimizerState.Param> params = new LinkedHashMap<>();
        for (Map.Entry<String, ParamState> e : states.entrySet()) {
            ParamState s = e.getValue();
            Map<String, OptimizerState.Slot> slots = new LinkedHashMap<>(s.pendingRestored());
            for (Map.Entry<String, NDArray> slot : s.slots().entrySet()) {
                NDArray a = slot.getValue();
                slots.put(slot.getKey(),
                        new OptimizerState.Slot(a.getDataType(), a.getShape(), a.toByteArray()));
            }
            params.put(e.getKey(), new OptimizerState.Param(s.step(), s.scalars(), slots));
        }
        if (pendingRestore != null) {
            for (Map.Entry<String, OptimizerState.Param> e : pendingRestore.params().entrySet()) {
                params.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return new OptimizerState(name(), hyperStrings(), lr, scalars, params);
    }

    /**
     * Restores a snapshot taken from an optimizer of the same type and hyper-parameters. Per-parameter
     * state is matched by name when each parameter is next updated; a shape that differs from the
     * saved one is an error then. Use {@link #restore(OptimizerState, Map)} to check shapes at once.
     */
    public void restore(OptimizerState saved) {
        Check.notNull("state", saved);
        if (!saved.optimizer().equals(name())) {
            throw new IllegalArgumentException(
                    "cannot restore the state of a " + saved.optimizer() + " optimizer into a " + name());
        }
        if (!saved.hyperParameters().equals(hyperStrings())) {
            throw new IllegalArgumentException(
                    "cannot restore " + name() + " state saved with hyper-parameters "
                            + saved.hyperParameters() + " into one built with " + hyperStrings());
        }
        for (ParamState s : states.values()) {
            s.closeSlots();
        }
        states.clear();
        deviceOfParameter.clear();
        scalars.clear();
        scalars.putAll(saved.scalars());
        lr = saved.learningRate();
        pendingRestore = saved;
    }

    /**
     * Restores a snapshot and checks at once that it holds state for exactly these parameters, with
     * their shapes.
     */
    public void restore(OptimizerState saved, Map<String, NDArray> params) {
        Check.notNull("params", params);
        restore(saved);
        if (!saved.params().keySet().equals(params.keySet())) {
            throw new IllegalArgumentException(
                    "the saved state is for parameters " + saved.params().keySet()
                            + " but these are " + params.keySet());
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            for (Map.Entry<String, OptimizerState.Slot> slot :
                    saved.params().get(e.getKey()).slots().entrySet()) {
                if (!slot.getValue().shape().equals(e.getValue().getShape())) {
                    throw new IllegalStateException(
                            "optimizer state for parameter '" + e.getKey() + "' (slot '" + slot.getKey()
                                    + "') has shape " + slot.getValue().shape()
                                    + " but the parameter has shape " + e.getValue().getShape()
                                    + ": the state was saved for a different model");
                }
            }
        }
    }

    private Map<String, String> hyperStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : hyperParameters().entrySet()) {
            out.put(e.getKey(), String.valueOf(e.getValue()));
        }
        return out;
    }

    /** Frees every state buffer. The optimizer can be used again afterwards, starting from scratch. */
    @Override
    public void close() {
        for (ParamState s : states.values()) {
            s.closeSlots();
        }
        states.clear();
        deviceOfParameter.clear();
        constants.clear();
        for (NDManager m : managers.values()) {
            m.close();
        }
        managers.clear();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name()).append("(lr=").append(lr);
        for (Map.Entry<String, Object> e : hyperParameters().entrySet()) {
            sb.append(", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.append(')').toString();
    }

    /** DJL's builder fields are unused: descent optimizers carry their own hyper-parameters. */
    private static final class DjlDefaults extends OptimizerBuilder<DjlDefaults> {
        @Override
        protected DjlDefaults self() {
            return this;
        }
    }
}
