package org.descentlab.experiment;

import org.descentlab.plot.Figure;
import org.descentlab.util.Check;
import tech.tablesaw.api.Table;

import java.util.function.Supplier;

/**
 * One lecture figure: what it reproduces (a lecture and a slide: its title, or a phrase printed on it
 * where the slide has no title, verbatim), a sentence on what it shows, and how to build it. Building
 * runs the library's own calls (problem, optimizer, runner, table, plot); every run is seeded, so two
 * builds give the same numbers.
 *
 * @param id a short file-name-safe name, e.g. {@code sigmoid-plateau-loss}
 * @param title the chart's title
 * @param lecture the lecture, cited by its label (e.g. {@code CTU DLE L7})
 * @param slide a slide title of that lecture (or a phrase on an untitled slide), verbatim
 * @param summary one sentence on what the figure shows
 * @param builder computes the figure
 */
public record LectureFigure(
        String id, String title, Lecture lecture, String slide, String summary, Supplier<Output> builder) {

    public LectureFigure {
        Check.notNull("id", id);
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("id = '" + id + "' is invalid: must be lower-case words joined by -");
        }
        Check.notNull("title", title);
        Check.notNull("lecture", lecture);
        Check.notNull("slide", slide);
        Check.notNull("summary", summary);
        Check.notNull("builder", builder);
    }

    /**
     * What a build produces.
     *
     * @param data the numbers behind the figure (written as {@code <id>.csv})
     * @param figure the chart (written as {@code <id>.png})
     * @param series the number of data series drawn (curves, or optimizer paths on a contour plot;
     *     contour lines, start and optimum markers not counted)
     */
    public record Output(Table data, Figure figure, int series) {}

    /** Computes the figure. */
    public Output build() {
        return builder.get();
    }
}
