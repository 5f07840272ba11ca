package org.descentlab.schedule;

import org.descentlab.util.Check;

import java.util.Locale;

/**
 * Cyclical learning rates (Smith, WACV 2017, shown in STAT 453 L12), as torch's {@code CyclicLR}. The rate
 * rises linearly from {@code base_lr} to {@code max_lr} over {@code step_size_up} steps, falls back
 * over {@code step_size_down} steps, and repeats; the amplitude is scaled per mode:
 *
 * <pre>
 *   cycle = floor(1 + t / (up + down)),   x = 1 + t / (up + down) - cycle      (position in the cycle)
 *   s     = x / r if x &lt;= r else (x - 1) / (r - 1),   r = up / (up + down)
 *   eta_t = base_lr + (max_lr - base_lr) * s * scale
 *   scale = 1 (triangular), 1 / 2^(cycle - 1) (triangular2), gamma^t (exp_range)
 * </pre>
 *
 * The slide's {@code stepsize} is the half cycle ({@code step_size_up = step_size_down}). Computed with
 * torch's operations in torch's order. Differences from torch: momentum is not cycled (torch cycles
 * it inversely by default); {@code max_lr < base_lr} is rejected; a custom {@code scale_fn} is not
 * supported. In torch the scheduler overwrites the optimizer's rate with {@code base_lr}; here the
 * schedule simply starts at {@code base_lr}. Meant to be stepped per iteration.
 */
public final class CyclicLR implements Schedule {

    /** How the amplitude changes from cycle to cycle. */
    public enum Mode {
        /** Constant amplitude. */
        TRIANGULAR,
        /** The amplitude halves every cycle. */
        TRIANGULAR2,
        /** The amplitude is scaled by {@code gamma^t} (t = steps). */
        EXP_RANGE;

        /** Parses torch's spelling ({@code triangular}, {@code triangular2}, {@code exp_range}). */
        public static Mode parse(String name) {
            return TorchWords.parse("mode", name, Mode.class);
        }

        /** torch's spelling. */
        public String torchName() {
            return TorchWords.of(this);
        }
    }

    private final double baseLr;
    private final double maxLr;
    private final long stepSizeUp;
    private final long stepSizeDown;
    private final Mode mode;
    private final double gamma;
    private final double totalSize;
    private final double stepRatio;

    /** Triangular, symmetric cycle of {@code 2 * stepSize} steps. */
    public CyclicLR(double baseLr, double maxLr, long stepSize) {
        this(baseLr, maxLr, stepSize, stepSize, Mode.TRIANGULAR, 1.0);
    }

    /**
     * @param baseLr the lower bound, {@code >= 0}
     * @param maxLr the upper bound, {@code >= baseLr}
     * @param stepSizeUp steps of the rising half, {@code >= 1}
     * @param stepSizeDown steps of the falling half, {@code >= 1}
     * @param mode how the amplitude changes between cycles
     * @param gamma the per-step amplitude factor of {@code EXP_RANGE}, in {@code (0, 1]}
     */
    public CyclicLR(
            double baseLr, double maxLr, long stepSizeUp, long stepSizeDown, Mode mode, double gamma) {
        this.baseLr = Check.nonNegative("base_lr", baseLr);
        this.maxLr = Check.nonNegative("max_lr", maxLr);
        if (maxLr < baseLr) {
            throw Check.invalid("max_lr", maxLr, "a number >= base_lr = " + baseLr);
        }
        this.stepSizeUp = Check.atLeast("step_size_up", stepSizeUp, 1);
        this.stepSizeDown = Check.atLeast("step_size_down", stepSizeDown, 1);
        this.mode = Check.notNull("mode", mode);
        if (!(gamma > 0 && gamma <= 1)) {
            throw Check.invalid("gamma", gamma, "a number in (0, 1]");
        }
        this.gamma = gamma;
        this.totalSize = (double) stepSizeUp + (double) stepSizeDown;
        this.stepRatio = stepSizeUp / totalSize;
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        double cycle = Math.floor(1 + step / totalSize);
        double x = 1.0 + step / totalSize - cycle;
        double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        double baseHeight = (maxLr - baseLr) * scaleFactor;
        double scale = switch (mode) {
            case TRIANGULAR -> 1.0;
            case TRIANGULAR2 -> 1 / Math.pow(2.0, cycle - 1);
            case EXP_RANGE -> Math.pow(gamma, step);
        };
        return baseLr + baseHeight * scale;
    }

    @Override
    public String describe() {
        return Schedule.describe("CyclicLR", "base_lr", baseLr, "max_lr", maxLr, "step_size_up", stepSizeUp,
                "step_size_down", stepSizeDown, "mode", mode.torchName(), "gamma", mode == Mode.EXP_RANGE ? gamma : null);
    }
}
