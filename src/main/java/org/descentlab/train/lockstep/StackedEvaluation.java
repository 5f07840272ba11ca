package org.descentlab.train.lockstep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.dataset.Batch;

import org.descentlab.data.MnistBatches;
import org.descentlab.data.MnistData;

/** The accuracy of every model of a stacked group on one data set, all K in one pass (eval mode). */
final class StackedEvaluation {

    /** Images per evaluation batch (no gradients, so it only affects speed). */
    private static final int EVAL_BATCH = 1000;

    private StackedEvaluation() {}

    /** Percent of {@code data} each model of {@code model} classifies correctly, in eval mode. */
    static double[] accuracy(StackedMlp model, NDManager manager, MnistData data) {
        long[] correct = new long[model.k];
        MnistBatches eval = MnistBatches.evaluation(data, Math.min(EVAL_BATCH, data.count()));
        for (Batch batch : eval.epoch(manager, 0)) {
            try (batch; NDScope scope = new NDScope()) {
                NDArray logits = model.forwardEval(batch.getData().singletonOrThrow()); // [K, B, 10]
                NDArray labels = batch.getLabels().singletonOrThrow();
                long[] c = logits.argMax(2).eq(labels.reshape(1, -1)).sum(new int[] {1}).toLongArray();
                for (int m = 0; m < c.length; m++) {
                    correct[m] += c[m];
                }
            }
        }
        double[] pct = new double[model.k];
        for (int m = 0; m < pct.length; m++) {
            pct[m] = 100.0 * correct[m] / data.count();
        }
        return pct;
    }
}
