package org.descentlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.descentlab.optim.Options;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** The name registry used by the command line. */
class SchedulesRegistryTest {

    /** The smallest options that build each name. */
    private static final Map<String, List<String>> MINIMAL = Map.ofEntries(
            Map.entry("constant", List.of("lr=0.1")),
            Map.entry("constant-lr", List.of("lr=0.1")),
            Map.entry("step", List.of("lr=0.1", "step_size=10")),
            Map.entry("halving", List.of("lr=0.1")),
            Map.entry("multistep", List.of("lr=0.1", "milestones=10,20")),
            Map.entry("exponential", List.of("lr=0.1", "gamma=0.9")),
            Map.entry("inverse-time", List.of("lr=0.1", "k=0.1")),
            Map.entry("one-over-t", List.of("lr=0.1")),
            Map.entry("cyclic", List.of("base_lr=0.01", "max_lr=0.1", "step_size_up=10")),
            Map.entry("cosine", List.of("lr=0.1", "T_max=10")),
            Map.entry("cosine-warm-restarts", List.of("lr=0.1", "T_0=10")),
            Map.entry("linear", List.of("lr=0.1")),
            Map.entry("polynomial", List.of("lr=0.1")),
            Map.entry("onecycle", List.of("max_lr=0.1", "total_steps=100")));

    @Test
    void everyNameBuildsFromCommandLineAssignments() {
        assertEquals(MINIMAL.keySet(), new java.util.HashSet<>(Schedules.names()));
        for (String name : Schedules.names()) {
            Schedule s = Schedules.fromOptions(name, Options.parse(MINIMAL.get(name)));
            assertFalse(s.describe().isEmpty());
            double v = s.valueAt(3);
            assertEquals(true, v >= 0 && Double.isFinite(v), name + " at 3: " + v);
        }
    }

    @Test
    void valuesMatchTheDirectConstructors() {
        Schedule step = Schedules.fromOptions("StepLR", Options.parse(List.of("lr=0.1", "step_size=10", "gamma=0.5")));
        assertEquals(new StepLR(0.1, 10, 0.5).describe(), step.describe());
        Schedule k = Schedules.fromOptions("exponential", Options.parse(List.of("lr=1", "k=0.5")));
        assertEquals(Math.exp(-1.5), k.valueAt(3), 1e-16);
        Schedule g = Schedules.fromOptions("exponential", Options.parse(List.of("lr=1", "gamma=0.5")));
        assertEquals(0.125, g.valueAt(3), 0);
        Schedule halving = Schedules.fromOptions("halving", Options.parse(List.of("lr=8")));
        assertEquals(1, halving.valueAt(3), 0);
        Schedule cyc = Schedules.fromOptions("cyclic", Options.parse(
                List.of("base_lr=0.1", "max_lr=0.5", "step_size_up=4", "mode=triangular2")));
        assertEquals(0.3, cyc.valueAt(12), 1e-16);
        Schedule oc = Schedules.fromOptions("onecycle", Options.parse(List.of("lr=0.1", "epochs=2", "steps_per_epoch=50")));
        assertEquals(new OneCycleLR(0.1, 100).valueAt(37), oc.valueAt(37), 0);
    }

    @Test
    void oldSpellingsAndAliasesNameTheSameSchedule() {
        assertEquals("one-over-t", Schedules.canonical("one_over_t"));
        assertEquals("one-over-t", Schedules.canonical("1/t"));
        assertEquals("cosine-warm-restarts", Schedules.canonical("CosineAnnealingWarmRestarts"));
        assertEquals("constant-lr", Schedules.canonical("Constant_LR"));
        assertEquals("inverse-time", Schedules.canonical("inverse"));
        Schedule old = Schedules.fromOptions("one_over_t", Options.parse(List.of("t0=20")), 0.05);
        assertEquals(0.05 / (1 + 30 / 20.0), old.valueAt(30), 1e-17);
        assertEquals(InverseTimeDecay.oneOverT(0.05, 20), old);
    }

    @Test
    void theCatalogStatesEachDefault() {
        assertEquals("lr, factor=1/3, total_iters=5", Schedules.catalog().get("constant-lr"));
        assertEquals("lr, step_size, gamma=0.1", Schedules.catalog().get("step"));
        assertEquals("base_lr, max_lr, step_size_up=2000, step_size_down=step_size_up, mode=triangular, gamma=1,"
                + " cycle_momentum=false", Schedules.catalog().get("cyclic"));
        assertEquals("max_lr, total_steps, pct_start=0.3, anneal_strategy=cos, div_factor=25,"
                + " final_div_factor=10000, three_phase=false, cycle_momentum=false", Schedules.catalog().get("onecycle"));
    }

    @Test
    void defaultLrComesFromTheOptimizer() {
        Schedule s = Schedules.fromOptions("cosine", Options.parse(List.of("T_max=10")), 0.2);
        assertEquals(0.2, s.valueAt(0), 0);
        Schedule given = Schedules.fromOptions("cosine", Options.parse(List.of("T_max=10", "lr=0.3")), 0.2);
        assertEquals(0.3, given.valueAt(0), 0);
    }
}
