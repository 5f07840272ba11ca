package org.descentlab.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.descentlab.optim.DescentOptimizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every optax trajectory of the fixtures (float64, 100 steps on Rosenbrock, a quadratic and a replayed
 * gradient sequence) is reproduced to relative 1e-9 by the descent optimizer {@link OptaxMapping}
 * builds; optimizers listed in {@link OptaxMapping#UNSUPPORTED} are reported, not silently skipped.
 */
class OptaxOptimizerReferenceTest {

    static final double TOLERANCE = TorchOptimizerReferenceTest.TOLERANCE;
    static final double FLOOR = TorchOptimizerReferenceTest.FLOOR;

    private static final Map<String, Double> WORST = new TreeMap<>();
    private static final Map<String, Integer> NOT_RUN = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> everyOptaxCaseIsReproduced() {
        OptimizerFixtures fixtures = OptimizerFixtures.load("optax");
        List<DynamicTest> tests = new ArrayList<>();
        for (OptimizerFixtures.Case c : fixtures.cases()) {
            tests.add(DynamicTest.dynamicTest(c.id(), () -> {
                if (!OptaxMapping.supports(c.optimizer())) {
                    if (OptaxMapping.UNSUPPORTED.get(c.optimizer()) == null) {
                        fail("fixture optimizer " + c.optimizer() + " is neither mapped nor listed as unsupported");
                    }
                    synchronized (NOT_RUN) {
                        NOT_RUN.merge(c.optimizer(), 1, Integer::sum);
                    }
                    return;
                }
                try (DescentOptimizer optimizer = OptaxMapping.optimizerFor(c)) {
                    double err = OptimizerFixtures.maxRelativeError(c, optimizer, FLOOR);
                    synchronized (WORST) {
                        WORST.merge(c.optimizer(), err, Math::max);
                    }
                    assertTrue(err <= TOLERANCE, c.id() + ": max relative error " + err + " > " + TOLERANCE);
                }
            }));
        }
        return tests.stream();
    }

    @AfterAll
    static void report() {
        WORST.forEach((name, err) -> System.out.printf("reference optax %-10s max relative error %.3g%n", name, err));
        NOT_RUN.forEach((name, n) -> System.out.printf("reference optax %-10s %d cases not run: %s%n",
                name, n, OptaxMapping.UNSUPPORTED.get(name)));
    }
}
