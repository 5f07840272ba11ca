package org.descentlab.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;

/**
 * The multilayer perceptron of the lecture's MNIST notebooks (STAT 453 L12, {@code batchsize-64.ipynb},
 * {@code adam.ipynb}, ...):
 *
 * <pre>
 *   784 -&gt; Linear(75, bias=False) -&gt; BatchNorm1d(75) -&gt; ReLU -&gt; Dropout(0.5)
 *       -&gt; Linear(45, bias=False) -&gt; BatchNorm1d(45) -&gt; ReLU -&gt; Dropout(0.3)
 *       -&gt; Linear(10)                                     (logits; loss: cross-entropy)
 * </pre>
 *
 * <p>Trainable parameters: {@code 784*75 + 2*75 + 75*45 + 2*45 + 45*10 + 10 = 62,875} (each BatchNorm has
 * gamma and beta; its running mean and variance are DJL parameters too, but not trainable).
 *
 * <p>BatchNorm as torch's {@code BatchNorm1d(momentum=0.1, eps=1e-5)} ({@link BatchNorm1d}: the engine's
 * batch norm, without the axis swaps of DJL's block, bit-identical to it); dropout as torch's
 * {@code nn.Dropout(p)} ({@link InvertedDropout}: the same keep probability and scaling, with the mask
 * drawn by {@code uniform_} instead of the much slower {@code bernoulli_}). The constants below give
 * the BatchNorm momentum in both conventions: torch's {@code running = (1 - 0.1) * running + 0.1 *
 * batch}, and DJL's (MXNet's) weight of the old running value, {@value #DJL_BN_MOMENTUM}.
 *
 * <p>Initialisation: every Linear weight and bias from torch's default, {@code U(-1/sqrt(fan_in),
 * 1/sqrt(fan_in))} ({@link TorchLinearInit}), drawn from the engine's generator (seed it before
 * {@code initialize}; the lecture seed is 123); BatchNorm gamma = 1, beta = 0, running mean 0,
 * running variance 1, as in torch.
 */
public final class LectureMlp {

    /** Input features: 28 x 28 pixels. */
    public static final int INPUTS = 784;
    /** First hidden layer. */
    public static final int HIDDEN_1 = 75;
    /** Second hidden layer. */
    public static final int HIDDEN_2 = 45;
    /** Classes. */
    public static final int CLASSES = 10;
    /** Dropout after the first hidden layer. */
    public static final float DROPOUT_1 = 0.5f;
    /** Dropout after the second hidden layer. */
    public static final float DROPOUT_2 = 0.3f;
    /** torch's BatchNorm momentum (weight of the new batch statistics). */
    public static final float TORCH_BN_MOMENTUM = 0.1f;
    /** The same in DJL's convention (weight of the old running value). */
    public static final float DJL_BN_MOMENTUM = 1 - TORCH_BN_MOMENTUM;
    /** BatchNorm epsilon, torch's default. */
    public static final float BN_EPS = 1e-5f;
    /** The lecture's random seed. */
    public static final long SEED = 123;

    private LectureMlp() {}

    /** A new, uninitialised block; initialise it with an input shape {@code (B, 784)}. */
    public static SequentialBlock build() {
        SequentialBlock net = new SequentialBlock();
        net.add(linear(HIDDEN_1, INPUTS, false));
        net.add(batchNorm());
        net.add(Activation::relu);
        net.add(new InvertedDropout(DROPOUT_1));
        net.add(linear(HIDDEN_2, HIDDEN_1, false));
        net.add(batchNorm());
        net.add(Activation::relu);
        net.add(new InvertedDropout(DROPOUT_2));
        net.add(linear(CLASSES, HIDDEN_2, true));
        return net;
    }

    private static Block linear(int units, int fanIn, boolean bias) {
        Linear l = Linear.builder().setUnits(units).optBias(bias).build();
        l.setInitializer(new TorchLinearInit(fanIn), Parameter.Type.WEIGHT);
        if (bias) {
            l.setInitializer(new TorchLinearInit(fanIn), Parameter.Type.BIAS);
        }
        return l;
    }

    private static Block batchNorm() {
        return new BatchNorm1d(TORCH_BN_MOMENTUM, BN_EPS);
    }

    /** The input shape for a batch of {@code batchSize} images. */
    public static Shape inputShape(long batchSize) {
        return new Shape(batchSize, INPUTS);
    }

    /** Cross-entropy on logits with integer labels, averaged over the batch (torch's {@code F.cross_entropy}). */
    public static Loss loss() {
        return new CrossEntropyLoss("cross_entropy");
    }

    /** The number of trainable parameters (those that get a gradient) of an initialised block. */
    public static long trainableParameterCount(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    /** {@code 784*75 + 2*75 + 75*45 + 2*45 + 45*10 + 10}. */
    public static long expectedTrainableParameterCount() {
        return (long) INPUTS * HIDDEN_1 + 2L * HIDDEN_1 + (long) HIDDEN_1 * HIDDEN_2 + 2L * HIDDEN_2
                + (long) HIDDEN_2 * CLASSES + CLASSES;
    }
}
