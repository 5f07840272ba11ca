package org.descentlab.notebook;

import org.descentlab.analysis.TrajectoryProgress;
import org.descentlab.train.TextProgress;
import org.descentlab.util.Check;

import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A progress line for the trajectories one notebook cell runs (a grid of learning rates or optimizers,
 * an exercise check), replaced in place: {@code trajectories: 3 done, adam(lr=0.05) 1200/3000 steps
 * 4100 it/s ETA 0:01 (sweep 0:04)}. All runs of one cell form one sweep, so a grid gets one line. It
 * appears only once the sweep has run {@value #DELAY_SECONDS} s, so short cells stay silent; then it
 * is replaced at most once per {@value #LINE_SECONDS} s and only while its updates cost under half of
 * {@value #BUDGET} of the sweep's time. At each run's end it shows the runs done so far while all
 * updates cost under {@value #BUDGET} (the half kept free for that), so a saved notebook keeps the
 * sweep's count and time.
 */
public final class LiveSweep implements TrajectoryProgress {

    static final double DELAY_SECONDS = 2.0;
    static final double LINE_SECONDS = 1.0;
    /** Share of the sweep's wall time the line may take. */
    static final double BUDGET = 0.01;

    private final NotebookDisplay display;
    private final Supplier<Object> cell;
    private final LongSupplier clock;
    private Object sweepCell;
    private String lineId;
    private long sweepStart;
    private long runStart;
    private long lastLine;
    private long spent;
    private long lastEnd = Long.MIN_VALUE;
    private int runs;
    private long sweepSteps;
    private String label = "";
    private int steps;
    private int step;

    /**
     * Shows the line on {@code display}; {@code cell} names the cell running now (a new value starts a
     * new sweep), or returns null when unknown: then a run that starts more than
     * {@value #LINE_SECONDS} s after the previous one ended starts a new sweep.
     */
    public LiveSweep(NotebookDisplay display, Supplier<Object> cell) {
        this(display, cell, System::nanoTime);
    }

    LiveSweep(NotebookDisplay display, Supplier<Object> cell, LongSupplier clock) {
        this.display = Check.notNull("display", display);
        this.cell = Check.notNull("cell", cell);
        this.clock = clock;
    }

    @Override
    public void onStart(String label, int steps) {
        long now = clock.getAsLong();
        Object current = cell.get();
        boolean newSweep = current == null
                ? now - lastEnd > LINE_SECONDS * 1e9
                : !Objects.equals(current, sweepCell);
        if (newSweep) {
            sweepCell = current;
            sweepStart = now;
            lineId = null;
            spent = 0;
            runs = 0;
            sweepSteps = 0;
        }
        this.label = label;
        this.steps = steps;
        this.step = 0;
        runStart = now;
    }

    @Override
    public void onStep(int step) {
        this.step = step;
        long now = clock.getAsLong();
        // the last step's line would be replaced by onEnd's at once
        if (step < steps && now - sweepStart >= DELAY_SECONDS * 1e9 && lineDue(now) && withinBudget(now, BUDGET / 2)) {
            show(line(now), now);
        }
    }

    @Override
    public void onEnd() {
        runs++;
        sweepSteps += step;
        long now = clock.getAsLong();
        lastEnd = now;
        if (lineId != null && withinBudget(now, BUDGET)) {
            show(done(now), now);
        }
    }

    /** The line while a run goes on. */
    String line(long now) {
        double seconds = (now - runStart) / 1e9;
        double rate = seconds > 0 ? step / seconds : 0;
        String eta = rate > 0 ? TextProgress.clockTime((steps - step) / rate) : "?";
        return String.format(Locale.ROOT, "trajectories: %d done, %s %d/%d steps  %.0f it/s  ETA %s  (sweep %s)",
                runs, label, step, steps, rate, eta, TextProgress.clockTime((now - sweepStart) / 1e9));
    }

    /** The line after a run's end: the sweep so far. */
    String done(long now) {
        double seconds = (now - sweepStart) / 1e9;
        return String.format(Locale.ROOT, "trajectories: %d done, %d steps in %s, %.0f it/s", runs, sweepSteps,
                TextProgress.clockTime(seconds), seconds > 0 ? sweepSteps / seconds : 0);
    }

    /** Seconds this sweep's line has cost so far. */
    public double overheadSeconds() {
        return spent / 1e9;
    }

    private boolean lineDue(long now) {
        return now - lastLine >= LINE_SECONDS * 1e9;
    }

    private boolean withinBudget(long now, double share) {
        return spent <= share * (now - sweepStart);
    }

    private void show(String text, long now) {
        if (lineId == null) {
            lineId = display.show(text);
        } else {
            display.update(lineId, text);
        }
        lastLine = clock.getAsLong();
        spent += lastLine - now;
    }
}
