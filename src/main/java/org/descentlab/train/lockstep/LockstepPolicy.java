package org.descentlab.train.lockstep;

/**
 * Where lockstep seeds pay: the batch sizes and group sizes K at which K stacked models cost less per
 * model than separate runs, as {@code bin/bench-lockstep} measures them (per-model time lockstep/separate
 * per B and K; docs/performance.md gives the figures and the load they were measured at). At B 64 a step
 * is dominated by per-operation overhead, which lockstep shares between the K models; the gain shrinks
 * as B grows and the arithmetic, which lockstep does not reduce, is more of a step. B 1024 seeds train
 * alone although three of them in lockstep now measure about 0.8 of separate runs: grouping them would
 * change the dropout masks of the published table's batchsize-1024 rows (docs/performance.md).
 */
public final class LockstepPolicy {

    /** Largest batch size at which two seeds train in lockstep. */
    public static final int MAX_BATCH_PAIR = 128;
    /** Largest batch size at which three or more seeds train in lockstep. */
    public static final int MAX_BATCH = 256;

    private LockstepPolicy() {}

    /**
     * Whether K models (the seeds of a run, or of runs that differ only in optimizer or rate) at batch size
     * {@code batchSize} should train in lockstep.
     */
    public static boolean pays(int batchSize, int k) {
        return k >= 2 && batchSize <= MAX_BATCH_PAIR || k >= 3 && batchSize <= MAX_BATCH;
    }

    /** The measured per-model time of lockstep relative to a separate run, roughly (for scheduling only). */
    public static double costFactor(int batchSize) {
        return batchSize <= MAX_BATCH_PAIR ? 0.45 : 0.55;
    }
}
