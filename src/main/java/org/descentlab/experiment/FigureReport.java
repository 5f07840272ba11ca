package org.descentlab.experiment;

import org.descentlab.util.Check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes lecture figures to a directory: {@code <id>.png} and {@code <id>.csv} for each, and an
 * {@code index.md} table (figure, lecture and slide title, links, one sentence on what it shows).
 */
public final class FigureReport {

    /** The wall time one figure took (computing, rendering and writing). */
    public record Timing(String id, long nanos) {
        public double seconds() {
            return nanos / 1e9;
        }
    }

    /** Receives each figure's timing as soon as it is written (e.g. to print progress). */
    @FunctionalInterface
    public interface Progress {
        void written(Timing timing);
    }

    private FigureReport() {}

    /**
     * Checks that {@code dir} is a directory or can become one: it must not be an existing file.
     *
     * @throws IllegalArgumentException naming {@code --out} if it exists and is not a directory
     */
    public static Path checkDirectory(Path dir) {
        Check.notNull("--out", dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "--out = '" + dir + "' is invalid: it exists and is not a directory (must be a directory or a new path)");
        }
        return dir;
    }

    /**
     * Builds and writes {@code figures} into {@code dir} (created if missing), then {@code index.md}.
     *
     * @return the timing of each figure, in order
     */
    public static List<Timing> write(Path dir, List<LectureFigure> figures, Progress progress) {
        checkDirectory(dir);
        Check.notNull("figures", figures);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the directory " + dir, e);
        }
        List<Timing> timings = new ArrayList<>();
        for (LectureFigure f : figures) {
            long t0 = System.nanoTime();
            LectureFigure.Output out = f.build();
            out.figure().toPng(dir.resolve(f.id() + ".png"));
            out.data().write().csv(dir.resolve(f.id() + ".csv").toFile());
            Timing t = new Timing(f.id(), System.nanoTime() - t0);
            timings.add(t);
            if (progress != null) {
                progress.written(t);
            }
        }
        try {
            Files.writeString(dir.resolve("index.md"), index(figures), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write index.md", e);
        }
        return timings;
    }

    /** The Markdown index of {@code figures}. */
    public static String index(List<LectureFigure> figures) {
        StringBuilder s = new StringBuilder();
        s.append("# Lecture figures\n\n");
        s.append("Written by `bin/descent figures`. Each figure cites a lecture by its label (the course map "
                + "`docs/lectures.md` in the descent repository lists the course, lecturer and public address of "
                + "each) and a slide by its title, or by a phrase printed on it where the slide text has no title, "
                + "quoted verbatim. Every figure is seeded and computed by the library "
                + "(`org.descentlab.experiment.LectureFigures`).\n\n");
        s.append("| lecture | course | lecture title |\n| --- | --- | --- |\n");
        for (Lecture l : Lecture.values()) {
            if (figures.stream().anyMatch(f -> f.lecture() == l)) {
                s.append("| ").append(l.label()).append(" | ").append(cell(l.course())).append(" | ")
                        .append(cell(l.title())).append(" |\n");
            }
        }
        s.append("\n| figure | lecture | slide | files | what it shows |\n");
        s.append("| --- | --- | --- | --- | --- |\n");
        for (LectureFigure f : figures) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | [PNG](%s.png) · [CSV](%s.csv) | %s |%n",
                    cell(f.title()) + " (`" + f.id() + "`)", f.lecture().label(), cell(f.slide()), f.id(), f.id(),
                    cell(f.summary())));
        }
        return s.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
