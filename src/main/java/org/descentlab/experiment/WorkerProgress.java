package org.descentlab.experiment;

/**
 * What worker processes report while they train ({@link Runs}, {@code reproduce --jobs N}): each worker's
 * current line (its progress bar, replaced as it goes) and lasting lines (epoch summaries). The
 * reports come from the threads that read the workers' output; {@link #tick} comes, a few times a
 * second, from the thread that started the runs, for a display that must be drawn from that thread (a
 * notebook cell's output).
 */
public interface WorkerProgress {

    /** Reports nowhere. */
    WorkerProgress NONE = new WorkerProgress() {
        @Override
        public void bar(int worker, String text) {}

        @Override
        public void line(String text) {}
    };

    /** Worker {@code worker}'s current line (0-based worker number). */
    void bar(int worker, String text);

    /** A lasting line. */
    void line(String text);

    /** Called on the starting thread about every {@value Workers#TICK_MILLIS} ms while the workers run. */
    default void tick() {}

    /** The workers have stopped (called on the starting thread). */
    default void close() {}
}
