package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

/**
 * What an optimizer needs from a particular DJL engine beyond the NDArray API. Only one thing today:
 * DJL's PyTorch engine leaves zeroing a parameter's gradient to the optimizer.
 */
interface EngineAdapter {

    /** Zeroes {@code weight}'s gradient if its engine keeps one that the optimizer must clear. */
    void zeroGradient(NDArray weight);

    /** The adapter for the engines descent runs on (PyTorch; a no-op for arrays of other engines). */
    static EngineAdapter standard() {
        return PyTorchAdapter.INSTANCE;
    }
}
