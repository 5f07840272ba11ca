package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

import org.descentlab.util.Check;

import java.util.Map;

/** The checks of {@link DescentOptimizer#step(Map, Map)}'s arguments. */
final class StepArguments {

    private StepArguments() {}

    /** Checks that names, shapes and data types of parameters and gradients agree. */
    static void checkMatching(Map<String, NDArray> params, Map<String, NDArray> grads) {
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

    /** Checks a snapshot against the parameters it is restored for: the same names and slot shapes. */
    static void checkRestorable(OptimizerState saved, Map<String, NDArray> params) {
        if (!saved.params().keySet().equals(params.keySet())) {
            throw new IllegalArgumentException(
                    "the saved state is for parameters " + saved.params().keySet()
                            + " but these are " + params.keySet());
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            for (Map.Entry<String, OptimizerState.Slot> slot : saved.params().get(e.getKey()).slots().entrySet()) {
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
}
