package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class MarchingSquaresTest {

    private static final double[] XS = MarchingSquares.linspace(-2, 2, 81);
    private static final double[] YS = MarchingSquares.linspace(-2, 2, 81);
    private static final double H = 4.0 / 80;

    @Test
    void circleContourLiesAtItsRadius() {
        double[][] z = MarchingSquares.sample((x, y) -> x * x + y * y, XS, YS);
        for (double r : new double[] {0.3, 1.0, 1.234, 1.9}) {
            List<double[][]> lines = MarchingSquares.contour(XS, YS, z, r * r);
            assertEquals(1, lines.size(), "one closed line at r = " + r);
            double[][] line = lines.get(0);
            assertTrue(line.length > 8, "enough points at r = " + r);
            for (double[] p : line) {
                // linear interpolation of x^2 along an edge errs by at most h^2/4 in r^2
                assertEquals(r, Math.hypot(p[0], p[1]), H * H / (2 * r) + 1e-12, "point " + p[0] + ", " + p[1]);
            }
            assertArrayEquals(line[0], line[line.length - 1], "closed: last point repeats the first");
        }
    }

    @Test
    void contourCrossingTheBorderIsOpen() {
        double[][] z = MarchingSquares.sample((x, y) -> x, XS, YS);
        List<double[][]> lines = MarchingSquares.contour(XS, YS, z, 0.5);
        assertEquals(1, lines.size());
        double[][] line = lines.get(0);
        assertEquals(81, line.length, "one point per horizontal grid line");
        for (double[] p : line) {
            assertEquals(0.5, p[0], 1e-12);
        }
        assertEquals(4.0, Math.abs(line[0][1] - line[line.length - 1][1]), 1e-12, "from border to border");
    }

    @Test
    void twoSeparateLoopsAndASaddle() {
        // two wells: contours below the saddle value 1 are two loops; above it one loop
        double[][] z = MarchingSquares.sample((x, y) -> (x * x - 1) * (x * x - 1) + y * y, XS, YS);
        assertEquals(2, MarchingSquares.contour(XS, YS, z, 0.5).size());
        assertEquals(1, MarchingSquares.contour(XS, YS, z, 2.0).size());
    }

    @Test
    void levelOutsideTheRangeGivesNothingAndNaNCellsAreSkipped() {
        double[][] z = MarchingSquares.sample((x, y) -> x * x + y * y, XS, YS);
        assertTrue(MarchingSquares.contour(XS, YS, z, -1).isEmpty());
        assertTrue(MarchingSquares.contour(XS, YS, z, 100).isEmpty());
        double[][] holes = MarchingSquares.sample((x, y) -> x > 0 ? Double.NaN : x * x + y * y, XS, YS);
        for (double[][] line : MarchingSquares.contour(XS, YS, holes, 1.0)) {
            for (double[] p : line) {
                assertTrue(p[0] <= 1e-12, "no point in the NaN half: " + p[0]);
            }
        }
    }

    @Test
    void badGridsAreRejectedByName() {
        double[][] z = new double[3][3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarchingSquares.contour(new double[] {0, 2, 1}, new double[] {0, 1, 2}, z, 0.5));
        assertTrue(e.getMessage().startsWith("xs[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MarchingSquares.contour(new double[] {0, 1, 2}, new double[] {0, 1}, z, 0.5));
        assertTrue(e.getMessage().startsWith("z[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MarchingSquares.contour(new double[] {0, 1, 2}, new double[] {0, 1, 2}, z, Double.NaN));
        assertTrue(e.getMessage().startsWith("level"), e.getMessage());
    }
}
