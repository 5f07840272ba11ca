package org.descentlab.train.lockstep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;

import org.descentlab.optim.DescentOptimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The update of a lockstep group whose models may follow different rules (in the lecture table, Adam,
 * AdamW, AdaBelief and SGD with momentum at B 256 train as one group): the models fall into segments,
 * maximal runs of consecutive models with the same optimizer and hyper-parameters but lr, and each
 * segment's {@link StackedOptimizer} updates its models' slices of the stacked parameters in place
 * (views, no copies). A model's update depends on its own slice alone, so it is the same in any group.
 */
final class GroupOptimizer {

    /** Models {@code from} (inclusive) to {@code to} (exclusive), updated by {@code rule}. */
    private record Segment(int from, int to, StackedOptimizer rule) {}

    private final List<Segment> segments = new ArrayList<>();
    private final int k;

    /** The rule of each model's library optimizer ({@code holders}, one per model) for {@code params} [K, ...]. */
    GroupOptimizer(List<DescentOptimizer> holders, List<NDArray> params) {
        this.k = holders.size();
        int from = 0;
        for (int m = 1; m <= k; m++) {
            if (m == k || !sameRule(holders.get(from), holders.get(m))) {
                if (from == 0 && m == k) { // one rule for the whole group
                    segments.add(new Segment(0, k, StackedOptimizer.of(holders.get(0), params)));
                    break;
                }
                List<NDArray> slices = new ArrayList<>();
                for (NDArray p : params) {
                    slices.add(p.get(new NDIndex("{}:{}", from, m))); // for the slots' shapes only
                }
                segments.add(new Segment(from, m, StackedOptimizer.of(holders.get(from), slices)));
                slices.forEach(NDArray::close);
                from = m;
            }
        }
    }

    private static boolean sameRule(DescentOptimizer a, DescentOptimizer b) {
        return a.name().equals(b.name()) && a.hyperParameters().equals(b.hyperParameters());
    }

    private Segment segmentOf(int m) {
        for (Segment s : segments) {
            if (m >= s.from() && m < s.to()) {
                return s;
            }
        }
        throw new IllegalArgumentException("model = " + m + " is invalid: must be in [0, " + (k - 1) + "]");
    }

    /** One update of every model, model m at rate {@code lr[m]}; gradients are read, not changed. */
    void step(List<NDArray> params, List<NDArray> grads, double[] lr, NDManager manager) {
        if (segments.size() == 1) {
            segments.get(0).rule().step(params, grads, lr, manager);
            return;
        }
        try (NDScope scope = new NDScope()) {
            for (Segment s : segments) {
                List<NDArray> p = new ArrayList<>();
                List<NDArray> g = new ArrayList<>();
                for (int i = 0; i < params.size(); i++) { // views: the in-place update reaches the stacked array
                    p.add(params.get(i).get(new NDIndex("{}:{}", s.from(), s.to())));
                    g.add(grads.get(i).get(new NDIndex("{}:{}", s.from(), s.to())));
                }
                s.rule().step(p, g, Arrays.copyOfRange(lr, s.from(), s.to()), manager);
            }
        }
    }

    /** The names of model m's optimizer slots (as its library optimizer names them). */
    List<String> slotNames(int m) {
        return segmentOf(m).rule().slotNames();
    }

    /** Model m's values of slot {@code name} of trainable parameter {@code i}. */
    float[] slot(int i, String name, int m) {
        Segment s = segmentOf(m);
        float[] all = s.rule().slot(i, name).toFloatArray();
        int n = all.length / (s.to() - s.from());
        return Arrays.copyOfRange(all, (m - s.from()) * n, (m - s.from() + 1) * n);
    }

    /** Replaces model m's values of slot {@code name} of trainable parameter {@code i}. */
    void setSlot(int i, String name, int m, float[] values) {
        Segment s = segmentOf(m);
        NDArray stacked = s.rule().slot(i, name);
        float[] all = stacked.toFloatArray();
        if (values.length * (s.to() - s.from()) != all.length) {
            throw new IllegalArgumentException("slot " + name + " of parameter " + i + " has " + values.length
                    + " values; model " + m + "'s slice has " + all.length / (s.to() - s.from()));
        }
        System.arraycopy(values, 0, all, (m - s.from()) * values.length, values.length);
        stacked.set(all);
    }

    /** Lets each segment's fused CPU loops take over where they apply (the default) or not. */
    void fused(boolean on) {
        segments.forEach(s -> s.rule().fused(on));
    }

    /** Steps taken (each model's update count; the models step together). */
    long steps() {
        return segments.get(0).rule().steps();
    }

    /** Continues after {@code steps} updates (slots already filled). */
    void resumeAt(long steps) {
        segments.forEach(s -> s.rule().resumeAt(steps));
    }

    void close() {
        segments.forEach(s -> s.rule().close());
    }
}
