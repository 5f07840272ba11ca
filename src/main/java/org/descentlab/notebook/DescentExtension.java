package org.descentlab.notebook;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.exercise.CheckResult;
import org.descentlab.experiment.LectureFigure;
import org.descentlab.experiment.Runs;
import org.descentlab.plot.Figure;
import org.descentlab.train.Training;
import org.descentlab.train.TrainingResult;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderFunction;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.common.Text;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The library's JJava extension, found by the kernel through {@code META-INF/services} on its class
 * path. It registers how a cell shows the library's values when it returns them (or passes them to
 * {@code display}): a Tablesaw {@link Table} as an HTML table ({@link HtmlTable}), a {@link Figure}
 * or {@link LectureFigure} as a PNG, a {@link TrainingResult} or {@link Trajectory} as a one-row
 * summary ({@link RunSummary}), a {@link CheckResult} as formatted text ({@link RichText}) with its
 * figure. Each also gets a short text/plain form, never an object dump. It makes every
 * {@link Training} report live to its cell ({@link LiveTraining}), the worker processes of {@link Runs}
 * too ({@link LiveWorkers}), and the trajectories a cell runs
 * show one progress line when they take more than a few seconds ({@link LiveSweep}).
 */
public final class DescentExtension implements Extension {

    /** The kernel's display and in-place update, as {@link LiveTraining} uses them. */
    public static final NotebookDisplay DISPLAY = new NotebookDisplay() {
        @Override
        public String show(Object value) {
            return BaseNotebookStatics.display(value);
        }

        @Override
        public void update(String id, Object value) {
            BaseNotebookStatics.updateDisplay(id, value);
        }
    };

    @Override
    public void install(BaseKernel kernel) {
        Renderer r = kernel.getRenderer();
        register(r, Table.class, (t, out) -> {
            out.putHTML(HtmlTable.html(t));
            out.putText(HtmlTable.text(t));
        });
        register(r, Figure.class, (f, out) -> png(f.chart(), f.width(), f.height(), out));
        register(r, LectureFigure.Output.class, (o, out) -> png(o.figure().chart(), o.figure().width(),
                o.figure().height(), out));
        register(r, BufferedImage.class, (img, out) -> {
            out.putData(Image.PNG, base64(img));
            out.putText("image " + img.getWidth() + " × " + img.getHeight());
        });
        register(r, TrainingResult.class, (t, out) -> {
            out.putHTML(HtmlTable.html(RunSummary.of(t)));
            out.putText(t.summary());
        });
        register(r, Trajectory.class, (t, out) -> {
            Table s = RunSummary.of(t);
            out.putHTML(HtmlTable.html(s));
            out.putText(HtmlTable.text(s));
        });
        register(r, CheckResult.class, (c, out) -> {
            String html = RichText.html(c.message());
            if (c.image() != null) {
                html += "<img alt=\"your values against the reference\" src=\"data:image/png;base64,"
                        + base64(c.image()) + "\">";
            }
            out.putHTML(html);
            out.putText(RichText.plain(c.message()));
        });
        Training.defaultProgress(() -> new LiveTraining(DISPLAY));
        Runs.defaultProgress(() -> new LiveWorkers(DISPLAY));
        TrajectoryRunner.progress(new LiveSweep(DISPLAY, executionCount(kernel)));
    }

    /**
     * Which cell runs now: the kernel's execution count, which JJava keeps in a protected field (read
     * by reflection: no public accessor). If that fails, null, and {@link LiveSweep} tells sweeps
     * apart by the pause between runs.
     */
    private static Supplier<Object> executionCount(BaseKernel kernel) {
        try {
            Field field = BaseKernel.class.getDeclaredField("executionCount");
            field.setAccessible(true);
            AtomicInteger count = (AtomicInteger) field.get(kernel);
            return count::get;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return () -> null;
        }
    }

    /** Fills a cell's output with {@code value}'s forms. */
    private interface Fill<T> {
        void into(T value, DisplayData out);
    }

    private static <T> void register(Renderer renderer, Class<T> type, Fill<T> fill) {
        RenderFunction<T> f = (value, context) -> fill.into(value, context.getOutputContainer());
        renderer.createRegistration(type).preferring(Text.HTML, Image.PNG).supporting(Text.PLAIN).register(f);
    }

    private static void png(Chart<?, ?> chart, int width, int height, DisplayData out) {
        try {
            out.putData(Image.PNG, Base64.getEncoder().encodeToString(
                    BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "figure" : chart.getTitle();
        out.putText(title + " (" + width + " × " + height + " PNG)");
    }

    private static String base64(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
