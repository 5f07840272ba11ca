package org.descentlab.train;

/**
 * How many PyTorch intra-op threads a CPU training run uses. The lecture MLP is small (63k
 * parameters), so each operation is short and a second thread buys little; on a 2-core machine shared
 * with other work it can stall a run badly. Measured on this 2-core machine (shared with two other
 * builds, load about 4), seconds per full epoch of Adam (54000 images + evaluation of 16000;
 * {@code org.descentlab.bench.EpochTimeBenchmark}), second epoch:
 *
 * <pre>
 *   B      1 thread   2 threads
 *   64     1.62       64.89  (erratic: 4.99 in the first epoch)
 *   256    1.10        1.04
 *   1024   0.88        0.72  (but 1.4 s for 4 batches in a quick run: erratic too)
 * </pre>
 *
 * Rule: 1 thread up to B = 1024; 2 (at most the cores) only above. Set {@link TrainingConfig#threads()}
 * to override.
 */
public final class ThreadPolicy {

    /** Largest batch that still runs on one thread. */
    public static final int SINGLE_THREAD_MAX_BATCH = 1024;

    private ThreadPolicy() {}

    /** Intra-op threads for mini-batches of {@code batchSize}. */
    public static int forBatchSize(int batchSize) {
        int cores = Runtime.getRuntime().availableProcessors();
        return batchSize <= SINGLE_THREAD_MAX_BATCH ? 1 : Math.max(1, Math.min(2, cores));
    }
}
