package org.descentlab.problem;

/**
 * What every problem with its own start point shares: the start, checked against the problem's
 * dimension and handed out as a copy. A subclass sets it with {@link #setStart} in its constructor, once
 * the fields that {@link #dimension()} and {@link #name()} read are set.
 */
public abstract class AbstractProblem implements Problem {

    private double[] start;

    /** Checks {@code start} ({@link #checkPoint}) and keeps a copy; once, from the constructor. */
    protected final void setStart(double[] start) {
        if (this.start != null) {
            throw new IllegalStateException("the start of problem '" + name() + "' is already set");
        }
        this.start = checkPoint("start", start).clone();
    }

    @Override
    public double[] start() {
        return start.clone();
    }
}
