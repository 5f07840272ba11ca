package org.descentlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** Save, restore into a fresh object, continue in lockstep with bit-identical rates. */
class StateTest {

    /** A noisy, plateauing validation loss. */
    private static double metric(int epoch) {
        return 1.0 / (1 + 0.3 * epoch) + 0.05 * Math.sin(1.7 * epoch) + (epoch > 25 ? 0.2 : 0);
    }

    @Test
    void schedulerRoundTripContinuesInLockstep(@TempDir Path dir) throws Exception {
        Schedule schedule = new SequentialLR(
                List.of(LinearLR.warmup(0.1, 0.1, 5), new CosineAnnealingWarmRestarts(0.1, 7, 2, 0.001)), 5);
        try (Sgd a = Sgd.of(1); Sgd b = Sgd.of(1)) {
            Scheduler first = Scheduler.perIteration(schedule, a);
            for (int i = 0; i < 20; i++) {
                first.onIteration();
                first.onEpoch(); // ignored: per-iteration
            }
            assertEquals(20, first.stepCount());
            Path file = dir.resolve("scheduler.state");
            first.state().save(file);
            ScheduleState loaded = ScheduleState.load(file);
            assertEquals(first.state(), loaded);
            Scheduler second = Scheduler.perIteration(schedule, b);
            second.restore(ScheduleState.fromBytes(loaded.toBytes()));
            assertEquals(20, second.stepCount());
            assertEquals(a.lr(), b.lr(), 0);
            for (int i = 0; i < 20; i++) {
                first.step();
                second.step();
                assertEquals(a.lr(), b.lr(), 0, "step " + first.stepCount());
                assertEquals(first.lr(), second.lr(), 0);
            }
            assertEquals(schedule.valueAt(40), b.lr(), 0);
        }
    }

    @Test
    void plateauRoundTripContinuesInLockstep() {
        ReduceLROnPlateau.Builder config = ReduceLROnPlateau.builder().patience(2).cooldown(1).factor(0.5).threshold(0.01);
        try (Sgd a = Sgd.of(0.1); Sgd b = Sgd.of(0.1)) {
            ReduceLROnPlateau first = config.build(a);
            for (int e = 0; e < 20; e++) {
                first.step(metric(e));
            }
            ScheduleState saved = ScheduleState.fromBytes(first.state().toBytes());
            assertEquals(first.state(), saved);
            ReduceLROnPlateau second = config.build(b);
            second.restore(saved);
            assertEquals(first.events(), second.events());
            assertEquals(a.lr(), b.lr(), 0);
            for (int e = 20; e < 40; e++) {
                assertEquals(first.step(metric(e)), second.step(metric(e)));
                assertEquals(a.lr(), b.lr(), 0, "epoch " + (e + 1));
                assertEquals(first.best(), second.best(), 0);
                assertEquals(first.numBadEpochs(), second.numBadEpochs());
                assertEquals(first.cooldownCounter(), second.cooldownCounter());
            }
            assertEquals(first.events(), second.events());
            assertTrue(first.events().size() >= 2, "the script should reduce at least twice: " + first.events());
            assertEquals(40, second.epoch());
        }
    }

    @Test
    void standalonePlateauRoundTrip() {
        ReduceLROnPlateau first = ReduceLROnPlateau.builder().patience(1).build(1.0);
        for (int e = 0; e < 20; e++) {
            first.step(metric(e));
        }
        ReduceLROnPlateau second = ReduceLROnPlateau.builder().patience(1).build(1.0);
        second.restore(first.state());
        for (int e = 20; e < 40; e++) {
            first.step(metric(e));
            second.step(metric(e));
            assertEquals(first.lr(), second.lr(), 0);
        }
    }

    @Test
    void restoringAnotherTypeIsAClearError() {
        try (Sgd sgd = Sgd.of(0.1)) {
            Scheduler s = Scheduler.perEpoch(new StepLR(0.1, 2, 0.5), sgd);
            ReduceLROnPlateau p = ReduceLROnPlateau.builder().build(0.1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.restore(s.state()));
            assertTrue(e.getMessage().contains("cannot restore the state of a Scheduler into a ReduceLROnPlateau"),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> s.restore(p.state()));
            assertTrue(e.getMessage().contains("into a Scheduler"), e.getMessage());
        }
    }

    @Test
    void restoringIntoAnotherScheduleOrGranularityIsAnError() {
        try (Sgd a = Sgd.of(0.1); Sgd b = Sgd.of(0.1)) {
            Scheduler s = Scheduler.perEpoch(new StepLR(0.1, 2, 0.5), a);
            s.stepTo(7);
            Scheduler other = Scheduler.perEpoch(new StepLR(0.1, 3, 0.5), b);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(s.state()));
            assertTrue(e.getMessage().contains("for another schedule"), e.getMessage());
            Scheduler perIteration = Scheduler.perIteration(new StepLR(0.1, 2, 0.5), b);
            e = assertThrows(IllegalArgumentException.class, () -> perIteration.restore(s.state()));
            assertTrue(e.getMessage().contains("per-epoch scheduler state into a per-iteration"), e.getMessage());
        }
    }

    @Test
    void plateauStateFromAnotherConfigurationIsRejected() {
        ReduceLROnPlateau saved = ReduceLROnPlateau.builder().patience(2).build(0.1);
        saved.step(1);
        ReduceLROnPlateau other = ReduceLROnPlateau.builder().patience(3).build(0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(saved.state()));
        assertTrue(e.getMessage().contains("patience = 2 into one configured with 3"), e.getMessage());
    }

    @Test
    void foreignBytesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScheduleState.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertTrue(e.getMessage().contains("not a schedule state"), e.getMessage());
        byte[] good = ReduceLROnPlateau.builder().build(0.1).state().toBytes();
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
        e = assertThrows(IllegalArgumentException.class, () -> ScheduleState.fromBytes(cut));
        assertTrue(e.getMessage().contains("truncated or damaged"), e.getMessage());
    }
}
