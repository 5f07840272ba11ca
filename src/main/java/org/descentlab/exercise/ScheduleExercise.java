package org.descentlab.exercise;

import org.descentlab.schedule.CosineAnnealingLR;
import org.descentlab.schedule.CyclicLR;
import org.descentlab.schedule.LinearLR;
import org.descentlab.schedule.Schedule;
import org.descentlab.schedule.SequentialLR;

import java.util.List;
import java.util.function.Function;

/**
 * Exercise 6: learning-rate schedules, STAT 453 L12: the triangular cyclical rate (6a) and a linear
 * warm-up followed by cosine decay (6b).
 */
final class ScheduleExercise extends LearningRateExercise<StudentSchedule, ScheduleExercise.ScheduleCase> {

    /** Settings and the number of steps compared (steps 0..steps). */
    record ScheduleCase(String name, ScheduleHyper h, int steps) implements Case {
        @Override
        public String settings() {
            return h + ", steps 0.." + steps;
        }
    }

    private final Function<ScheduleHyper, Schedule> library;
    private final List<ScheduleCase> cases;
    private final List<Mistake<StudentSchedule>> mistakes;
    private final String skeleton;

    private ScheduleExercise(String id, String title, String task, String formula,
            Function<ScheduleHyper, Schedule> library, String libraryName, List<ScheduleCase> cases,
            List<Mistake<StudentSchedule>> extraMistakes, String skeletonHint) {
        super(new Statement(id, title, "STAT 453 L12, slides \"Learning Rate Decay\" (\"E.g., Cyclical Learning Rate\")",
                task, formula), StudentSchedule.class, libraryName);
        this.library = library;
        this.cases = cases;
        StudentSchedule ref = (step, h) -> library.apply(h).valueAt(step);
        this.mistakes = new java.util.ArrayList<>(List.of(
                new Mistake<>(Diagnosis.SCHEDULE_OFF_BY_ONE, "Your lr(k) is the reference's lr(k + 1): one step early.",
                        (step, h) -> ref.lr(step + 1, h)),
                new Mistake<>(Diagnosis.SCHEDULE_OFF_BY_ONE, "Your lr(k) is the reference's lr(k - 1): one step late.",
                        (step, h) -> ref.lr(Math.max(0, step - 1), h))));
        this.mistakes.addAll(extraMistakes);
        this.skeleton = lambdaSkeleton("StudentSchedule mine = (step, h)", skeletonHint);
    }

    /** 6a: the triangular cyclical learning rate (Smith 2017). */
    static ScheduleExercise triangular() {
        return new ScheduleExercise("schedule-triangular", "Cyclical learning rate (triangular)",
                "Implement the triangular cyclical learning rate of STAT 453 L12 (Smith 2017): the rate rises linearly"
                        + " from `baseLr` at step 0 to `maxLr` at step `stepSize`, falls back to `baseLr` at step"
                        + " `2 * stepSize`, and repeats. `stepSize` is HALF a cycle.",
                "cycle = floor(1 + step / (2 * stepSize))\nx     = |step / stepSize - 2 * cycle + 1|\n"
                        + "lr    = baseLr + (maxLr - baseLr) * max(0, 1 - x)",
                h -> new CyclicLR(h.baseLr(), h.maxLr(), h.stepSize()), "the library's CyclicLR (triangular)",
                List.of(
                        new ScheduleCase("base 0.001, max 0.006, stepSize 4",
                                ScheduleHyper.triangular(0.001, 0.006, 4), 24),
                        new ScheduleCase("stepSize 1 (edge)", ScheduleHyper.triangular(0.1, 1, 1), 6),
                        new ScheduleCase("from 0, stepSize 10", ScheduleHyper.triangular(0, 0.01, 10), 45),
                        new ScheduleCase("odd stepSize 3", ScheduleHyper.triangular(0.2, 0.5, 3), 13)),
                List.of(
                        new Mistake<>(Diagnosis.HALF_CYCLE_AS_FULL_CYCLE, "", (step, h) -> {
                            double half = h.stepSize() / 2.0;
                            double x = Math.abs((step % h.stepSize()) / half - 1);
                            return h.baseLr() + (h.maxLr() - h.baseLr()) * Math.max(0, 1 - x);
                        }),
                        new Mistake<>(Diagnosis.TRIANGLE_PHASE, "Your cycle starts at maxLr.", (step, h) -> {
                            double x = Math.abs((double) (step % (2 * h.stepSize())) / h.stepSize() - 1);
                            return h.baseLr() + (h.maxLr() - h.baseLr()) * x;
                        })),
                "h.baseLr(), h.maxLr(), h.stepSize(); step = 0, 1, 2, ...");
    }

