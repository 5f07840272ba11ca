package org.descentlab.experiment;

import org.descentlab.plot.Figure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every lecture figure builds, renders, has its series and CSV shape, and is cited in the index by lecture
 * and slide. That each slide title occurs in the lecture's slide text is {@link LectureSlideTitlesTest}.
 */
class LectureFiguresTest {

    private static final List<String> RUN_COLUMNS = List.of("series", "step", "lr", "loss", "grad_norm", "w0", "w1");
    private static final List<String> RUN_COLUMNS_EXCESS =
            List.of("series", "step", "lr", "loss", "grad_norm", "w0", "w1", "excess_loss");

    /** id -> (series drawn, CSV columns, CSV rows). */
    record Expected(int series, List<String> columns, int rows) {}

    static final Map<String, Expected> EXPECTED = Map.ofEntries(
            entry("gd-vs-sgd-paths", new Expected(4, RUN_COLUMNS_EXCESS, 4 * 101)),
            entry("gd-vs-sgd-loss", new Expected(4, RUN_COLUMNS_EXCESS, 4 * 101)),
            entry("gd-vs-sgd-cost", new Expected(4, List.of("series", "batch", "step", "examples", "excess_loss"), 4 * 101)),
            entry("sigmoid-plateau-loss", new Expected(6, RUN_COLUMNS, 6 * 301)),
            entry("sigmoid-plateau-paths", new Expected(6, RUN_COLUMNS, 6 * 301)),
            entry("gd-regimes", new Expected(3, List.of("regime", "alpha_lambda", "step", "w", "closed_form"), 3 * 17)),
            entry("ravine-momentum", new Expected(2, RUN_COLUMNS_EXCESS, 2 * 81)),
            entry("banana-momentum", new Expected(2, RUN_COLUMNS_EXCESS, 2 * 401)),
            entry("input-normalization", new Expected(2,
                    List.of("series", "condition_number", "lr", "step", "loss", "excess_loss"), 2 * 201)),
            entry("saddle-escape", new Expected(3, RUN_COLUMNS_EXCESS, 3 * 101)),
            entry("schedule-conditions", new Expected(3, List.of("schedule", "horizon", "first", "last", "sum",
                    "half_sum", "sum_of_squares", "half_sum_of_squares", "tends_to_zero", "sum_diverges",
                    "sum_of_squares_converges", "satisfies_theorem"), 3 * 5)),
            entry("schedule-partial-sums", new Expected(6, List.of("horizon", "eta_const", "sum_const", "sum_sq_const",
                    "eta_inv_t", "sum_inv_t", "sum_sq_inv_t", "eta_exp", "sum_exp", "sum_sq_exp"), 1000)),
            entry("schedules-decay", new Expected(8, null, 101)),
            entry("schedules-cyclic", new Expected(6, null, 101)),
            entry("ema-bias-correction", new Expected(5,
                    List.of("t", "x", "ema", "running_mean", "min_t_n", "adam_division"), 60)),
            entry("momentum-terminal-velocity", new Expected(6,
                    List.of("mu", "step", "velocity", "terminal_velocity"), 3 * 100)),
            entry("ravine-adaptive", new Expected(3, RUN_COLUMNS_EXCESS, 3 * 101)),
            entry("learning-rate", new Expected(4, RUN_COLUMNS_EXCESS, 4 * 51)));

    static Stream<String> ids() {
        return LectureFigures.ids().stream();
    }

    @Test
    void everyFigureHasExpectations() {
        assertEquals(EXPECTED.keySet(), new HashSet<>(LectureFigures.ids()));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void buildsRendersAndHasItsShape(String id, @TempDir Path dir) throws IOException {
        LectureFigure f = LectureFigures.get(id);
        LectureFigure.Output out = f.build();
        Expected e = EXPECTED.get(id);

        Figure fig = out.figure();
        Path png = fig.toPng(dir.resolve(id + ".png"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, id + ".png does not decode");
        assertEquals(fig.width(), img.getWidth(), "width");
        assertEquals(fig.height(), img.getHeight(), "height");

        assertEquals(e.series(), out.series(), "series count of " + id);
        XYChart chart = (XYChart) fig.chart();
        int visible = 0;
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (s.isShowInLegend() && !s.getName().equals("start") && !s.getName().equals("optimum")) {
                visible++;
            }
        }
        assertEquals(e.series(), visible, "series in the chart's legend for " + id);

        Table t = out.data();
        if (e.columns() != null) {
            assertEquals(e.columns(), t.columnNames(), "CSV columns of " + id);
        }
        assertEquals(e.rows(), t.rowCount(), "CSV rows of " + id);
    }

    @Test
    void buildsAreDeterministic() {
        for (String id : List.of("gd-vs-sgd-loss", "saddle-escape", "ema-bias-correction")) {
            Table a = LectureFigures.get(id).build().data();
            Table b = LectureFigures.get(id).build().data();
            assertEquals(a.printAll(), b.printAll(), id);
        }
    }

    @Test
    void reportWritesEveryFileAndAnIndexCitingEachLecture(@TempDir Path dir) throws IOException {
        List<LectureFigure> figures = LectureFigures.all();
        List<FigureReport.Timing> timings = FigureReport.write(dir, figures, null);
        assertEquals(figures.size(), timings.size());
        String index = Files.readString(dir.resolve("index.md"));
        for (Lecture l : Lecture.values()) {
            assertTrue(index.contains("| " + l.label() + " | " + l.course() + " | " + l.title() + " |"),
                    "index.md names " + l.label() + "'s course and title");
        }
        for (LectureFigure f : figures) {
            assertTrue(Files.size(dir.resolve(f.id() + ".png")) > 1000, f.id() + ".png");
            List<String> csv = Files.readAllLines(dir.resolve(f.id() + ".csv"));
            assertEquals(EXPECTED.get(f.id()).rows() + 1, csv.size(), f.id() + ".csv lines");
            String row = index.lines().filter(l -> l.contains("(`" + f.id() + "`)")).findFirst()
                    .orElseThrow(() -> new AssertionError("index.md has no row for " + f.id()));
            assertTrue(row.contains("| " + f.lecture().label() + " |"), row);
            assertTrue(row.contains(f.slide().replace("|", "\\|")), row);
            assertTrue(row.contains("(" + f.id() + ".png)") && row.contains("(" + f.id() + ".csv)"), row);
        }
    }

    @Test
    void scheduleFiguresDrawEveryRegisteredSchedule() {
        Table a = LectureFigures.get("schedules-decay").build().data();
        Table b = LectureFigures.get("schedules-cyclic").build().data();
        Set<String> drawn = new HashSet<>();
        for (Table t : List.of(a, b)) {
            for (String c : t.columnNames()) {
                if (c.startsWith("lr_")) {
                    drawn.add(c.substring(3));
                }
            }
        }
        assertEquals(new HashSet<>(org.descentlab.schedule.Schedules.names()), drawn);
        assertFalse(drawn.isEmpty());
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> LectureFigures.get("nope"));
        assertTrue(e.getMessage().contains("gd-regimes"), e.getMessage());
    }

    static List<Double> column(Table t, String name) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            out.add(((Number) t.column(name).get(i)).doubleValue());
        }
        return out;
    }
}
