package org.descentlab.schedule;

import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.Options;
import org.descentlab.util.Check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reduce the rate when a metric stops improving, torch's {@code ReduceLROnPlateau} (STAT 453 L12's
 * {@code scheduler.step(valid_acc)} with {@code mode='max'}; He et al.: "divided by 10 when the error
 * plateaus"). Not a {@link Schedule}: it depends on the metrics it is fed, one per epoch via {@link
 * #step(double)}.
 *
 * <p>Per epoch, as torch: the metric is better than the best so far if {@code a < best * (1 -
 * threshold)} (min, rel), {@code a < best - threshold} (min, abs), {@code a > best * (1 + threshold)}
 * (max, rel) or {@code a > best + threshold} (max, abs); otherwise it is a bad epoch. During cooldown
 * bad epochs are not counted. When more than {@code patience} bad epochs have accumulated the rate
 * becomes {@code max(lr * factor, min_lr)} (unless that changes it by no more than {@code eps}), the
 * cooldown starts and the bad-epoch count resets.
 *
 * <p>It drives a {@link DescentOptimizer}'s rate (reading the optimizer's current rate when it
 * reduces, as torch reads {@code param_group['lr']}) or works standalone ({@link #lr()}). Epochs are
 * counted from 1 (torch's {@code last_epoch} after the first {@code step}); {@link #events()} lists
 * the epochs at which the rate was reduced. Differences from torch: a NaN metric is an error (torch
 * counts it as a bad epoch); one parameter group, so one {@code min_lr}.
 */
public final class ReduceLROnPlateau {

    /** Whether smaller or larger metrics are better. */
    public enum Mode {
        /** Loss-like metrics. */
        MIN,
        /** Accuracy-like metrics. */
        MAX;

        /** Parses torch's spelling ({@code min}, {@code max}). */
        public static Mode parse(String name) {
            Check.notNull("mode", name);
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "min" -> MIN;
                case "max" -> MAX;
                default -> throw new IllegalArgumentException("mode = '" + name + "' is invalid: must be min or max");
            };
        }
    }

    /** How {@code threshold} is applied. */
    public enum ThresholdMode {
        /** Relative to the best value. */
        REL,
        /** An absolute margin. */
        ABS;

        /** Parses torch's spelling ({@code rel}, {@code abs}). */
        public static ThresholdMode parse(String name) {
            Check.notNull("threshold_mode", name);
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "rel" -> REL;
                case "abs" -> ABS;
                default -> throw new IllegalArgumentException(
                        "threshold_mode = '" + name + "' is invalid: must be rel or abs");
            };
        }
    }

    static final String TYPE = "ReduceLROnPlateau";

    private final DescentOptimizer optimizer;
    private final Mode mode;
    private final double factor;
    private final long patience;
    private final double threshold;
    private final ThresholdMode thresholdMode;
    private final long cooldown;
    private final double minLr;
    private final double eps;

    private double lr;
    private double best;
    private long numBadEpochs;
    private long cooldownCounter;
    private long epoch;
    private final List<Long> events = new ArrayList<>();

    private ReduceLROnPlateau(Builder b, DescentOptimizer optimizer, double lr) {
        this.optimizer = optimizer;
        this.mode = b.mode;
        this.factor = b.factor;
        this.patience = b.patience;
        this.threshold = b.threshold;
        this.thresholdMode = b.thresholdMode;
        this.cooldown = b.cooldown;
        this.minLr = b.minLr;
        this.eps = b.eps;
        this.lr = lr;
        this.best = worst();
    }

    /** A builder with torch's defaults: min, factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, min_lr 0, eps 1e-8. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder from torch-named options: {@code mode}, {@code factor}, {@code patience}, {@code
     * threshold}, {@code threshold_mode}, {@code cooldown}, {@code min_lr}, {@code eps}. Unknown names
     * are rejected.
     */
    public static Builder builder(Options o) {
        Builder b = new Builder()
                .mode(Mode.parse(o.getString("mode", "min")))
                .factor(o.getDouble("factor", 0.1))
                .patience(o.getLong("patience", 10))
                .threshold(o.getDouble("threshold", 1e-4))
                .thresholdMode(ThresholdMode.parse(o.getString("threshold_mode", "rel")))
                .cooldown(o.getLong("cooldown", 0))
                .minLr(o.getDouble("min_lr", 0))
                .eps(o.getDouble("eps", 1e-8));
        return b;
    }

    private double worst() {
        return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Records one epoch's metric and reduces the rate if it has plateaued.
     *
     * @param metric the epoch's metric, not NaN
     * @return whether the rate was reduced at this epoch
     */
    public boolean step(double metric) {
        if (Double.isNaN(metric)) {
            throw new IllegalArgumentException(
                    "metric = NaN is invalid at epoch " + (epoch + 1)
                            + ": must be a number (did the training diverge?)");
        }
        epoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        boolean reduced = false;
        if (numBadEpochs > patience) {
            double old = lr();
            double candidate = Math.max(old * factor, minLr);
            if (old - candidate > eps) {
                setLr(candidate);
                events.add(epoch);
                reduced = true;
            }
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        return reduced;
    }

    private boolean isBetter(double a) {
        if (mode == Mode.MIN) {
            return thresholdMode == ThresholdMode.REL ? a < best * (1.0 - threshold) : a < best - threshold;
        }
        return thresholdMode == ThresholdMode.REL ? a > best * (threshold + 1.0) : a > best + threshold;
    }

    private void setLr(double value) {
        lr = value;
        if (optimizer != null) {
            optimizer.setLr(value);
        }
    }

    /** The current rate (the optimizer's, when bound to one). */
    public double lr() {
        return optimizer != null ? optimizer.lr() : lr;
    }

    /** The best metric so far ({@code +-infinity} before the first epoch). */
    public double best() {
        return best;
    }

    /** Bad epochs counted since the last improvement or reduction. */
    public long numBadEpochs() {
        return numBadEpochs;
    }

    /** Epochs of cooldown left. */
    public long cooldownCounter() {
        return cooldownCounter;
    }

    /** The number of metrics fed so far. */
    public long epoch() {
        return epoch;
    }

    /** The (1-based) epochs at which the rate was reduced. */
    public List<Long> events() {
        return Collections.unmodifiableList(events);
    }

    /** The configuration as numbers, saved with the state and compared on restore. */
    private Map<String, Double> config() {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("config.mode", (double) mode.ordinal());
        c.put("config.factor", factor);
        c.put("config.patience", (double) patience);
        c.put("config.threshold", threshold);
        c.put("config.threshold_mode", (double) thresholdMode.ordinal());
        c.put("config.cooldown", (double) cooldown);
        c.put("config.min_lr", minLr);
        c.put("config.eps", eps);
        return c;
    }

    /**
     * best, num_bad_epochs, cooldown_counter, last lr, epoch and the reduction events, plus the
     * configuration (as torch's {@code state_dict} holds it) so that a restore can check it.
     */
    public ScheduleState state() {
        Map<String, Double> v = new LinkedHashMap<>(config());
        v.put("best", best);
        v.put("num_bad_epochs", (double) numBadEpochs);
        v.put("cooldown_counter", (double) cooldownCounter);
        v.put("lr", lr());
        v.put("epoch", (double) epoch);
        v.put("events", (double) events.size());
        for (int i = 0; i < events.size(); i++) {
            v.put("event." + i, (double) events.get(i));
        }
        return new ScheduleState(TYPE, v);
    }

    /**
     * Restores {@link #state()}; the bound optimizer's rate is set to the saved rate. A state saved
     * with another configuration is an error naming the first difference.
     */
    public void restore(ScheduleState saved) {
        Check.notNull("state", saved).requireType(TYPE);
        for (Map.Entry<String, Double> e : config().entrySet()) {
            double was = saved.get(e.getKey());
            if (Double.compare(was, e.getValue()) != 0) {
                throw new IllegalArgumentException(
                        "cannot restore ReduceLROnPlateau state saved with " + e.getKey().substring(7) + " = "
                                + was + " into one configured with " + e.getValue() + " (" + describe() + ")");
            }
        }
        int n = (int) saved.get("events");
        List<Long> ev = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ev.add((long) saved.get("event." + i));
        }
        double savedLr = Check.nonNegative("lr", saved.get("lr"));
        best = saved.get("best");
        numBadEpochs = (long) saved.get("num_bad_epochs");
        cooldownCounter = (long) saved.get("cooldown_counter");
        epoch = (long) saved.get("epoch");
        events.clear();
        events.addAll(ev);
        setLr(savedLr);
    }

    @Override
    public String toString() {
        return describe() + "[epoch " + epoch + ", lr " + lr() + ", best " + best + "]";
    }

    /** The configuration, for legends. */
    public String describe() {
        return "ReduceLROnPlateau(mode=" + mode.name().toLowerCase(Locale.ROOT) + ", factor=" + factor
                + ", patience=" + patience + ", threshold=" + threshold + ", threshold_mode="
                + thresholdMode.name().toLowerCase(Locale.ROOT) + ", cooldown=" + cooldown + ", min_lr="
                + minLr + ", eps=" + eps + ")";
    }

    /** Configuration; {@link #build(DescentOptimizer)} or {@link #build(double)}. */
    public static final class Builder {
        private Mode mode = Mode.MIN;
        private double factor = 0.1;
        private long patience = 10;
        private double threshold = 1e-4;
        private ThresholdMode thresholdMode = ThresholdMode.REL;
        private long cooldown = 0;
        private double minLr = 0;
        private double eps = 1e-8;

        private Builder() {}

        /** min (loss) or max (accuracy). */
        public Builder mode(Mode mode) {
            this.mode = Check.notNull("mode", mode);
            return this;
        }

        /** The multiplier per reduction, in {@code [0, 1)}. */
        public Builder factor(double factor) {
            this.factor = Check.unitInterval("factor", factor);
            return this;
        }

        /** Bad epochs tolerated before reducing, {@code >= 0}. */
        public Builder patience(long patience) {
            this.patience = Check.atLeast("patience", patience, 0);
            return this;
        }

        /** The margin an improvement must exceed, {@code >= 0}. */
        public Builder threshold(double threshold) {
            this.threshold = Check.nonNegative("threshold", threshold);
            return this;
        }

        /** rel or abs. */
        public Builder thresholdMode(ThresholdMode thresholdMode) {
            this.thresholdMode = Check.notNull("threshold_mode", thresholdMode);
            return this;
        }

        /** Epochs after a reduction during which bad epochs are not counted, {@code >= 0}. */
        public Builder cooldown(long cooldown) {
            this.cooldown = Check.atLeast("cooldown", cooldown, 0);
            return this;
        }

        /** The floor of the rate, {@code >= 0}. */
        public Builder minLr(double minLr) {
            this.minLr = Check.nonNegative("min_lr", minLr);
            return this;
        }

        /** Reductions by no more than this are skipped, {@code >= 0}. */
        public Builder eps(double eps) {
            this.eps = Check.nonNegative("eps", eps);
            return this;
        }

        /** Drives {@code optimizer}'s rate, starting from its current value. */
        public ReduceLROnPlateau build(DescentOptimizer optimizer) {
            Check.notNull("optimizer", optimizer);
            return new ReduceLROnPlateau(this, optimizer, optimizer.lr());
        }

        /** Standalone, starting at {@code lr}; read the rate with {@link ReduceLROnPlateau#lr()}. */
        public ReduceLROnPlateau build(double lr) {
            return new ReduceLROnPlateau(this, null, Check.nonNegative("lr", lr));
        }
    }
}
