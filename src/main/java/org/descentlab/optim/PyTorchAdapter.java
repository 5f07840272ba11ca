package org.descentlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** PyTorch's side of {@link EngineAdapter}: gradients are zeroed through PyTorch's JNI. */
final class PyTorchAdapter implements EngineAdapter {

    static final PyTorchAdapter INSTANCE = new PyTorchAdapter();

    private PyTorchAdapter() {}

    @Override
    public void zeroGradient(NDArray weight) {
        if (weight instanceof PtNDArray pt && weight.hasGradient()) {
            JniUtils.zeroGrad(pt);
        }
    }
}
