package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.problem.DiagonalQuadratic;
import org.junit.jupiter.api.Test;

/** Plain gradient descent on 1/2 sum d_i w_i^2 follows w_k = (1 - lr d_i)^k w_0 exactly (CSC413 L4). */
class SgdClosedFormTest {

    @Test
    void gradientDescentOnAQuadraticContractsByOneMinusLrTimesCurvature() {
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1.0, 10.0}, new double[] {1.0, -2.0});
        double lr = 0.15;
        Trajectory t = TrajectoryRunner.run(q, Sgd.of(lr), 40);
        for (int k = 0; k <= 40; k++) {
            assertEquals(Math.pow(1 - lr * 1.0, k) * 1.0, t.params()[k][0], 1e-15, "w0 at step " + k);
            assertEquals(Math.pow(1 - lr * 10.0, k) * -2.0, t.params()[k][1], 1e-12, "w1 at step " + k);
        }
    }
}
