package org.descentlab.schedule;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.Options;
import org.descentlab.optim.Sgd;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Each bad argument is an IllegalArgumentException whose message names the parameter and the valid range. */
class BadInputTest {

    private final List<DynamicTest> tests = new ArrayList<>();

    private void bad(String title, Executable call, String... fragments) {
        tests.add(DynamicTest.dynamicTest(title, () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            for (String f : fragments) {
                assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
            }
        }));
    }

    @TestFactory
    List<DynamicTest> badArguments() {
        bad("negative lr", () -> new ExponentialLR(-1, 0.9), "lr = -1.0", ">= 0");
        bad("NaN lr", () -> new StepLR(Double.NaN, 10, 0.1), "lr = NaN", ">= 0");
        bad("infinite lr", () -> Schedule.constant(Double.POSITIVE_INFINITY), "lr = Infinity", "finite");
        bad("step_size 0", () -> new StepLR(0.1, 0, 0.5), "step_size = 0", ">= 1");
        bad("gamma 0", () -> new StepLR(0.1, 10, 0), "gamma = 0.0", "> 0");
        bad("gamma negative", () -> new ExponentialLR(0.1, -0.5), "gamma = -0.5", "> 0");
        bad("gamma NaN", () -> new MultiStepLR(0.1, new long[] {5}, Double.NaN), "gamma = NaN", "> 0");
        bad("T_max 0", () -> new CosineAnnealingLR(0.1, 0, 0), "T_max = 0", ">= 1");
        bad("eta_min negative", () -> new CosineAnnealingLR(0.1, 10, -0.01), "eta_min = -0.01", ">= 0");
        bad("power negative", () -> new PolynomialLR(0.1, 10, -1), "power = -1.0", ">= 0");
        bad("total_iters 0", () -> new PolynomialLR(0.1, 0, 1), "total_iters = 0", ">= 1");
        bad("max_lr < base_lr", () -> new CyclicLR(0.1, 0.01, 10), "max_lr = 0.01", ">= base_lr = 0.1");
        bad("step_size_up 0", () -> new CyclicLR(0.01, 0.1, 0), "step_size_up = 0", ">= 1");
        bad("cyclic gamma > 1", () -> new CyclicLR(0.01, 0.1, 5, 5, CyclicLR.Mode.EXP_RANGE, 1.5),
                "gamma = 1.5", "(0, 1]");
        bad("cyclic mode", () -> CyclicLR.Mode.parse("sawtooth"), "mode = 'sawtooth'", "triangular, triangular2, exp_range");
        bad("milestones decreasing", () -> new MultiStepLR(0.1, new long[] {10, 5}, 0.1),
                "milestones[1] = 5", ">= milestones[0] = 10", "non-decreasing");
        bad("milestone 0", () -> new MultiStepLR(0.1, new long[] {0, 5}, 0.1), "milestones[0] = 0", ">= 1");
        bad("no milestones", () -> new MultiStepLR(0.1, new long[0], 0.1), "milestones = []", "at least one");
        bad("ConstantLR factor > 1", () -> new ConstantLR(0.1, 1.5, 5), "factor = 1.5", "[0, 1]");
        bad("LinearLR start_factor > 1", () -> new LinearLR(0.1, 1.5, 1, 5), "start_factor = 1.5", "[0, 1]");
        bad("LinearLR end_factor < 0", () -> new LinearLR(0.1, 0.5, -0.1, 5), "end_factor = -0.1", "[0, 1]");
        bad("T_0 0", () -> new CosineAnnealingWarmRestarts(0.1, 0, 1, 0), "T_0 = 0", ">= 1");
        bad("T_mult 0", () -> new CosineAnnealingWarmRestarts(0.1, 10, 0, 0), "T_mult = 0", ">= 1");
        bad("pct_start > 1", () -> new OneCycleLR(0.1, 100, 1.5, OneCycleLR.Anneal.COS, 25, 1e4, false),
                "pct_start = 1.5", "[0, 1]");
        bad("total_steps 1", () -> new OneCycleLR(0.1, 1), "total_steps = 1", ">= 2");
        bad("div_factor 0", () -> new OneCycleLR(0.1, 100, 0.3, OneCycleLR.Anneal.COS, 0, 1e4, false),
                "div_factor = 0.0", "> 0");
        bad("OneCycle beyond total_steps", () -> new OneCycleLR(0.1, 100).valueAt(101), "step = 101", "[0, 100]");
        bad("anneal strategy", () -> OneCycleLR.Anneal.parse("cosine"), "anneal_strategy = 'cosine'", "cos or linear");
        bad("k negative", () -> new InverseTimeDecay(0.1, -1), "k = -1.0", ">= 0");
        bad("exponential rate negative", () -> ExponentialLR.ofRate(0.1, -0.1), "k = -0.1", ">= 0");
        bad("t0 0", () -> InverseTimeDecay.oneOverT(0.1, 0), "t0 = 0.0", "> 0");
        bad("lambda negative", () -> new LambdaLR(0.1, t -> -1).valueAt(3), "lr_lambda(3) = -1.0", ">= 0");
        for (Schedule s : List.of(Schedule.constant(1), new StepLR(1, 2, 0.5), new CosineAnnealingLR(1, 10, 0),
                new CyclicLR(0, 1, 3), new ExponentialLR(1, 0.9), InverseTimeDecay.oneOverT(1))) {
            bad("negative step: " + s.describe(), () -> s.valueAt(-1), "step = -1", ">= 0");
        }
        bad("sequential milestone count", () -> new SequentialLR(List.of(Schedule.constant(1), Schedule.constant(2))),
                "milestones has 0 entries", "exactly one fewer than schedules (2)");
        bad("sequential milestones repeat",
                () -> new SequentialLR(List.of(Schedule.constant(1), Schedule.constant(2), Schedule.constant(3)), 5, 5),
                "milestones[1] = 5", "> milestones[0] = 5", "strictly increasing");
        bad("plateau factor 1", () -> ReduceLROnPlateau.builder().factor(1.0), "factor = 1.0", "[0, 1)");
        bad("plateau patience -1", () -> ReduceLROnPlateau.builder().patience(-1), "patience = -1", ">= 0");
        bad("plateau threshold NaN", () -> ReduceLROnPlateau.builder().threshold(Double.NaN), "threshold = NaN", ">= 0");
        bad("plateau mode", () -> ReduceLROnPlateau.Mode.parse("up"), "mode = 'up'", "min or max");
        bad("tracker update 0", () -> new StepLR(1, 1, 0.5).asTracker().getNewValue(0), "numUpdate = 0", ">= 1");
        bad("tracker iterationsPerStep 0", () -> Schedule.constant(1).asTracker(0), "iterationsPerStep = 0", ">= 1");
        bad("batch factor < 1", () -> BatchSizeSchedule.everySteps(0.1, 128, 10, 0.5, 1024), "factor = 0.5", ">= 1");
        bad("batch cap below start", () -> BatchSizeSchedule.everySteps(0.1, 128, 10, 2, 64),
                "max_batch_size = 64", ">= 128");
        bad("batch size 0", () -> BatchSizeSchedule.everySteps(0.1, 0, 10, 2, 64), "initial_batch_size = 0", ">= 1");
        bad("horizon too short", () -> ConvergenceConditions.check(Schedule.constant(1), 2), "horizon = 2", ">= 8");
        bad("unknown schedule", () -> Schedules.fromOptions("warmup", Options.of(Map.of("lr", 0.1))),
                "schedule = 'warmup' is unknown", "step", "cosine", "cyclic");
        bad("unknown schedule option", () -> Schedules.fromOptions("step", Options.of(Map.of("lr", 0.1, "step_size", 3, "gama", 0.5))),
                "gama", "step_size", "gamma");
        bad("missing step_size", () -> Schedules.fromOptions("step", Options.of(Map.of("lr", 0.1))),
                "needs step_size");
        bad("missing lr", () -> Schedules.fromOptions("cosine", Options.of(Map.of("T_max", 10))), "needs lr");
        bad("exponential both gamma and k", () -> Schedules.fromOptions("exponential",
                Options.of(Map.of("lr", 0.1, "gamma", 0.9, "k", 0.1))), "exactly one of gamma", "k");
        bad("cycle_momentum true", () -> Schedules.fromOptions("cyclic",
                Options.of(Map.of("base_lr", 0.1, "max_lr", 1, "cycle_momentum", true))), "cycle_momentum = true");
        bad("fractional milestone", () -> Schedules.fromOptions("multistep",
                Options.of(Map.of("lr", 0.1, "milestones", "10,20.5"))), "milestones[1] = 20.5", "whole number");
        bad("stepping backwards", () -> {
            try (Sgd sgd = Sgd.of(0.1)) {
                Scheduler s = Scheduler.perEpoch(new StepLR(0.1, 2, 0.5), sgd);
                s.stepTo(5);
                s.stepTo(3);
            }
        }, "stepping a schedule backwards", "step = 3", "current step is 5", ">= 5");
        return tests;
    }
}
