package org.descentlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AsymptoticLossTest {

    @Test
    void isTheMeanLossOverTheSecondHalfOfTheRun() {
        double[][] params = new double[5][1];
        double[] loss = {9, 7, 3, 2, 1}; // second half: steps 2..4
        Trajectory t = new Trajectory("t", params, loss, new double[5], new double[5]);
        assertEquals(2.0, t.asymptoticLoss(), 0.0);
    }
}
