package org.descentlab.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void roundsToTheGivenDecimalsAndKeepsNonFiniteValues() {
        assertArrayEquals(new double[] {1.23, -0.5, 2.0, Double.NaN, Double.POSITIVE_INFINITY},
                Numbers.round(new double[] {1.2349, -0.499999, 1.999, Double.NaN, Double.POSITIVE_INFINITY}, 2));
    }

    @Test
    void negativeDigitsAreAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Numbers.round(new double[] {1}, -1));
        assertTrue(e.getMessage().contains("digits = -1"), e.getMessage());
    }
}
