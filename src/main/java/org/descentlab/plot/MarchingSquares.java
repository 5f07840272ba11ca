package org.descentlab.plot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

/**
 * Contour lines of a function sampled on a rectangular grid, by marching squares.
 *
 * <p>Each grid cell whose corners lie on both sides of the level gets one line segment (two in a
 * saddle cell, split the way the cell's centre value, the mean of its corners, says). The crossing
 * on an edge is placed by linear interpolation between the edge's two corner values. Segments are
 * then joined into polylines through the edges they share, so a closed contour comes back as one
 * polyline whose last point equals its first. A corner counts as "above" when its value is
 * {@code >= level}. Cells with a non-finite corner are skipped, so lines end there.
 */
public final class MarchingSquares {

    private MarchingSquares() {}

    /**
     * Samples {@code f} on the grid: {@code z[i][j] = f(xs[i], ys[j])}.
     */
    public static double[][] sample(DoubleBinaryOperator f, double[] xs, double[] ys) {
        if (f == null) {
            throw new IllegalArgumentException("f must not be null");
        }
        double[][] z = new double[xs.length][ys.length];
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                z[i][j] = f.applyAsDouble(xs[i], ys[j]);
            }
        }
        return z;
    }

    /** {@code n} evenly spaced values from {@code min} to {@code max} inclusive ({@code n >= 2}). */
    public static double[] linspace(double min, double max, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("n = " + n + " is invalid: must be an integer >= 2");
        }
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = min + (max - min) * k / (n - 1);
        }
        v[n - 1] = max;
        return v;
    }

    /**
     * The contour of {@code z} at {@code level}.
     *
     * @param xs the grid's x coordinates, strictly increasing, at least 2
     * @param ys the grid's y coordinates, strictly increasing, at least 2
     * @param z the values, {@code z[i][j]} at {@code (xs[i], ys[j])}
     * @return polylines, each an array of {@code {x, y}} points with at least 2 points
     */
    public static List<double[][]> contour(double[] xs, double[] ys, double[][] z, double level) {
        checkGrid(xs, ys, z);
        if (!Double.isFinite(level)) {
            throw new IllegalArgumentException("level = " + level + " is invalid: must be finite");
        }
        int nx = xs.length;
        int ny = ys.length;
        // Points on grid edges, keyed by edge id; each edge holds at most one crossing.
        Map<Long, double[]> points = new HashMap<>();
        // For each edge id, the (at most two) edge ids it is joined to by a segment.
        Map<Long, long[]> links = new HashMap<>();
        long[] e = new long[4];
        boolean[] has = new boolean[4];
        for (int i = 0; i + 1 < nx; i++) {
            for (int j = 0; j + 1 < ny; j++) {
                double bl = z[i][j];
                double br = z[i + 1][j];
                double tr = z[i + 1][j + 1];
                double tl = z[i][j + 1];
                if (!(Double.isFinite(bl) && Double.isFinite(br) && Double.isFinite(tr) && Double.isFinite(tl))) {
                    continue;
                }
                // edges: 0 bottom (bl-br), 1 right (br-tr), 2 top (tl-tr), 3 left (bl-tl)
                e[0] = hEdge(i, j, nx);
                e[1] = vEdge(i + 1, j, nx);
                e[2] = hEdge(i, j + 1, nx);
                e[3] = vEdge(i, j, nx);
                has[0] = cross(bl, br, level, xs[i], xs[i + 1], ys[j], true, e[0], points);
                has[1] = cross(br, tr, level, ys[j], ys[j + 1], xs[i + 1], false, e[1], points);
                has[2] = cross(tl, tr, level, xs[i], xs[i + 1], ys[j + 1], true, e[2], points);
                has[3] = cross(bl, tl, level, ys[j], ys[j + 1], xs[i], false, e[3], points);
                int count = (has[0] ? 1 : 0) + (has[1] ? 1 : 0) + (has[2] ? 1 : 0) + (has[3] ? 1 : 0);
                if (count == 2) {
                    int a = -1;
                    int b = -1;
                    for (int k = 0; k < 4; k++) {
                        if (has[k]) {
                            if (a < 0) {
                                a = k;
                            } else {
                                b = k;
                            }
                        }
                    }
                    link(e[a], e[b], links);
                } else if (count == 4) {
                    double centre = (bl + br + tr + tl) / 4;
                    if ((centre >= level) == (bl >= level)) {
                        // bl and tr are joined through the centre: cut off br and tl
                        link(e[0], e[1], links);
                        link(e[2], e[3], links);
                    } else {
                        // br and tl are joined: cut off bl and tr
                        link(e[3], e[0], links);
                        link(e[1], e[2], links);
                    }
                }
            }
        }
        return chain(points, links);
    }

    /** Checks the grid's shape and ordering, naming the offending parameter. */
    static void checkGrid(double[] xs, double[] ys, double[][] z) {
        checkAxis("xs", xs);
        checkAxis("ys", ys);
        if (z == null || z.length != xs.length) {
            throw new IllegalArgumentException(
                    "z must have xs.length = " + xs.length + " rows, got " + (z == null ? "null" : z.length));
        }
        for (int i = 0; i < z.length; i++) {
            if (z[i] == null || z[i].length != ys.length) {
                throw new IllegalArgumentException("z[" + i + "] must have ys.length = " + ys.length + " entries");
            }
        }
    }

    private static void checkAxis(String name, double[] v) {
        if (v == null || v.length < 2) {
            throw new IllegalArgumentException(name + " must have at least 2 coordinates");
        }
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k]) || (k > 0 && !(v[k] > v[k - 1]))) {
                throw new IllegalArgumentException(
                        name + "[" + k + "] = " + v[k] + " is invalid: coordinates must be finite and strictly increasing");
            }
        }
    }

    private static long hEdge(int i, int j, int nx) {
        return 2L * ((long) j * nx + i);
    }

    private static long vEdge(int i, int j, int nx) {
        return 2L * ((long) j * nx + i) + 1;
    }

    /**
     * Records the crossing on the edge from value {@code a} at {@code s0} to value {@code b} at
     * {@code s1} (along x if {@code horizontal}, else along y; {@code fixed} is the other coordinate).
     */
    private static boolean cross(double a, double b, double level, double s0, double s1, double fixed,
            boolean horizontal, long edge, Map<Long, double[]> points) {
        if ((a >= level) == (b >= level)) {
            return false;
        }
        if (!points.containsKey(edge)) {
            double t = (level - a) / (b - a);
            double s = s0 + t * (s1 - s0);
            points.put(edge, horizontal ? new double[] {s, fixed} : new double[] {fixed, s});
        }
        return true;
    }

    private static void link(long a, long b, Map<Long, long[]> links) {
        add(links, a, b);
        add(links, b, a);
    }

    private static void add(Map<Long, long[]> links, long from, long to) {
        long[] l = links.get(from);
        if (l == null) {
            links.put(from, new long[] {to});
        } else {
            long[] m = new long[l.length + 1];
            System.arraycopy(l, 0, m, 0, l.length);
            m[l.length] = to;
            links.put(from, m);
        }
    }

    /** Walks the degree-at-most-2 graph: open chains from their ends first, then closed loops. */
    private static List<double[][]> chain(Map<Long, double[]> points, Map<Long, long[]> links) {
        List<double[][]> lines = new ArrayList<>();
        Map<Long, Boolean> done = new HashMap<>();
        for (Map.Entry<Long, long[]> en : links.entrySet()) {
            if (en.getValue().length == 1 && !done.containsKey(en.getKey())) {
                lines.add(walk(en.getKey(), points, links, done));
            }
        }
        for (Long start : links.keySet()) {
            if (!done.containsKey(start)) {
                lines.add(walk(start, points, links, done));
            }
        }
        return lines;
    }

    private static double[][] walk(long start, Map<Long, double[]> points, Map<Long, long[]> links,
            Map<Long, Boolean> done) {
        List<double[]> line = new ArrayList<>();
        long current = start;
        long previous = Long.MIN_VALUE;
        while (true) {
            line.add(points.get(current).clone());
            done.put(current, Boolean.TRUE);
            long next = Long.MIN_VALUE;
            for (long n : links.get(current)) {
                if (n != previous && !done.containsKey(n)) {
                    next = n;
                    break;
                }
            }
            if (next == Long.MIN_VALUE) {
                // closed loop: back at the start through a link other than the one we came by
                for (long n : links.get(current)) {
                    if (n == start && n != previous && line.size() > 2) {
                        line.add(points.get(start).clone());
                        break;
                    }
                }
                break;
            }
            previous = current;
            current = next;
        }
        return line.toArray(new double[0][]);
    }
}
