package org.descentlab.plot;

import org.knowm.xchart.style.markers.Marker;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;

/**
 * Markers XChart lacks, drawn larger than the chart's marker size so that a start point or an
 * optimum stands out from the small markers of the iterates: a five-pointed star and a ring, each
 * filled with the series colour and outlined so it shows on any background.
 */
final class Markers {

    private Markers() {}

    /** A five-pointed star {@code scale} times the chart's marker size, with a black outline. */
    static Marker star(double scale) {
        return new Marker() {
            @Override
            public void paint(Graphics2D g, double x, double y, int markerSize) {
                double outer = markerSize * scale / 2;
                double inner = outer * 0.45;
                Path2D.Double p = new Path2D.Double();
                for (int k = 0; k < 10; k++) {
                    double r = k % 2 == 0 ? outer : inner;
                    double a = -Math.PI / 2 + k * Math.PI / 5;
                    double px = x + r * Math.cos(a);
                    double py = y + r * Math.sin(a);
                    if (k == 0) {
                        p.moveTo(px, py);
                    } else {
                        p.lineTo(px, py);
                    }
                }
                p.closePath();
                fillAndOutline(g, p, Color.BLACK);
            }
        };
    }

    /** A filled disc {@code scale} times the chart's marker size with a white ring around it. */
    static Marker disc(double scale) {
        return new Marker() {
            @Override
            public void paint(Graphics2D g, double x, double y, int markerSize) {
                double d = markerSize * scale;
                fillAndOutline(g, new Ellipse2D.Double(x - d / 2, y - d / 2, d, d), Color.WHITE);
            }
        };
    }

    private static void fillAndOutline(Graphics2D g, Shape shape, Color outline) {
        Color fill = g.getColor();
        java.awt.Stroke old = g.getStroke();
        g.fill(shape);
        g.setColor(outline);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(shape);
        g.setColor(fill);
        g.setStroke(old);
    }
}
