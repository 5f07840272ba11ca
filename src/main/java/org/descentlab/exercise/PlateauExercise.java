package org.descentlab.exercise;

import org.descentlab.schedule.ReduceLROnPlateau;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Exercise 12: ReduceLROnPlateau's logic (mode, threshold, patience, cooldown, min_lr), STAT 453 L12,
 * slide "Update Learning Rate" ({@code scheduler.step(valid_acc)}), checked against the library's
 * {@link ReduceLROnPlateau}, itself checked against torch.
 */
final class PlateauExercise extends LearningRateExercise<StudentPlateau, PlateauExercise.PlateauCase> {

    /** The metrics fed epoch by epoch, and the settings. */
    record PlateauCase(String name, double[] metrics, PlateauHyper h) implements Case {
        @Override
        public String settings() {
            return h + ", " + metrics.length + " epochs";
        }
    }

    PlateauExercise() {
        super(new Statement("plateau", "ReduceLROnPlateau",
                "STAT 453 (Raschka), L12, slide \"Update Learning Rate\" (torch.optim.lr_scheduler.ReduceLROnPlateau)",
                "Implement torch's ReduceLROnPlateau, one epoch per call: compare the metric with the best so far"
                        + " (mode min: better if smaller by more than the threshold; mode max: larger); a better"
                        + " metric becomes the best and resets the count of bad epochs, any other epoch is bad."
                        + " During a cooldown (the `cooldown` epochs after a reduction) bad epochs are not counted."
                        + " When MORE than `patience` bad epochs have accumulated, multiply the rate by `factor`"
                        + " (not below `minLr`), start the cooldown and reset the count. Return the rate after the"
                        + " epoch. Keep what you need in `s.scalar(...)` / `s.setScalar(...)` (0 at the start;"
                        + " `s.t()` is 1 at the first epoch, when you set the rate to `h.lr()` and the best to the"
                        + " worst possible value).",
                "better(a) = a < best * (1 - threshold)   (min, rel)     a < best - threshold   (min, abs)\n"
                        + "            a > best * (1 + threshold)   (max, rel)     a > best + threshold   (max, abs)\n"
                        + "if better(a): best = a, bad = 0   else: bad = bad + 1\n"
                        + "if cooldownLeft > 0: cooldownLeft = cooldownLeft - 1, bad = 0\n"
                        + "if bad > patience: lr = max(lr * factor, minLr), cooldownLeft = cooldown, bad = 0"),
                StudentPlateau.class,
                "the library's ReduceLROnPlateau (checked against torch)");
    }

    @Override
    public StudentPlateau reference() {
        return (metric, h, s) -> {
            ReduceLROnPlateau r = s.internal(this, () -> ReduceLROnPlateau.builder()
                    .mode(h.max() ? ReduceLROnPlateau.Mode.MAX : ReduceLROnPlateau.Mode.MIN).factor(h.factor())
                    .patience(h.patience()).threshold(h.threshold())
                    .thresholdMode(h.relative() ? ReduceLROnPlateau.ThresholdMode.REL : ReduceLROnPlateau.ThresholdMode.ABS)
                    .cooldown(h.cooldown()).minLr(h.minLr()).build(h.lr()));
            r.step(metric);
            return r.lr();
        };
    }

    @Override
    List<PlateauCase> cases() {
        double[] loss = {1.0, 0.8, 0.7, 0.69, 0.69, 0.7, 0.71, 0.68, 0.69, 0.7, 0.7, 0.7, 0.7, 0.5, 0.5, 0.5, 0.5, 0.5};
        double[] acc = {0.5, 0.6, 0.7, 0.7, 0.69, 0.7, 0.7, 0.71, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7};
        double[] tiny = new double[16];   // 0.2% better each epoch: below a 1% threshold, above 0.4% after 3 epochs
        for (int k = 0; k < tiny.length; k++) {
            tiny[k] = 1.0 - 0.002 * k;
        }
        double[] flat = new double[20];
        java.util.Arrays.fill(flat, 3.0);
        return List.of(
                new PlateauCase("loss that plateaus (min, patience 2)", loss,
                        new PlateauHyper(0.1, false, 0.5, 2, 1e-4, true, 0, 0)),
                new PlateauCase("accuracy that plateaus (max, cooldown 2)", acc,
                        new PlateauHyper(0.1, true, 0.1, 1, 1e-4, true, 2, 0)),
                new PlateauCase("improvements below a 1% threshold (rel)", tiny,
                        new PlateauHyper(1.0, false, 0.5, 2, 0.01, true, 0, 0)),
                new PlateauCase("absolute threshold 0.004", tiny,
                        new PlateauHyper(1.0, false, 0.5, 1, 0.004, false, 1, 0)),
                new PlateauCase("flat metric down to minLr", flat,
                        new PlateauHyper(1.0, false, 0.1, 0, 1e-4, true, 0, 0.001)));
    }

