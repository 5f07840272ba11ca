package org.descentlab.util;

import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Sgd;
import org.descentlab.problem.Rosenbrock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterruptionTest {

    @Test
    void checkPassesUntilTheThreadIsInterruptedThenThrowsAndClearsTheFlag() {
        Interruption.check(() -> "never computed");
        Thread.currentThread().interrupt();
        CancellationException e = assertThrows(CancellationException.class, () -> Interruption.check(() -> "the loop"));
        assertEquals("interrupted: the loop stopped", e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the next cell starts clean");
    }

    @Test
    void aTrajectoryStopsAtTheStepItIsInterruptedAt() {
        Thread.currentThread().interrupt();
        CancellationException e = assertThrows(CancellationException.class,
                () -> TrajectoryRunner.run(new Rosenbrock(), Sgd.builder().lr(1e-3).build(), 1000));
        assertTrue(e.getMessage().endsWith("at step 0/1000 stopped"), e.getMessage());
        assertEquals(1000, TrajectoryRunner.run(new Rosenbrock(), Sgd.builder().lr(1e-3).build(), 1000).steps(),
                "and the next run is whole");
    }
}
