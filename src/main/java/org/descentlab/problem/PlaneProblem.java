package org.descentlab.problem;

import java.util.Optional;

/**
 * What the two-parameter toy problems share: a name, dimension 2, a checked start point, and their usual
 * plot window widened where the start or the optimum lies outside it.
 */
public abstract class PlaneProblem extends AbstractProblem {

    private final String name;

    /**
     * @param name the registry name
     * @param start the start point, or null for {@code defaultStart}
     * @param defaultStart the default start point (null: a start must be given)
     */
    protected PlaneProblem(String name, double[] start, double[] defaultStart) {
        this.name = name;
        setStart(start == null ? defaultStart : start);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public final int dimension() {
        return 2;
    }

    /** {@code usual} if it holds the start and the optimum, else a window around both. */
    protected Optional<PlotWindow> usualWindow(PlotWindow usual) {
        double[] start = start();
        double[] o = optimum().orElseThrow();
        if (usual.contains(start[0], start[1]) && usual.contains(o[0], o[1])) {
            return Optional.of(usual);
        }
        return Optional.of(PlotWindow.around(start, o));
    }
}