    /** 6b: linear warm-up from 0, then cosine decay to minLr. */
    static ScheduleExercise warmupCosine() {
        return new ScheduleExercise("schedule-warmup-cosine", "Linear warm-up then cosine decay",
                "Implement a linear warm-up followed by cosine annealing (the usual pairing; STAT 453 L12 shows decay"
                        + " schedules, the library has LinearLR, CosineAnnealingLR and SequentialLR): the rate rises"
                        + " linearly from 0 at step 0 to `maxLr` at step `warmup`, then follows half a cosine from"
                        + " `maxLr` at step `warmup` down to `minLr` at step `total`.",
                "step < warmup:  lr = maxLr * step / warmup\n"
                        + "otherwise:      lr = minLr + (maxLr - minLr) * (1 + cos(pi * (step - warmup) / (total - warmup))) / 2",
                h -> new SequentialLR(List.of(new LinearLR(h.maxLr(), 0, 1, h.warmup()),
                        new CosineAnnealingLR(h.maxLr(), h.total() - h.warmup(), h.minLr())), h.warmup()),
                "the library's SequentialLR(LinearLR, CosineAnnealingLR)",
                List.of(
                        new ScheduleCase("maxLr 0.1, warm-up 5, total 30",
                                ScheduleHyper.warmupCosine(0.1, 5, 30, 0.001), 30),
                        new ScheduleCase("warm-up of 1 step (edge)", ScheduleHyper.warmupCosine(1, 1, 10, 0), 10),
                        new ScheduleCase("long warm-up", ScheduleHyper.warmupCosine(0.01, 10, 50, 0), 50),
                        new ScheduleCase("one cosine step (edge)", ScheduleHyper.warmupCosine(0.5, 3, 4, 0.1), 4)),
                List.of(
                        new Mistake<>(Diagnosis.COSINE_NOT_SHIFTED, "", (step, h) -> step < h.warmup()
                                ? h.maxLr() * step / h.warmup()
                                : h.minLr() + (h.maxLr() - h.minLr())
                                        * (1 + Math.cos(Math.PI * step / (h.total() - h.warmup()))) / 2),
                        new Mistake<>(Diagnosis.COSINE_WRONG_LENGTH, "Your cosine runs over total steps.",
                                (step, h) -> step < h.warmup() ? h.maxLr() * step / h.warmup()
                                        : h.minLr() + (h.maxLr() - h.minLr())
                                                * (1 + Math.cos(Math.PI * (step - h.warmup()) / h.total())) / 2)),
                "h.maxLr(), h.warmup(), h.total(), h.minLr(); step = 0, 1, 2, ...");
    }

    @Override
    public StudentSchedule reference() {
        return (step, h) -> library.apply(h).valueAt(step);
    }

    @Override
    List<ScheduleCase> cases() {
        return cases;
    }

    /** Each visible case with other rates and lengths. */
    @Override
    List<ScheduleCase> hiddenCases(java.util.Random rng) {
        List<ScheduleCase> out = new java.util.ArrayList<>();
        for (ScheduleCase c : cases) {
            ScheduleHyper h = c.h();
            double maxLr = h.maxLr() * Hyper.scale(rng);
            if (h.stepSize() > 0) {
                long stepSize = h.stepSize() + rng.nextInt(3);
                out.add(new ScheduleCase(c.name() + ", hidden variant",
                        ScheduleHyper.triangular(h.baseLr() * Hyper.scale(rng), maxLr, stepSize),
                        (int) (4 * stepSize + 1 + rng.nextInt((int) stepSize))));
            } else {
                long warmup = Math.max(1, h.warmup() + rng.nextInt(3) - 1);
                long total = warmup + (h.total() - h.warmup()) + rng.nextInt(4);
                out.add(new ScheduleCase(c.name() + ", hidden variant",
                        ScheduleHyper.warmupCosine(maxLr, warmup, total, h.minLr() * Hyper.scale(rng)), (int) total));
            }
        }
        return out;
    }

    @Override
    List<Mistake<StudentSchedule>> mistakes() {
        return mistakes;
    }

    @Override
    public String skeletonCell() {
        return skeleton;
    }

    @Override
    double[][] run(StudentSchedule impl, ScheduleCase c) throws StudentFailure {
        double[][] rows = new double[c.steps() + 1][];
        for (int k = 0; k <= c.steps(); k++) {
            final long step = k;
            double v = Guard.run("at step " + k, () -> impl.lr(step, c.h()));
            rows[k] = new double[] {v};
        }
        return rows;
    }

    @Override
    long stepOf(int row) {
        return row;
    }

    @Override
    String quantity(ScheduleCase c, int row, int j) {
        return "lr(step = " + row + ")";
    }
}
