package org.descentlab.notebook;

import org.descentlab.experiment.WorkerProgress;
import org.descentlab.train.TextProgress;
import org.descentlab.util.Check;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The worker processes of {@link org.descentlab.experiment.Runs} shown live in a notebook cell: one text
 * output with a line per worker ({@code [1] adam  epoch 3/100 ...}, the run's own progress line), replaced
 * in place at most once per {@value #LINE_SECONDS} s and first shown after {@value #LINE_SECONDS} s (a
 * short call stays silent). At the end it says how long the workers took. Drawn only from the thread
 * that started the runs ({@link #tick}), as the kernel's display expects.
 */
public final class LiveWorkers implements WorkerProgress {

    static final double LINE_SECONDS = 1.0;

    private final NotebookDisplay display;
    private final LongSupplier clock;
    private final long start;
    private final Map<Integer, String> bars = new TreeMap<>();
    private boolean changed;
    private String id;
    private long lastShown;

    /** Shows the workers on {@code display}. */
    public LiveWorkers(NotebookDisplay display) {
        this(display, System::nanoTime);
    }

    LiveWorkers(NotebookDisplay display, LongSupplier clock) {
        this.display = Check.notNull("display", display);
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastShown = start;
    }

    @Override
    public synchronized void bar(int worker, String text) {
        bars.put(worker, "[" + (worker + 1) + "] " + text);
        changed = true;
    }

    @Override
    public void line(String text) {
        // epoch lines: each worker's bar already shows its latest epoch
    }

    @Override
    public void tick() {
        String text;
        synchronized (this) {
            long now = clock.getAsLong();
            if (!changed || now - lastShown < LINE_SECONDS * 1e9) {
                return;
            }
            text = String.join("\n", bars.values());
            changed = false;
            lastShown = now;
        }
        show(text);
    }

    @Override
    public void close() {
        if (id != null) {
            display.update(id, "worker processes: " + bars.size() + ", done after "
                    + TextProgress.clockTime((clock.getAsLong() - start) / 1e9));
        }
    }

    private void show(String text) {
        if (id == null) {
            id = display.show(text);
        } else {
            display.update(id, text);
        }
    }
}
