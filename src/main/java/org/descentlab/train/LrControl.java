package org.descentlab.train;

import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.Options;
import org.descentlab.schedule.BatchSizeSchedule;
import org.descentlab.schedule.ReduceLROnPlateau;
import org.descentlab.schedule.ScheduleState;
import org.descentlab.schedule.Scheduler;

import java.util.function.ToDoubleFunction;

/**
 * Learning-rate control between epochs, one of: nothing ({@link LrPolicy.Fixed}), a {@link Scheduler}
 * stepped after each epoch ({@link LrPolicy.PerEpoch}), a {@link ReduceLROnPlateau} fed one metric per
 * epoch ({@link LrPolicy.Plateau}), or a {@link BatchSizeSchedule}'s rate set before each epoch. Its
 * state ({@link #state()}) goes into checkpoints; the batch-size schedule is a pure function of the
 * epoch and has none. {@link Training} keeps one; lockstep training one per model of its group.
 */
public final class LrControl {

    private final DescentOptimizer optimizer;
    private final BatchSizeSchedule batchSizes;
    private final Scheduler scheduler;
    private final ReduceLROnPlateau plateau;
    private final ToDoubleFunction<EpochMetrics> plateauMetric;

    /**
     * @param config the run, whose {@link TrainingConfig#lrPolicy()} and batch-size schedule are followed
     * @param optimizer the optimizer whose rate is controlled
     * @param override replaces the metric the plateau policy names, or {@code null}
     */
    public LrControl(TrainingConfig config, DescentOptimizer optimizer, ToDoubleFunction<EpochMetrics> override) {
        this.optimizer = optimizer;
        this.batchSizes = config.batchSizeSchedule();
        LrPolicy policy = config.lrPolicy();
        this.scheduler = policy instanceof LrPolicy.PerEpoch pe ? Scheduler.perEpoch(pe.schedule(), optimizer) : null;
        if (policy instanceof LrPolicy.Plateau pl) {
            this.plateau = ReduceLROnPlateau.builder(Options.of(pl.options())).build(optimizer);
            this.plateauMetric = override != null ? override
                    : pl.metric() == LrPolicy.PlateauMetric.VALIDATION_ACCURACY
                            ? EpochMetrics::validationAccuracy : EpochMetrics::lastBatchLoss;
        } else {
            this.plateau = null;
            this.plateauMetric = null;
        }
    }

    /** Sets the rate of epoch {@code epoch} (0-based) where a batch-size schedule dictates it; returns the rate. */
    public double beforeEpoch(int epoch) {
        if (batchSizes != null) {
            optimizer.setLr(batchSizes.lrAt(epoch));
        }
        return optimizer.lr();
    }

    /** Steps the scheduler, or feeds the plateau its metric of the epoch just done. */
    public void afterEpoch(EpochMetrics m) {
        if (scheduler != null) {
            scheduler.onEpoch();
        } else if (plateau != null) {
            plateau.step(plateauMetric.applyAsDouble(m));
        }
    }

    /** The scheduler's or plateau's state as bytes; empty when there is none. */
    public byte[] state() {
        return scheduler != null ? scheduler.state().toBytes() : plateau != null ? plateau.state().toBytes() : new byte[0];
    }

    /** Restores {@link #state()}. */
    public void restore(byte[] bytes) {
        if (scheduler != null) {
            scheduler.restore(ScheduleState.fromBytes(bytes));
        } else if (plateau != null) {
            plateau.restore(ScheduleState.fromBytes(bytes));
        }
    }
}
