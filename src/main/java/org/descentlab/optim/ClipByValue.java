package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Clamps every gradient entry to {@code [-clip_value, clip_value]}, as
 * {@code torch.nn.utils.clip_grad_value_} (CTU DLE L7, slide "Optimizers summary", lists gradient clipping).
 * Entries are clipped independently, so the direction of the step can change; each parameter can be
 * clipped on its own, which also works inside a DJL {@code Trainer}. NaN entries stay NaN (as torch).
 */
public final class ClipByValue implements GradientClipping {

    private final double clipValue;

    /** @param clipValue the largest allowed absolute entry, a finite number {@code > 0} */
    public ClipByValue(double clipValue) {
        this.clipValue = Check.positive("clip_value", clipValue);
    }

    /** The largest allowed absolute entry. */
    public double clipValue() {
        return clipValue;
    }

    @Override
    public Map<String, NDArray> clip(Map<String, NDArray> gradients) {
        Check.notNull("gradients", gradients);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : gradients.entrySet()) {
            out.put(e.getKey(), clipOne(Check.notNull("gradients['" + e.getKey() + "']", e.getValue())));
        }
        return out;
    }

    @Override
    public void clipInPlace(Iterable<NDArray> gradients) {
        Check.notNull("gradients", gradients);
        for (NDArray g : gradients) {
            try (NDArray above = g.gt(clipValue); NDArray below = g.lt(-clipValue)) {
                g.set(above, clipValue);
                g.set(below, -clipValue);
            }
        }
    }

    @Override
    public boolean isPerParameter() {
        return true;
    }

    @Override
    public NDArray clipOne(NDArray gradient) {
        return gradient.clip(-clipValue, clipValue);
    }

    @Override
    public String toString() {
        return "ClipByValue(clip_value=" + clipValue + ")";
    }
}
