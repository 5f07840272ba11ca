package org.descentlab.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void significantDigits() {
        assertEquals(0.00123457, Numbers.significant(0.001234567, 6));
        assertEquals(-1.23e-9, Numbers.significant(-1.2345e-9, 3));
        assertEquals(1235000.0, Numbers.significant(1234567.0, 4));
        assertEquals(0.0, Numbers.significant(0.0, 3));
        assertTrue(Double.isNaN(Numbers.significant(Double.NaN, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Numbers.significant(1, 0));
        assertTrue(e.getMessage().contains("digits = 0"), e.getMessage());
    }
}
