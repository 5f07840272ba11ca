package org.descentlab.cli;

import org.descentlab.experiment.FigureReport;
import org.descentlab.experiment.LectureFigure;
import org.descentlab.experiment.LectureFigures;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code descent figures}: writes every lecture figure ({@link LectureFigures}) as PNG and CSV plus an
 * {@code index.md}, printing per-figure and total wall time to standard error.
 */
@Command(
        name = "figures",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Reproduce the lecture figures: writes DIR/<id>.png, DIR/<id>.csv and DIR/index.md "
                    + "(figure -> lecture and slide title -> files).",
            "Per-figure and total wall time go to standard error.",
        })
final class FiguresCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The output directory (created if missing; must not be an existing file).")
    String out;

    @Option(names = "--only", paramLabel = "ID,...", split = ",",
            description = "Only these figures (comma-separated ids; see 'descent figures --help').")
    List<String> only = new ArrayList<>();

    @Override
    public void run() {
        Path dir;
        try {
            dir = Path.of(out);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--out = '" + out + "' is not a valid path: " + e.getMessage(), e);
        }
        FigureReport.checkDirectory(dir);
        List<LectureFigure> figures = select();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        List<FigureReport.Timing> timings = FigureReport.write(dir, figures, t -> {
            err.println(String.format(Locale.ROOT, "%-28s %7.2f s", t.id(), t.seconds()));
            err.flush();
        });
        double total = (System.nanoTime() - t0) / 1e9;
        err.println(String.format(Locale.ROOT, "%-28s %7.2f s (%d figures, %d cores) -> %s", "total", total,
                timings.size(), Runtime.getRuntime().availableProcessors(), dir.resolve("index.md")));
        err.flush();
    }

    private List<LectureFigure> select() {
        if (only.isEmpty()) {
            return LectureFigures.all();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : only) {
            String k = id.trim().toLowerCase(Locale.ROOT);
            if (!k.isEmpty()) {
                ids.add(k);
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("--only is empty: give at least one id, e.g. --only gd-regimes");
        }
        List<LectureFigure> out = new ArrayList<>();
        for (String id : ids) {
            if (!LectureFigures.ids().contains(id)) {
                throw new IllegalArgumentException("--only = '" + id + "' is unknown: must be one of "
                        + String.join(", ", LectureFigures.ids()));
            }
            out.add(LectureFigures.get(id));
        }
        return out;
    }

    /** The help footer: the figure ids with their lecture and slide. */
    static String[] footer() {
        List<String> lines = new ArrayList<>(List.of("", "Examples:",
                "  descent figures --out target/figures",
                "  descent figures --out figures --only gd-regimes,sigmoid-plateau-loss", "", "Figures:"));
        int width = LectureFigures.ids().stream().mapToInt(String::length).max().orElse(0);
        for (LectureFigure f : LectureFigures.all()) {
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %s, \"%s\"", f.id(), f.lecture().label(), f.slide()));
        }
        return lines.toArray(String[]::new);
    }
}