    /** Random walks (falling losses or rising accuracies) under random settings. */
    @Override
    List<PlateauCase> hiddenCases(Random rng) {
        List<PlateauCase> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean max = rng.nextBoolean();
            double[] m = new double[25 + rng.nextInt(15)];
            double v = max ? 0.3 : 2.0;
            for (int k = 0; k < m.length; k++) {
                v += (max ? 1 : -1) * 0.02 * rng.nextGaussian() + (max ? 0.005 : -0.01) * (k < 10 ? 1 : 0);
                m[k] = Math.round(v * 1000) / 1000.0;
            }
            boolean relative = rng.nextBoolean();
            out.add(new PlateauCase("hidden " + (max ? "accuracy" : "loss") + " walk " + (i + 1), m,
                    new PlateauHyper(0.1 * Hyper.scale(rng), max, 0.2 + 0.5 * rng.nextDouble(), rng.nextInt(4),
                            relative ? 0.002 * Hyper.scale(rng) : 0.005 * Hyper.scale(rng), relative, rng.nextInt(3),
                            rng.nextBoolean() ? 0 : 0.002)));
        }
        return out;
    }

    @Override
    double[][] run(StudentPlateau impl, PlateauCase c) throws StudentFailure {
        double[][] rows = new double[c.metrics().length][];
        try (State s = new State(1)) {
            for (int k = 0; k < c.metrics().length; k++) {
                s.advance();
                double metric = c.metrics()[k];
                double lr = Guard.run("at epoch " + (k + 1) + " (metric " + metric + ")", () -> impl.step(metric, c.h(), s));
                rows[k] = new double[] {lr};
            }
        }
        return rows;
    }

    @Override
    List<Mistake<StudentPlateau>> mistakes() {
        return List.of(
                new Mistake<>(Diagnosis.PLATEAU_PATIENCE_OFF_BY_ONE, "Your rate drops at bad epoch number patience.",
                        variant(Flaw.PATIENCE)),
                new Mistake<>(Diagnosis.PLATEAU_COOLDOWN_COUNTED, "", variant(Flaw.COOLDOWN_COUNTED)),
                new Mistake<>(Diagnosis.PLATEAU_THRESHOLD_IGNORED, "", variant(Flaw.NO_THRESHOLD)),
                new Mistake<>(Diagnosis.PLATEAU_MODE_IGNORED, "Your values match mode min on an accuracy.",
                        variant(Flaw.ALWAYS_MIN)),
                new Mistake<>(Diagnosis.PLATEAU_COUNT_NOT_RESET, "", variant(Flaw.COUNT_KEPT)),
                new Mistake<>(Diagnosis.PLATEAU_MIN_LR_IGNORED, "", variant(Flaw.NO_FLOOR)));
    }

    private enum Flaw { PATIENCE, COOLDOWN_COUNTED, NO_THRESHOLD, ALWAYS_MIN, COUNT_KEPT, NO_FLOOR }

    private static StudentPlateau variant(Flaw flaw) {
        return (a, h, s) -> {
            boolean max = h.max() && flaw != Flaw.ALWAYS_MIN;
            if (s.t() == 1) {
                s.setScalar("lr", h.lr());
                s.setScalar("best", max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            double best = s.scalar("best");
            double th = flaw == Flaw.NO_THRESHOLD ? 0 : h.threshold();
            boolean better = max ? (h.relative() ? a > best * (1 + th) : a > best + th)
                    : (h.relative() ? a < best * (1 - th) : a < best - th);
            double bad = s.scalar("bad");
            if (better) {
                s.setScalar("best", a);
                bad = 0;
            } else {
                bad++;
            }
            double cool = s.scalar("cool");
            if (cool > 0 && flaw != Flaw.COOLDOWN_COUNTED) {
                cool--;
                bad = 0;
            } else if (cool > 0) {
                cool--;
            }
            if (flaw == Flaw.PATIENCE ? bad >= h.patience() : bad > h.patience()) {
                double lr = s.scalar("lr");
                double next = flaw == Flaw.NO_FLOOR ? lr * h.factor() : Math.max(lr * h.factor(), h.minLr());
                if (lr - next > 1e-8) {   // torch's eps: a change this small is skipped
                    s.setScalar("lr", next);
                }
                cool = h.cooldown();
                bad = flaw == Flaw.COUNT_KEPT ? bad : 0;
            }
            s.setScalar("bad", bad);
            s.setScalar("cool", cool);
            return s.scalar("lr");
        };
    }

    @Override
    public String skeletonCell() {
        return lambdaSkeleton("StudentPlateau mine = (metric, h, s)",
                "h.lr(), h.max(), h.factor(), h.patience(), h.threshold(), h.relative(), h.cooldown(), h.minLr()",
                "s.scalar(\"best\"), s.setScalar(\"best\", v), ...: 0 until set; s.t() is the epoch, 1 for the first");
    }

    @Override
    long stepOf(int row) {
        return row + 1;
    }

    @Override
    String quantity(PlateauCase c, int row, int j) {
        return "lr after epoch " + (row + 1) + " (metric " + c.metrics()[row] + ")";
    }

    @Override
    String stepName() {
        return "epoch";
    }
}
