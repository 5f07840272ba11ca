package org.descentlab.notebook;

import org.descentlab.plot.CurvePlot;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.TextProgress;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingResult;
import org.descentlab.util.Check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A training run shown live in a notebook cell: one progress line ({@link TextProgress}'s: epoch, step,
 * it/s, ETA, loss) and one chart (running minibatch loss, epoch mean loss and validation error on a
 * log scale), each replaced in place. At the end the line becomes the run's summary row and the chart
 * its final state, so a saved notebook keeps both.
 *
 * <p>Throttled so it costs under 2 % of a run, whatever the kernel's cost per output (measured in
 * the JJava kernel on a loaded 2-core machine: about 10 ms to replace the line, 140 ms to redraw the
 * chart): the line is replaced at most once per {@value #LINE_SECONDS} s and never more often than
 * keeps its own cost under {@value #BUDGET} of the elapsed time; the chart at an epoch's end or
 * after {@value #CHART_SECONDS} s, only while the charts so far plus one more (at the last one's cost)
 * stay under {@value #BUDGET} of the elapsed time. At the end the line becomes the summary and the
 * chart is redrawn only if points came after the last one drawn (when the last epoch's chart was drawn,
 * the end costs one table). {@link #overheadSeconds()} reports the cost, {@link #endSeconds()} the end's share of it.
 */
public final class LiveTraining implements ProgressListener {

    static final double LINE_SECONDS = 1.0;
    static final double CHART_SECONDS = 10.0;
    /** Share of the run's wall time the line may take, and the chart as much again. */
    static final double BUDGET = 0.005;
    /** Seconds a chart is expected to cost before one was drawn (140 ms measured in the kernel). */
    static final double FIRST_CHART_GUESS = 0.1;

    private final NotebookDisplay display;
    private final LongSupplier clock;
    private final TextProgress text;
    private String latest;
    private String lineId;
    private String chartId;
    private String name = "";
    private long start;
    private long lastLine;
    private long lastChart;
    private long spent;
    private long lineSpent;
    private long chartSpent;
    private long endSpent;
    /** What the last chart cost (before the first: {@link #FIRST_CHART_GUESS}). */
    private long chartCost = (long) (FIRST_CHART_GUESS * 1e9);
    /** Points were added since the chart was last drawn. */
    private boolean chartStale;
    private int charts;
    private int lines;
    private double lossSum;
    private int lossCount;
    private final List<double[]> running = new ArrayList<>();
    private final List<double[]> epochLoss = new ArrayList<>();
    private final List<double[]> validationError = new ArrayList<>();

    /** Shows progress on {@code display}. */
    public LiveTraining(NotebookDisplay display) {
        this(display, System::nanoTime);
    }

    LiveTraining(NotebookDisplay display, LongSupplier clock) {
        this.display = Check.notNull("display", display);
        this.clock = clock;
        this.text = TextProgress.callback(s -> latest = s);
    }

    @Override
    public void onStart(TrainingConfig config, int firstEpoch) {
        long t0 = clock.getAsLong();
        name = config.name();
        start = t0;
        text.onStart(config, firstEpoch);
        lineId = display.show(name + "  starting at epoch " + firstEpoch + "/" + config.epochs());
        lines++;
        lastLine = clock.getAsLong();
        lastChart = lastLine;
        spent += clock.getAsLong() - t0;
    }

    @Override
    public void onStep(int epoch, int batch, int batches, double loss) {
        long t0 = clock.getAsLong();
        lossSum += loss;
        lossCount++;
        text.onStep(epoch, batch, batches, loss);
        if (lineDue(t0) && latest != null) {
            running.add(new double[] {epoch - 1 + (double) batch / batches, lossSum / lossCount});
            chartStale = true;
            lossSum = 0;
            lossCount = 0;
            showLine(latest);
            if (t0 - lastChart >= CHART_SECONDS * 1e9 && chartAllowed(t0)) {
                showChart();
            }
        }
        spent += clock.getAsLong() - t0;
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        long t0 = clock.getAsLong();
        text.onEpoch(m);
        epochLoss.add(new double[] {m.epoch(), m.trainLoss()});
        validationError.add(new double[] {m.epoch(), 1 - m.validationAccuracy() / 100});
        chartStale = true;
        if (lineDue(t0)) {
            showLine(latest);
        }
        if (chartAllowed(t0)) {
            showChart();
        }
        spent += clock.getAsLong() - t0;
    }

    @Override
    public void onEnd(TrainingResult result) {
        long t0 = clock.getAsLong();
        display.update(lineId, RunSummary.of(result));
        lines++;
        if (chartStale) {
            showChart();
        }
        long t1 = clock.getAsLong();
        endSpent += t1 - t0;
        spent += t1 - t0;
    }

    /** Seconds spent in this listener so far (formatting, rendering, sending outputs). */
    public double overheadSeconds() {
        return spent / 1e9;
    }

    /** Seconds spent at the run's end (the summary, and the final chart if it changed). */
    public double endSeconds() {
        return endSpent / 1e9;
    }

    /** What the outputs cost so far, e.g. {@code 25 lines 0.12 s, 3 charts 0.30 s, end 0.02 s, in all 0.49 s}. */
    public String costs() {
        return String.format(java.util.Locale.ROOT, "%d lines %.3f s, %d charts %.3f s, end %.3f s, in all %.3f s",
                lines, lineSpent / 1e9, charts, chartSpent / 1e9, endSpent / 1e9, spent / 1e9);
    }

    /** Charts and lines shown so far (first display plus updates). */
    public int[] updates() {
        return new int[] {lines, charts};
    }

    /** The chart as it stands: running minibatch loss, epoch mean loss, validation error. */
    public CurvePlot chart() {
        CurvePlot plot = new CurvePlot(name + ": loss and validation error", "epoch", "log scale")
                .logY(true).size(720, 360);
        add(plot, "minibatch loss (running mean)", running);
        add(plot, "epoch mean loss", epochLoss);
        add(plot, "validation error (fraction)", validationError);
        return plot;
    }

    private boolean lineDue(long now) {
        return now - lastLine >= LINE_SECONDS * 1e9 && lineSpent <= BUDGET * (now - start);
    }

    /** A chart is drawn only if, at what the last one cost (a guess before the first), it stays within the budget. */
    private boolean chartAllowed(long now) {
        return chartSpent + chartCost <= BUDGET * (now - start);
    }

    private void showLine(String s) {
        long t0 = clock.getAsLong();
        display.update(lineId, s);
        lines++;
        lastLine = clock.getAsLong();
        lineSpent += lastLine - t0;
    }

    private void showChart() {
        if (running.isEmpty() && epochLoss.isEmpty()) {
            return;
        }
        long t0 = clock.getAsLong();
        CurvePlot plot = chart();
        if (chartId == null) {
            chartId = display.show(plot);
        } else {
            display.update(chartId, plot);
        }
        charts++;
        chartStale = false;
        lastChart = clock.getAsLong();
        chartCost = lastChart - t0;
        chartSpent += chartCost;
    }

    private static void add(CurvePlot plot, String label, List<double[]> points) {
        // log scale: only positive values can be drawn
        List<double[]> positive = points.stream().filter(p -> p[1] > 0 && Double.isFinite(p[1])).toList();
        if (positive.isEmpty()) {
            return;
        }
        plot.add(label, positive.stream().mapToDouble(p -> p[0]).toArray(),
                positive.stream().mapToDouble(p -> p[1]).toArray());
    }
}
