package org.descentlab.experiment;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The progress of several workers at once. On a terminal it keeps one line per worker at the bottom
 * (redrawn in place, at most every 200 ms) and prints lasting lines (epoch summaries, finished runs)
 * above them; elsewhere (a file, a pipe) it prints only the lasting lines, each naming its worker.
 */
final class WorkerBoard implements WorkerProgress {

    private static final long MIN_INTERVAL_NANOS = 200_000_000L;
    /** Lines are cut to this width so that none wraps (a wrapped line would break the redraw). */
    private static final int WIDTH = 119;

    private final PrintStream out;
    private final boolean live;
    private final String[] bars;
    private int drawn;
    private long lastDrawn;

    /**
     * @param out where to draw (null: nowhere)
     * @param workers number of worker lines
     * @param live redraw the worker lines in place (ANSI cursor movement): only on a terminal
     */
    WorkerBoard(PrintStream out, int workers, boolean live) {
        this.out = out;
        this.live = live && out != null;
        this.bars = new String[workers];
        Arrays.fill(bars, "");
    }

    /** True if standard error is most likely a terminal that understands ANSI cursor movement. */
    static boolean terminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Worker {@code w}'s current line (0-based). */
    @Override
    public synchronized void bar(int w, String text) {
        bars[w] = "[" + (w + 1) + "] " + text;
        long now = System.nanoTime();
        if (live && now - lastDrawn >= MIN_INTERVAL_NANOS) {
            clear();
            draw();
            lastDrawn = now;
        }
    }

    /** A lasting line. */
    @Override
    public synchronized void line(String text) {
        if (out != null) {
            above(() -> out.println(text));
        }
    }

    /** Runs {@code print} (which writes lasting lines, possibly to another stream) above the worker lines. */
    synchronized void above(Runnable print) {
        if (out == null) {
            print.run();
            return;
        }
        clear();
        print.run();
        draw();
    }

    /** Removes the worker lines (at the end). */
    @Override
    public synchronized void close() {
        clear();
        Arrays.fill(bars, "");
    }

    private void clear() {
        if (live && drawn > 0) {
            out.print("\033[" + drawn + "F\033[J"); // up to the first worker line, erase to the end
            out.flush();
            drawn = 0;
        }
    }

    private void draw() {
        if (!live) {
            return;
        }
        StringBuilder s = new StringBuilder();
        for (String b : bars) {
            s.append(b.length() > WIDTH ? b.substring(0, WIDTH) : b).append('\n');
        }
        out.print(s);
        out.flush();
        drawn = bars.length;
    }
}
