package org.descentlab.train;

/**
 * How many PyTorch intra-op threads a CPU training run uses. The lecture MLP is small (63k
 * parameters): at small batches each operation is too short for a second thread to pay for its
 * synchronisation, and on a 2-core machine shared with other work a second thread made batch-64 epochs
 * erratic (project notes). Measured per-epoch times on this machine are in the {@code train} package
 * notes of the final report; the rule: 1 thread up to B = 256, otherwise up to 2 (never more than the
 * cores).
 */
public final class ThreadPolicy {

    /** Largest batch that still runs on one thread. */
    public static final int SINGLE_THREAD_MAX_BATCH = 256;

    private ThreadPolicy() {}

    /** Intra-op threads for mini-batches of {@code batchSize}. */
    public static int forBatchSize(int batchSize) {
        int cores = Runtime.getRuntime().availableProcessors();
        return batchSize <= SINGLE_THREAD_MAX_BATCH ? 1 : Math.max(1, Math.min(2, cores));
    }
}
