package org.descentlab.experiment;

/**
 * The five public lectures this project reproduces, each with the short label the product cites it by
 * (e.g. {@code STAT 453 L12, slide "Adaptive Learning Rate via RMSProp"}). {@code docs/lectures.md} is
 * the course map: institution, lecturer, public address, and what reproduces which slides.
 */
public enum Lecture {
    CTU_DLE_L7("Deep Learning Essentials", "7. Optimization"),
    TTIC_31230("TTIC 31230, Fundamentals of Deep Learning", "Stochastic Gradient Descent (SGD)"),
    STAT_453_L12("STAT 453: Introduction to Deep Learning and Generative Models",
            "Improving Gradient Descent-based Optimization"),
    DL1_L4("Deep Learning 1", "Optimization (Part 2)"),
    CSC413_L4("CSC413/2516", "Optimization");

    private final String course;
    private final String title;

    Lecture(String course, String title) {
        this.course = course;
        this.title = title;
    }

    /** The short citation label, e.g. {@code STAT 453 L12}: the constant's name with spaces for underscores. */
    public String label() {
        return name().replace('_', ' ');
    }

    /** The course name as printed on the lecture's title slide. */
    public String course() {
        return course;
    }

    /** The lecture's title as printed on its title slide. */
    public String title() {
        return title;
    }
}
