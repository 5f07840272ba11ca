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
            return TorchWords.parse("mode", name, Mode.class);
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
            return TorchWords.parse("threshold_mode", name, ThresholdMode.class);
        }
    }

    static final String TYPE = "ReduceLROnPlateau";

    /**
     * The configuration, in torch's order; each range is checked here, once.
     *
     * @param mode min (loss) or max (accuracy)
     * @param factor the multiplier per reduction, in {@code [0, 1)}
     * @param patience bad epochs tolerated before reducing, {@code >= 0}
     * @param threshold the margin an improvement must exceed, {@code >= 0}
     * @param thresholdMode rel or abs
     * @param cooldown epochs after a reduction during which bad epochs are not counted, {@code >= 0}
     * @param minLr the floor of the rate, {@code >= 0}
     * @param eps reductions by no more than this are skipped, {@code >= 0}
     */
    public record Settings(Mode mode, double factor, long patience, double threshold, ThresholdMode thresholdMode,
            long cooldown, double minLr, double eps) {

        /** torch's defaults. */
        public static final Settings TORCH = new Settings(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);

        public Settings {
            Check.notNull("mode", mode);
            Check.unitInterval("factor", factor);
            Check.atLeast("patience", patience, 0);
            Check.nonNegative("threshold", threshold);
            Check.notNull("threshold_mode", thresholdMode);
            Check.atLeast("cooldown", cooldown, 0);
            Check.nonNegative("min_lr", minLr);
            Check.nonNegative("eps", eps);
        }

        /** Settings by torch name, as {@link #options()} writes them; omitted ones from {@code defaults}. */
        static Settings of(Options o, Settings defaults) {
            return new Settings(Mode.parse(o.getString("mode", TorchWords.of(defaults.mode))),
                    o.getDouble("factor", defaults.factor), o.getLong("patience", defaults.patience),
                    o.getDouble("threshold", defaults.threshold),
                    ThresholdMode.parse(o.getString("threshold_mode", TorchWords.of(defaults.thresholdMode))),
                    o.getLong("cooldown", defaults.cooldown), o.getDouble("min_lr", defaults.minLr),
                    o.getDouble("eps", defaults.eps));
        }

        /** The settings by torch name, in torch's order ({@code mode=min, factor=0.1, ...}). */
        public Map<String, Object> options() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", TorchWords.of(mode));
            m.put("factor", factor);
            m.put("patience", patience);
            m.put("threshold", threshold);
            m.put("threshold_mode", TorchWords.of(thresholdMode));
            m.put("cooldown", cooldown);
            m.put("min_lr", minLr);
            m.put("eps", eps);
            return m;
        }
    }

    /**
     * What the scheduler remembers between epochs (torch's {@code state_dict} without the settings).
     *
     * @param best the best metric so far ({@code +-infinity} before the first epoch)
     * @param numBadEpochs bad epochs counted since the last improvement or reduction
     * @param cooldownCounter epochs of cooldown left
     * @param lr the current rate
     * @param epoch the number of metrics fed so far
     * @param events the (1-based) epochs at which the rate was reduced
     */
    public record State(double best, long numBadEpochs, long cooldownCounter, double lr, long epoch, List<Long> events) {
        public State {
            events = List.copyOf(events);
            Check.nonNegative("lr", lr);
        }
    }

    private final DescentOptimizer optimizer;
    private final Settings settings;
    private State state;

    private ReduceLROnPlateau(Settings settings, DescentOptimizer optimizer, double lr) {
        this.optimizer = optimizer;
        this.settings = settings;
        this.state = new State(settings.mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY,
                0, 0, lr, 0, List.of());
    }

    /** A builder with torch's defaults ({@link Settings#TORCH}). */
    public static Builder builder() {
        return new Builder(Settings.TORCH);
    }

    /**
     * A builder from torch-named options: {@code mode}, {@code factor}, {@code patience}, {@code
     * threshold}, {@code threshold_mode}, {@code cooldown}, {@code min_lr}, {@code eps}; omitted ones take
     * torch's defaults. Unknown names are rejected.
     */
    public static Builder builder(Options o) {
        Builder b = new Builder(Settings.of(o, Settings.TORCH));
        o.finish("ReduceLROnPlateau");
        return b;
    }

    /**
     * Records one epoch's metric and reduces the rate if it has plateaued.
     *
     * @param metric the epoch's metric, not NaN
     * @return whether the rate was reduced at this epoch
     */
    public boolean step(double metric) {
        State s = state;
        if (Double.isNaN(metric)) {
            throw new IllegalArgumentException("metric = NaN is invalid at epoch " + (s.epoch + 1)
                    + ": must be a number (did the training diverge?)");
        }
        boolean better = isBetter(metric, s.best);
        double best = better ? metric : s.best;
        long bad = better ? 0 : s.numBadEpochs + 1;
        long cooldown = s.cooldownCounter;
        if (cooldown > 0) {
            cooldown--;
            bad = 0;
        }
        double lr = lr();
        List<Long> events = s.events;
        boolean reduced = false;
        if (bad > settings.patience) {
            double candidate = Math.max(lr * settings.factor, settings.minLr);
            if (lr - candidate > settings.eps) {
                lr = candidate;
                events = new ArrayList<>(events);
                events.add(s.epoch + 1);
                reduced = true;
            }
            cooldown = settings.cooldown;
            bad = 0;
        }
        set(new State(best, bad, cooldown, lr, s.epoch + 1, events));
        return reduced;
    }

    private boolean isBetter(double a, double best) {
        double t = settings.threshold;
        boolean rel = settings.thresholdMode == ThresholdMode.REL;
        return settings.mode == Mode.MIN
                ? (rel ? a < best * (1.0 - t) : a < best - t)
                : (rel ? a > best * (t + 1.0) : a > best + t);
    }

    private void set(State s) {
        state = s;
        if (optimizer != null) {
            optimizer.setLr(s.lr);
        }
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** The state after the epochs fed so far. */
    public State current() {
        return state;
    }

    /** The current rate (the optimizer's, when bound to one). */
    public double lr() {
        return optimizer != null ? optimizer.lr() : state.lr;
    }

    /** The best metric so far ({@code +-infinity} before the first epoch). */
    public double best() {
        return state.best;
    }

    /** Bad epochs counted since the last improvement or reduction. */
    public long numBadEpochs() {
        return state.numBadEpochs;
    }

    /** Epochs of cooldown left. */
    public long cooldownCounter() {
        return state.cooldownCounter;
    }

    /** The number of metrics fed so far. */
    public long epoch() {
        return state.epoch;
    }

    /** The (1-based) epochs at which the rate was reduced. */
    public List<Long> events() {
        return state.events;
    }

    /**
     * The {@link State} (with the current rate) and the {@link Settings}, as torch's {@code state_dict}
     * holds them, so that a restore can check the settings.
     */
    public ScheduleState state() {
        Map<String, Double> v = new LinkedHashMap<>();
        Map<String, String> w = new LinkedHashMap<>();
        settings.options().forEach((k, x) -> {
            if (x instanceof Number n) {
                v.put(k, n.doubleValue());
            } else {
                w.put(k, x.toString());
            }
        });
        State s = state;
        v.put("best", s.best);
        v.put("num_bad_epochs", (double) s.numBadEpochs);
        v.put("cooldown_counter", (double) s.cooldownCounter);
        v.put("lr", lr());
        v.put("epoch", (double) s.epoch);
        for (int i = 0; i < s.events.size(); i++) {
            v.put("event." + i, (double) s.events.get(i));
        }
        return new ScheduleState(TYPE, v, w);
    }

    /**
     * Restores {@link #state()}; the bound optimizer's rate is set to the saved rate. A state saved
     * with other settings is an error naming the first difference.
     */
    public void restore(ScheduleState saved) {
        Check.notNull("state", saved).requireType(TYPE);
        Map<String, Object> given = new LinkedHashMap<>(saved.words());
        Settings.TORCH.options().keySet().stream().filter(k -> !given.containsKey(k))
                .forEach(k -> given.put(k, saved.get(k)));
        Map<String, Object> was = Settings.of(Options.of(given), settings).options();
        Map<String, Object> now = settings.options();
        for (String k : now.keySet()) {
            if (!was.get(k).equals(now.get(k))) {
                throw new IllegalArgumentException("cannot restore ReduceLROnPlateau state saved with " + k + " = "
                        + was.get(k) + " into one configured with " + now.get(k) + " (" + describe() + ")");
            }
        }
        List<Long> events = new ArrayList<>();
        for (int i = 0; saved.values().containsKey("event." + i); i++) {
            events.add((long) saved.get("event." + i));
        }
        set(new State(saved.get("best"), (long) saved.get("num_bad_epochs"), (long) saved.get("cooldown_counter"),
                saved.get("lr"), (long) saved.get("epoch"), events));
    }

    @Override
    public String toString() {
        return describe() + "[epoch " + state.epoch + ", lr " + lr() + ", best " + state.best + "]";
    }

    /** The settings, for legends: {@code ReduceLROnPlateau(mode=min, factor=0.1, ...)}. */
    public String describe() {
        List<Object> kv = new ArrayList<>();
        settings.options().forEach((k, v) -> {
            kv.add(k);
            kv.add(v);
        });
        return Schedule.describe("ReduceLROnPlateau", kv.toArray());
    }

    /** Settings, starting from torch's; {@link #build(DescentOptimizer)} or {@link #build(double)}. */
    public static final class Builder {
        private Settings s;

        private Builder(Settings s) {
            this.s = s;
        }

        /** One setting by torch name, checked at once by {@link Settings}. */
        private Builder set(String name, Object value) {
            Map<String, Object> o = s.options();
            o.put(name, value);
            s = Settings.of(Options.of(o), s);
            return this;
        }

        /** min (loss) or max (accuracy). */
        public Builder mode(Mode mode) {
            return set("mode", TorchWords.of(Check.notNull("mode", mode)));
        }

        /** The multiplier per reduction, in {@code [0, 1)}. */
        public Builder factor(double factor) {
            return set("factor", factor);
        }

        /** Bad epochs tolerated before reducing, {@code >= 0}. */
        public Builder patience(long patience) {
            return set("patience", patience);
        }

        /** The margin an improvement must exceed, {@code >= 0}. */
        public Builder threshold(double threshold) {
            return set("threshold", threshold);
        }

        /** rel or abs. */
        public Builder thresholdMode(ThresholdMode thresholdMode) {
            return set("threshold_mode", TorchWords.of(Check.notNull("threshold_mode", thresholdMode)));
        }

        /** Epochs after a reduction during which bad epochs are not counted, {@code >= 0}. */
        public Builder cooldown(long cooldown) {
            return set("cooldown", cooldown);
        }

        /** The floor of the rate, {@code >= 0}. */
        public Builder minLr(double minLr) {
            return set("min_lr", minLr);
        }

        /** Reductions by no more than this are skipped, {@code >= 0}. */
        public Builder eps(double eps) {
            return set("eps", eps);
        }

        /** Drives {@code optimizer}'s rate, starting from its current value. */
        public ReduceLROnPlateau build(DescentOptimizer optimizer) {
            Check.notNull("optimizer", optimizer);
            return new ReduceLROnPlateau(s, optimizer, optimizer.lr());
        }

        /** Standalone, starting at {@code lr}; read the rate with {@link ReduceLROnPlateau#lr()}. */
        public ReduceLROnPlateau build(double lr) {
            return new ReduceLROnPlateau(s, null, Check.nonNegative("lr", lr));
        }
    }
}
