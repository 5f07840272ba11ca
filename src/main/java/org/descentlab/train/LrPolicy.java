package org.descentlab.train;

import org.descentlab.schedule.Schedule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the learning rate changes between epochs in {@link Training}: not at all ({@link #fixed()}), by
 * a {@link Schedule} stepped once per epoch ({@link #perEpoch}), or by torch's {@code
 * ReduceLROnPlateau} fed one metric per epoch ({@link #plateau}), as the course notebooks'
 * {@code scheduler_on='valid_acc'} (mode max) or {@code scheduler_on='minibatch_loss'} (mode min, the
 * loss of the epoch's last mini-batch). A {@link org.descentlab.schedule.BatchSizeSchedule} in the
 * config sets the rate itself and goes with {@link #fixed()}.
 */
public sealed interface LrPolicy {

    /** What a plateau scheduler is fed after each epoch. */
    enum PlateauMetric {
        /** Validation accuracy in percent (use with mode max). */
        VALIDATION_ACCURACY,
        /** The loss of the epoch's last mini-batch (use with mode min). */
        LAST_MINIBATCH_LOSS
    }

    /** The optimizer's own rate throughout. */
    record Fixed() implements LrPolicy {
        @Override
        public String describe() {
            return "constant";
        }
    }

    /** A schedule advanced once per epoch (its {@code valueAt(e)} is the rate of epoch {@code e}, 0-based). */
    record PerEpoch(Schedule schedule) implements LrPolicy {
        @Override
        public String describe() {
            return schedule.describe() + " per epoch";
        }
    }

    /**
     * ReduceLROnPlateau with torch-named options ({@code mode}, {@code factor}, {@code patience}, ...;
     * omitted ones take torch's defaults, {@code ReduceLROnPlateau.Settings.TORCH}) fed {@code metric}.
     */
    record Plateau(Map<String, Object> options, PlateauMetric metric) implements LrPolicy {
        public Plateau {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }

        @Override
        public String describe() {
            return "ReduceLROnPlateau" + new TreeMap<>(options) + " on "
                    + (metric == PlateauMetric.VALIDATION_ACCURACY ? "validation accuracy" : "last minibatch loss");
        }
    }

    /** A short description for reports. */
    String describe();

    static LrPolicy fixed() {
        return new Fixed();
    }

    static LrPolicy perEpoch(Schedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null");
        }
        return new PerEpoch(schedule);
    }

    static LrPolicy plateau(Map<String, Object> options, PlateauMetric metric) {
        if (options == null || metric == null) {
            throw new IllegalArgumentException("plateau options and metric must not be null");
        }
        return new Plateau(options, metric);
    }
}
