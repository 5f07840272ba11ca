package org.descentlab.train.lockstep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;

import org.descentlab.model.LectureMlp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * K copies of the {@link LectureMlp} as one model: every parameter of the lecture MLP stacked along a
 * new first axis of length K, so that one batched matrix product does the work of K.
 *
 * <pre>
 *   x       [K, B, 784]          model k's own mini-batch
 *   h1      = x  @ W1            [K, B, 75]      (bmm; W1 kept as [K, 784, 75])
 *   BN      on h1 laid out [B, K*75]: one engine batch norm whose K*75 features are each model's
 *           features, so mean, variance and running statistics are per model (running stats [K, 75])
 *   ReLU, dropout mask [B, K*75] (model k's columns are its own mask)
 *   h2      = h1 @ W2            [K, B, 45], BN, ReLU, dropout as above
 *   logits  = h2 @ W3 + b3       [K, B, 10]
 *   loss_k  = -(1/B) sum_i log softmax(logits[k, i])[y[k, i]]      (one per model; backward of their sum)
 * </pre>
 *
 * The gradient of {@code sum_k loss_k} with respect to model k's parameters is the gradient of
 * {@code loss_k} alone, so each model trains as it would alone. Parameter names and order are those of
 * {@link LectureMlp#build()}; a model can be copied in from, and out to, such a block (initialisation,
 * checkpoints). The weights are kept transposed, {@code [K, in, out]} where LectureMlp has
 * {@code [out, in]}: {@code x @ W} then needs no transposed operand, and the backward pass makes each
 * weight's gradient in the weight's own layout, so that it is not copied into it (the products are
 * the same bit for bit). Everything that leaves this class (parameters, optimizer slots in
 * checkpoints) is turned back into LectureMlp's layout ({@link #toModelLayout}).
 */
final class StackedMlp implements AutoCloseable {

    private static final int[] WIDTHS = {LectureMlp.HIDDEN_1, LectureMlp.HIDDEN_2};
    private static final float[] RATES = {LectureMlp.DROPOUT_1, LectureMlp.DROPOUT_2};

    final int k;
    private final NDManager manager;
    /** LectureMlp's parameter names, in its order. */
    private final List<String> names = new ArrayList<>();
    /** Per-model shape of each parameter, as LectureMlp has it. */
    private final List<Shape> shapes = new ArrayList<>();
    /** Whether a parameter is a weight matrix, kept transposed ([K, in, out]). */
    private final List<Boolean> transposed = new ArrayList<>();
    private final List<Boolean> trainable = new ArrayList<>();
    /** Each parameter stacked: [K, shape...], a weight [K, in, out]. */
    private final List<NDArray> stacked = new ArrayList<>();
    private final int w1, g1, b1, rm1, rv1, w2, g2, b2, rm2, rv2, w3, bias3;
    private final ByteBuffer[] maskBytes = new ByteBuffer[2];
    private float[] maskRow;
    /** The current training step's parameter leaves ({@link #startStep}), by parameter index; null outside one. */
    private NDArray[] leaves;

    /** K models with the parameters of {@code blocks} (initialised LectureMlp blocks), in {@code manager}. */
    StackedMlp(List<Block> blocks, NDManager manager) {
        this.k = blocks.size();
        this.manager = manager;
        List<Map<String, float[]>> values = new ArrayList<>();
        for (Block b : blocks) {
            values.add(values(b));
        }
        for (Pair<String, Parameter> p : blocks.get(0).getParameters()) {
            names.add(p.getKey());
            shapes.add(p.getValue().getArray().getShape());
            trainable.add(p.getValue().requiresGradient());
            transposed.add(p.getKey().endsWith("Linear_weight"));
        }
        for (int i = 0; i < names.size(); i++) {
            stacked.add(manager.create(concat(values, i), stackedShape(i)));
        }
        w1 = index("01Linear_weight");
        g1 = index("02BatchNorm1d_gamma");
        b1 = index("02BatchNorm1d_beta");
        rm1 = index("02BatchNorm1d_runningMean");
        rv1 = index("02BatchNorm1d_runningVar");
        w2 = index("05Linear_weight");
        g2 = index("06BatchNorm1d_gamma");
        b2 = index("06BatchNorm1d_beta");
        rm2 = index("06BatchNorm1d_runningMean");
        rv2 = index("06BatchNorm1d_runningVar");
        w3 = index("09Linear_weight");
        bias3 = index("09Linear_bias");
    }

    private int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("the lecture MLP has no parameter " + name + " (it has " + names
                    + "): StackedMlp must follow LectureMlp.build()");
        }
        return i;
    }

    private Shape stackedShape(int i) {
        long[] s = shapes.get(i).getShape();
        return transposed.get(i) ? new Shape(k, s[1], s[0]) : new Shape(k).addAll(shapes.get(i));
    }

    /**
     * Model values of parameter {@code i} in the stacked layout: a weight [out, in] as [in, out],
     * anything else as it is.
     */
    private float[] toStackedLayout(int i, float[] values) {
        return transposed.get(i) ? transpose(values, (int) shapes.get(i).get(0)) : values;
    }

    /** The inverse of {@link #toStackedLayout}: a model's slice of parameter {@code i} in LectureMlp's layout. */
    private float[] toModelLayout(int i, float[] slice) {
        return transposed.get(i) ? transpose(slice, (int) shapes.get(i).get(1)) : slice;
    }

    /** {@code a} read as a row-major matrix of {@code rows} rows, transposed. */
    private static float[] transpose(float[] a, int rows) {
        int cols = a.length / rows;
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    private static Map<String, float[]> values(Block block) {
        Map<String, float[]> v = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            v.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return v;
    }

    /** Parameter {@code i} of every model, one after the other, in the stacked layout. */
    private float[] concat(List<Map<String, float[]>> models, int i) {
        String name = names.get(i);
        int n = models.get(0).get(name).length;
        float[] all = new float[n * models.size()];
        for (int m = 0; m < models.size(); m++) {
            System.arraycopy(toStackedLayout(i, models.get(m).get(name)), 0, all, m * n, n);
        }
        return all;
    }

    /** The trainable stacked parameters, in LectureMlp's order. */
    List<NDArray> trainableArrays() {
        List<NDArray> t = new ArrayList<>();
        for (int i = 0; i < stacked.size(); i++) {
            if (trainable.get(i)) {
                t.add(stacked.get(i));
            }
        }
        return t;
    }

    /**
     * Starts a training step: the forward pass then reads each trainable parameter through a new leaf of
     * the autograd graph that shares its memory ({@code detach().requires_grad_()}), whose gradient after
     * the backward pass is that step's gradient. Returns the leaves in {@link #trainableArrays()}'s order;
     * they belong to the caller's scope, and {@link #endStep()} ends their use.
     *
     * <p>SPEED: a parameter that stays a leaf from step to step gets its gradient added into the previous
     * step's zeroed one (one pass to zero it, three to add, over the first layer's K x 75 x 784 weights);
     * a fresh leaf takes the gradient the backward pass made. The values are the same (0 + x = x; only a
     * gradient of -0.0 now stays -0.0, which moves no parameter other than one that is exactly -0.0).
     */
    List<NDArray> startStep() {
        leaves = new NDArray[stacked.size()];
        List<NDArray> out = new ArrayList<>();
        for (int i = 0; i < stacked.size(); i++) {
            if (trainable.get(i)) {
                leaves[i] = stacked.get(i).stopGradient();
                leaves[i].setRequiresGradient(true);
                out.add(leaves[i]);
            }
        }
        return out;
    }

    /** Ends the training step {@link #startStep()} began. */
    void endStep() {
        leaves = null;
    }

    /** Parameter {@code i} as the current computation uses it: its step leaf in a training step. */
    private NDArray param(int i) {
        return leaves != null && leaves[i] != null ? leaves[i] : stacked.get(i);
    }

    /** The names of {@link #trainableArrays()}. */
    List<String> trainableNames() {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (trainable.get(i)) {
                t.add(names.get(i));
            }
        }
        return t;
    }

    /** Model {@code m}'s parameters by name (all of them, running statistics included), in LectureMlp's layout. */
    Map<String, float[]> parameters(int m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            float[] all = stacked.get(i).toFloatArray();
            int n = all.length / k;
            out.put(names.get(i), toModelLayout(i, Arrays.copyOfRange(all, m * n, (m + 1) * n)));
        }
        return out;
    }

    /** LectureMlp's shape of trainable parameter {@code t} (index into {@link #trainableArrays()}). */
    Shape modelShape(int t) {
        return shapes.get(trainableIndex(t));
    }

    /** Values of trainable parameter {@code t} for one model, from the stacked layout into LectureMlp's. */
    float[] toModelLayoutOfTrainable(int t, float[] slice) {
        return toModelLayout(trainableIndex(t), slice);
    }

    /** Values of trainable parameter {@code t} for one model, from LectureMlp's layout into the stacked one. */
    float[] toStackedLayoutOfTrainable(int t, float[] values) {
        return toStackedLayout(trainableIndex(t), values);
    }

    private int trainableIndex(int t) {
        for (int i = 0, seen = 0; i < names.size(); i++) {
            if (trainable.get(i) && seen++ == t) {
                return i;
            }
        }
        throw new IllegalArgumentException("trainable parameter = " + t + " is invalid: the lecture MLP has "
                + trainableArrays().size());
    }

    /** Copies model {@code m} into {@code block} (a LectureMlp block), in place. */
    void copyTo(int m, Block block) {
        Map<String, float[]> mine = parameters(m);
        for (Pair<String, Parameter> p : block.getParameters()) {
            p.getValue().getArray().set(mine.get(p.getKey()));
        }
    }

    /** Replaces model {@code m}'s parameters by those of {@code block} (a LectureMlp block). */
    void copyFrom(int m, Block block) {
        Map<String, float[]> theirs = values(block);
        for (int i = 0; i < names.size(); i++) {
            float[] all = stacked.get(i).toFloatArray();
            float[] v = theirs.get(names.get(i));
            if (v == null || v.length * k != all.length) {
                throw new IllegalArgumentException("the block has no parameter " + names.get(i) + " of shape "
                        + shapes.get(i) + ": it is not a lecture MLP");
            }
            System.arraycopy(toStackedLayout(i, v), 0, all, m * v.length, v.length);
            stacked.get(i).set(all);
        }
    }

    /**
     * Logits {@code [K, B, 10]} of a training step: x {@code [K, B, 784]}, BatchNorm in training mode
     * (running statistics updated), dropout masks from {@code masks} for (epoch, batch).
     */
    NDArray forwardTrain(NDArray x, DropoutMasks masks, int epoch, int batch) {
        long b = x.getShape().get(1);
        NDArray h = hidden(sideBySide(x.matMul(param(w1)), b, 0), g1, b1, rm1, rv1, 0, b, true, masks, epoch, batch);
        h = hidden(sideBySide(h.matMul(param(w2)), b, 1), g2, b2, rm2, rv2, 1, b, true, masks, epoch, batch);
        return output(h);
    }

    /**
     * Logits {@code [K, B, 10]} in evaluation mode for one shared input x {@code [B, 784]}. The K models
     * see the same images, so the first layer is one matrix product with the K weight matrices side by
     * side, {@code x @ [W1_0, ..., W1_K-1]} (each W1_k [784, 75] as kept here), whose [B, K*75] result is
     * already the layout the batch norm takes: no batched product on K copies of x.
     */
    NDArray forwardEval(NDArray x) {
        long b = x.getShape().get(0);
        NDArray w = param(w1).transpose(1, 0, 2).reshape(LectureMlp.INPUTS, (long) k * WIDTHS[0]); // [784, K*75]
        NDArray h = hidden(x.matMul(w), g1, b1, rm1, rv1, 0, b, false, null, 0, 0);
        h = hidden(sideBySide(h.matMul(param(w2)), b, 1), g2, b2, rm2, rv2, 1, b, false, null, 0, 0);
        return output(h);
    }

    /** {@code [K, B, H]} laid out {@code [B, K*H]}: model k's features of an image together. */
    private NDArray sideBySide(NDArray h, long b, int layer) {
        return h.transpose(1, 0, 2).reshape(b, (long) k * WIDTHS[layer]);
    }

    /**
     * BatchNorm, ReLU and (training) dropout of the pre-activations {@code flat} [B, K*H]; returns the
     * activations as {@code [K, B, H]}.
     */
    private NDArray hidden(NDArray flat, int gamma, int beta, int mean, int var, int layer, long b,
            boolean training, DropoutMasks masks, int epoch, int batch) {
        int width = WIDTHS[layer];
        NDArray n = BatchNorm.batchNorm(flat, param(mean).reshape(-1), param(var).reshape(-1),
                param(gamma).reshape(-1), param(beta).reshape(-1), -1, LectureMlp.DJL_BN_MOMENTUM,
                LectureMlp.BN_EPS, training).singletonOrThrow();
        NDArray a = Activation.relu(n);
        if (training) {
            a = a.mul(mask(masks, layer, epoch, batch, (int) b, width));
        }
        return a.reshape(b, k, width).transpose(1, 0, 2); // [K, B, H]
    }

    private NDArray output(NDArray h) {
        return h.matMul(param(w3)).add(param(bias3).reshape(k, 1, LectureMlp.CLASSES));
    }

    /** The [B, K*H] mask of one dropout layer: model m's columns m*H .. (m+1)*H - 1. */
    private NDArray mask(DropoutMasks masks, int layer, int epoch, int batch, int b, int width) {
        int row = k * width;
        int bytes = b * row * Float.BYTES;
        if (maskBytes[layer] == null || maskBytes[layer].capacity() != bytes) {
            maskBytes[layer] = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        if (maskRow == null || maskRow.length < b * width) {
            maskRow = new float[b * Math.max(WIDTHS[0], WIDTHS[1])];
        }
        FloatBuffer f = maskBytes[layer].clear().asFloatBuffer();
        for (int m = 0; m < k; m++) {
            masks.fill(m, layer, epoch, batch, RATES[layer], b, width, maskRow);
            for (int i = 0; i < b; i++) {
                f.put(i * row + m * width, maskRow, i * width, width);
            }
        }
        return manager.create(maskBytes[layer], new Shape(b, row), DataType.FLOAT32);
    }

    /** Per-model losses [K] of logits [K, B, C] and labels [K, B] (int64), as torch's F.cross_entropy each. */
    static NDArray losses(NDArray logits, NDArray labels) {
        long[] s = logits.getShape().getShape();
        return logits.logSoftmax(2).gather(labels.reshape(s[0], s[1], 1), 2).reshape(s[0], s[1]).mean(new int[] {1}).neg();
    }

    @Override
    public void close() {
        for (NDArray a : stacked) {
            a.close();
        }
    }
}
