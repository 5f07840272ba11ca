package org.descentlab.train.lockstep;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.FloatBuffer;

/**
 * SPEED: {@link StackedOptimizer}'s element-wise rules as single Java loops over the tensors' own CPU
 * memory, for contiguous float32 CPU tensors. The engine rule makes about a dozen passes over each array
 * (one per op, most with a fresh temporary) and is memory-bound; these make three (moments, the engine's
 * sqrt, step). {@code bin/bench-fused-optimizer} (K = 12, lecture MLP shapes, one intra-op thread, on a
 * shared, loaded 2-core machine) printed {@code ratio optimizer fused/engine = 0.52} for the lecture
 * table's group of twelve (median 3.1 ms against 6.0 ms) and 0.56 for one Adam segment of twelve.
 *
 * <p>The op-by-op engine rules in {@link StackedOptimizer} are the reference. These loops do the same
 * float32 operations in the same order: each Java float operation rounds to float32 as each engine op
 * does; the engine turns a double scalar into float32 by rounding to nearest, as {@code (float)} does; its
 * sums are {@code a + 1 * b} and its differences {@code a + (-1) * b}, exact rewrites of {@code a + b}
 * and {@code a - b}. So the results are the engine's bit for bit, signed zeros, infinities and NaNs
 * included (FusedUpdateTest). The square root stays the engine's: its float sqrt is not always correctly
 * rounded, Java's is (with Java's, FusedUpdateTest fails).
 *
 * <p>The buffers are {@link NDArray#toByteBuffer(boolean) toByteBuffer(true)} of contiguous tensors:
 * direct buffers over {@code data_ptr()} (the storage offset of a view included) of {@code numel * 4}
 * bytes, no copy, writable. For a non-contiguous tensor that call returns a copy, where writes would be
 * lost: hence the contiguity check, which DJL does not make public. Model k's elements are
 * {@code [k n, (k + 1) n)} of each.
 */
final class FusedUpdate {

    /** {@code PyTorchLibrary.torchIsContiguous(long)}, not public in DJL; null if unreachable (then no fused path). */
    private static final MethodHandle IS_CONTIGUOUS = contiguityCheck();

    private FusedUpdate() {}

    private static MethodHandle contiguityCheck() {
        try {
            Class<?> lib = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
            Field instance = lib.getDeclaredField("LIB");
            instance.setAccessible(true);
            Method m = lib.getDeclaredMethod("torchIsContiguous", long.class);
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m).bindTo(instance.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether every array is a dense, contiguous float32 CPU PyTorch tensor with as many elements as the first. */
    static boolean fits(NDArray... arrays) {
        if (IS_CONTIGUOUS == null) {
            return false;
        }
        long size = arrays[0].size();
        for (NDArray a : arrays) {
            if (!(a instanceof PtNDArray p) || p.getDataType() != DataType.FLOAT32 || p.size() != size
                    || !Device.cpu().equals(p.getDevice()) || JniUtils.getLayout(p) != 0 || !contiguous(p)) {
                return false;
            }
        }
        return size <= Integer.MAX_VALUE / Float.BYTES;
    }

    private static boolean contiguous(PtNDArray a) {
        long handle = a.getHandle();
        try {
            return (boolean) IS_CONTIGUOUS.invokeExact(handle);
        } catch (Throwable e) {
            return false;
        }
    }

    /** The tensor's own memory (only for arrays that {@link #fits}). */
    static FloatBuffer floats(NDArray a) {
        return a.toByteBuffer(true).asFloatBuffer();
    }

    /**
     * {@code StackedOptimizer.sgd}: {@code g = grad + w wd} if {@code decay}; with a buffer b (else d = g),
     * {@code b = 0 + g} on the first step, else {@code b = b momentum + (dampen ? g oneMinusDampening : g)};
     * {@code d = nesterov ? g + b momentum : b}; {@code w = w - d lr[k]}.
     */
    static void sgd(FloatBuffer w, FloatBuffer grad, FloatBuffer b, float[] lr, boolean decay, float wd,
            float momentum, boolean first, boolean dampen, float oneMinusDampening, boolean nesterov) {
        int n = w.capacity() / lr.length;
        for (int k = 0, i = 0; k < lr.length; k++) {
            float rate = lr[k];
            for (int end = i + n; i < end; i++) {
                float wi = w.get(i);
                float g = grad.get(i);
                if (decay) {
                    g = g + wi * wd;
                }
                float d = g;
                if (b != null) {
                    float bi = first ? b.get(i) + g : b.get(i) * momentum + (dampen ? g * oneMinusDampening : g);
                    b.put(i, bi);
                    d = nesterov ? g + bi * momentum : bi;
                }
                w.put(i, wi - d * rate);
            }
        }
    }

    /**
     * Adam's moments, {@code g = grad + w wd} if {@code coupled}: {@code m = (m - g) beta1 + g},
     * {@code v = v beta2 + g g oneMinusBeta2}.
     */
    static void adamMoments(FloatBuffer w, FloatBuffer grad, FloatBuffer m, FloatBuffer v, boolean coupled, float wd,
            float beta1, float beta2, float oneMinusBeta2) {
        int size = m.capacity();
        for (int i = 0; i < size; i++) {
            float g = grad.get(i);
            if (coupled) {
                g = g + w.get(i) * wd;
            }
            m.put(i, (m.get(i) - g) * beta1 + g);
            v.put(i, v.get(i) * beta2 + g * g * oneMinusBeta2);
        }
    }

    /**
     * AdaBelief's moments, {@code g = grad + w wd} if {@code coupled}: {@code m = m beta1 + g oneMinusBeta1},
     * {@code v = v beta2 + (g - m)(g - m) oneMinusBeta2}, then {@code v = v + epsRoot} if {@code addEpsRoot}.
     */
    static void adaBeliefMoments(FloatBuffer w, FloatBuffer grad, FloatBuffer m, FloatBuffer v, boolean coupled,
            float wd, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, boolean addEpsRoot,
            float epsRoot) {
        int size = m.capacity();
        for (int i = 0; i < size; i++) {
            float g = grad.get(i);
            if (coupled) {
                g = g + w.get(i) * wd;
            }
            float mi = m.get(i) * beta1 + g * oneMinusBeta1;
            m.put(i, mi);
            float belief = g - mi;
            float vi = v.get(i) * beta2 + belief * belief * oneMinusBeta2;
            if (addEpsRoot) {
                vi = vi + epsRoot;
            }
            v.put(i, vi);
        }
    }

    /**
     * The folded adaptive step with the engine's {@code root = sqrt(v)}: {@code w = w decay[k]} if
     * {@code decay} is not null (decoupled weight decay), then {@code w = w - (m / (root + eps)) rate[k]}.
     */
    static void adaptiveStep(FloatBuffer w, FloatBuffer m, FloatBuffer root, float eps, float[] rate, float[] decay) {
        int n = w.capacity() / rate.length;
        for (int k = 0, i = 0; k < rate.length; k++) {
            float r = rate[k];
            float keep = decay != null ? decay[k] : 1;
            for (int end = i + n; i < end; i++) {
                float wi = w.get(i);
                if (decay != null) {
                    wi = wi * keep;
                }
                w.put(i, wi - m.get(i) / (root.get(i) + eps) * r);
            }
        }
    }
}
