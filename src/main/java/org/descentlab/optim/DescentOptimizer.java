package org.descentlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>The work is shared out: {@link ParameterStates} keeps the state per parameter and device and
 * restores snapshots, {@link LearningRate} the rate, {@link ConstantCache} the scalar arrays of
 * {@link #constant}, {@link EngineAdapter} what is engine-specific.
 */
public abstract class DescentOptimizer extends Optimizer implements AutoCloseable {

    private final HyperValues hyper;
    private final LearningRate lr;
    private final ParameterStates states = new ParameterStates();
    private final ConstantCache constants = new ConstantCache(states::managerFor);
    private final Map<String, Double> scalars = new TreeMap<>();
    private final EngineAdapter engine = EngineAdapter.standard();
    private GradientClipping clipping;

    /** For an optimizer built from its {@link HyperParameters} declaration by a {@link HyperBuilder}. */
    protected DescentOptimizer(HyperValues hyper) {
        super(new DjlDefaults());
        this.hyper = hyper;
        this.lr = new LearningRate(hyper.get(hyper.declaration().lr()));
    }

    /** The value of the declared hyper-parameter {@code p} this optimizer was built with. */
    protected final <T> T hyper(HyperParameter<T> p) {
        return hyper.get(p);
    }

    /** The declaration of this optimizer's hyper-parameters. */
    final HyperParameters declaration() {
        return hyper.declaration();
    }

    /**
     * The optimizer's name as shown in tables, legends and saved state, e.g. {@code Adam}: the owner of
     * its {@link HyperParameters} declaration.
     */
    public String name() {
        return declaration().owner();
    }

    /**
     * The hyper-parameters other than {@code lr}, in torch's names, in a stable order. Saved with the
     * state and compared on restore; also shown by {@link #toString()}.
     */
    public Map<String, Object> hyperParameters() {
        return hyper.shown();
    }

    /**
     * The validated hyper-parameter values, typed, for an optimizer built from its declaration; empty for
     * one that keeps its hyper-parameters itself.
     */
    public Optional<HyperValues> hyperValues() {
        return Optional.ofNullable(hyper);
    }

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
        return lr.get();
    }

    /** Sets the learning rate (what a schedule does between steps). */
    public void setLr(double lr) {
        this.lr.set(lr);
    }

    /**
     * Takes the learning rate from a DJL tracker, asked with the parameter's 1-based step count, as
     * DJL's own optimizers do. {@code null} returns to the plain {@link #lr()} value.
     */
    public DescentOptimizer setLrTracker(ParameterTracker tracker) {
        lr.setTracker(tracker);
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
        engine.zeroGradient(weight);
    }

    /**
     * One step on named parameters: {@code params} and {@code grads} must have the same names and each
     * gradient the shape of its parameter. Parameters are updated in place; gradients are untouched
     * (a {@linkplain #setClipping clipping rule} works on copies).
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads) {
        checkMatching(params, grads);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> clipped = clipping == null ? grads : clipping.clip(grads);
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                applyOne(e.getKey(), e.getValue(), clipped.get(e.getKey()), false);
            }
        }
    }

    /** Checks that names and shapes of parameters and gradients agree. */
    protected static void checkMatching(Map<String, NDArray> params, Map<String, NDArray> grads) {
        StepArguments.checkMatching(params, grads);
    }

    private void applyOne(String parameterId, NDArray weight, NDArray grad, boolean clipHere) {
        ParamState state = states.stateFor(parameterId, weight);
        state.advance();
        double lrNow = lr.at(parameterId, state.step());
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            apply(state, weight, clipHere ? clipping.clipOne(grad) : grad, lrNow);
        }
    }

    /**
     * {@code value} as a float64 0-dim array on {@code like}'s device, for arithmetic such as
     * {@code m.muli(constant(beta1, m))}: the same numbers as {@code m.muli(beta1)} without creating a
     * scalar array per operation (see {@link ConstantCache}). Freed by {@link #close()}.
     */
    protected final NDArray constant(double value, NDArray like) {
        return constants.of(value, like);
    }

    /**
     * {@code g = grad + weight_decay * w}, a new array ({@code grad} itself when {@code weightDecay} is 0):
     * coupled L2 decay, which enters the gradient (torch's {@code weight_decay}).
     */
    protected final NDArray coupledDecay(NDArray grad, NDArray w, double weightDecay) {
        return weightDecay != 0 ? grad.add(w.mul(constant(weightDecay, w))) : grad;
    }

    /**
     * The gradient after weight decay, placed as the optimizer declares it: decoupled (AdamW), the weights
     * shrink in place, {@code w = w - lr * weight_decay * w}, and {@code grad} is returned unchanged;
     * coupled, {@link #coupledDecay}.
     */
    protected final NDArray decay(NDArray grad, NDArray w, double weightDecay, boolean decoupled, double lr) {
        if (!decoupled) {
            return coupledDecay(grad, w, weightDecay);
        }
        if (weightDecay != 0) {
            w.muli(constant(1 - lr * weightDecay, w));
        }
        return grad;
    }

    /**
     * {@code avg = beta * avg + (1 - beta) * x}, in place: the exponential moving average of the momentum
     * and adaptive-rate slides; returns {@code avg}.
     */
    protected final NDArray ema(NDArray avg, NDArray x, double beta) {
        return avg.muli(constant(beta, avg)).addi(x.mul(constant(1 - beta, avg)));
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
        return new OptimizerState(name(), hyperStrings(), lr.get(), scalars, states.snapshot());
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
        states.restoreLater(saved);
        scalars.clear();
        scalars.putAll(saved.scalars());
        lr.set(saved.learningRate());
    }

    /**
     * Restores a snapshot and checks at once that it holds state for exactly these parameters, with
     * their shapes.
     */
    public void restore(OptimizerState saved, Map<String, NDArray> params) {
        Check.notNull("params", params);
        restore(saved);
        StepArguments.checkRestorable(saved, params);
    }

    private Map<String, String> hyperStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        hyperParameters().forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** Frees every state buffer. The optimizer can be used again afterwards, starting from scratch. */
    @Override
    public void close() {
        constants.clear();
        states.close();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name()).append("(lr=").append(lr.get());
        hyperParameters().forEach((k, v) -> sb.append(", ").append(k).append('=').append(v));
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
