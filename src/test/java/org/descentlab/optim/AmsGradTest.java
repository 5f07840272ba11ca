package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** The "amsgrad" entry is torch's Adam(amsgrad=True). */
class AmsGradTest {

    @Test
    void isAdamWithAmsgrad() {
        assertEquals(Adam.builder().lr(0.01).amsgrad(true).build().toString(), Adam.amsgrad(0.01).toString());
        Adam fromOptions = Adam.amsgradFromOptions(Options.parse(List.of("lr=0.01", "betas=0.8,0.99")));
        assertEquals(true, fromOptions.hyperParameters().get("amsgrad"));
        assertEquals("(0.8, 0.99)", fromOptions.hyperParameters().get("betas"));
        double[][] g = AdaBeliefTest.gradients(11, 40, 3);
        double[] x0 = {1, 2, 3};
        assertArrayEquals(AdaBeliefTest.run(Adam.builder().lr(0.01).amsgrad(true).build(), x0, g)[40],
                AdaBeliefTest.run(Adam.amsgrad(0.01), x0, g)[40]);
    }

    /** By hand: after a large gradient, v shrinks but the maximum keeps the step small. */
    @Test
    void theMaximumKeepsTheDenominator() {
        double[][] g = {{10.0}, {0.1}, {0.1}};
        double[][] ams = AdaBeliefTest.run(Adam.amsgrad(0.1), new double[] {0}, g);
        double[][] adam = AdaBeliefTest.run(Adam.of(0.1), new double[] {0}, g);
        assertEquals(adam[1][0], ams[1][0], 0.0); // identical first step
        // v grows at t=1 and decays afterwards; torch keeps max of the uncorrected v: v_1 = 0.001*100
        double b2 = 0.999;
        double v2 = b2 * 0.1 + 0.001 * 0.01;
        double vMax = Math.max(0.1, v2);
        double m2 = 0.9 * 1.0 + 0.1 * 0.1;
        double step2 = 0.1 * (m2 / (1 - 0.81)) / (Math.sqrt(vMax) / Math.sqrt(1 - b2 * b2) + 1e-8);
        assertEquals(ams[1][0] - step2, ams[2][0], 1e-14);
        assertTrue(Math.abs(ams[3][0] - ams[2][0]) <= Math.abs(adam[3][0] - adam[2][0]));
    }

    @Test
    void rejectsAmsgradFalse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Adam.amsgradFromOptions(Options.of(Map.of("amsgrad", false))));
        assertTrue(e.getMessage().startsWith("amsgrad = false is invalid"), e.getMessage());
    }
}
