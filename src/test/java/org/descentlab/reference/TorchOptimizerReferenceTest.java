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
 * Every torch.optim trajectory of the fixtures (float64, 100 steps on Rosenbrock, a quadratic and a
 * replayed gradient sequence) is reproduced to relative 1e-9 by the descent optimizer of that name.
 */
class TorchOptimizerReferenceTest {

    static final double TOLERANCE = 1e-9;
    /** Relative error is measured against max(|reference|, FLOOR) so that values near 0 compare absolutely. */
    static final double FLOOR = 1e-6;

    private static final Map<String, Double> WORST = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> everyTorchCaseIsReproduced() {
        OptimizerFixtures fixtures = OptimizerFixtures.load("torch");
        List<DynamicTest> tests = new ArrayList<>();
        for (OptimizerFixtures.Case c : fixtures.cases()) {
            tests.add(DynamicTest.dynamicTest(c.id(), () -> {
                if (!TorchMapping.supports(c.optimizer())) {
                    String reason = TorchMapping.UNSUPPORTED.get(c.optimizer());
                    if (reason == null) {
                        fail("fixture optimizer " + c.optimizer() + " is neither mapped nor listed as unsupported");
                    }
                    return;
                }
                try (DescentOptimizer optimizer = TorchMapping.optimizerFor(c)) {
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
        WORST.forEach((name, err) -> System.out.printf("reference torch %-10s max relative error %.3g%n", name, err));
    }
}
