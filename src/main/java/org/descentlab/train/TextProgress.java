package org.descentlab.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A text progress bar: {@code adam on cpu  epoch 3/100 [#######.............]  281/843  97.2 it/s  ETA
 * 0:05 / run 14:31  loss 0.2811} (the device as the run resolved it). The rate is measured over the current epoch; the epoch's ETA is its remaining
 * batches at that rate, the run's ETA adds the remaining epochs at the same rate (evaluation time
 * not included). After each epoch one summary line is emitted with its metrics.
 */
public final class TextProgress implements ProgressListener {

    private static final int BAR = 20;
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final Consumer<String> line;
    private final Consumer<String> epochLine;
    private final LongSupplier clock;
    private TrainingConfig config;
    private long epochStart;
    private long lastShown;

    TextProgress(Consumer<String> line, Consumer<String> epochLine, LongSupplier clock) {
        this.line = line;
        this.epochLine = epochLine;
        this.clock = clock;
    }

    /** Redraws one line on {@code out} with carriage returns; each epoch summary stays on its own line. */
    public static TextProgress terminal(PrintStream out) {
        int[] width = {0};
        Consumer<String> draw = s -> {
            String padded = s.length() < width[0] ? s + " ".repeat(width[0] - s.length()) : s;
            width[0] = s.length();
            out.print("\r" + padded);
            out.flush();
        };
        Consumer<String> done = s -> {
            draw.accept(s);
            out.print("\n");
            out.flush();
            width[0] = 0;
        };
        return new TextProgress(draw, done, System::nanoTime);
    }

    /** Hands every new line (bar updates and epoch summaries alike) to {@code display}. */
    public static TextProgress callback(Consumer<String> display) {
        if (display == null) {
            throw new IllegalArgumentException("display must not be null");
        }
        return new TextProgress(display, display, System::nanoTime);
    }

    @Override
    public void onStart(TrainingConfig config, int firstEpoch) {
        this.config = config;
        this.epochStart = clock.getAsLong();
        this.lastShown = 0;
    }

    @Override
    public void onStep(int epoch, int batch, int batches, double loss) {
        long now = clock.getAsLong();
        if (batch == 1) {
            epochStart = now;
        }
        if (batch != batches && now - lastShown < MIN_INTERVAL_NANOS) {
            return;
        }
        lastShown = now;
        line.accept(format(epoch, batch, batches, loss, (now - epochStart) / 1e9));
    }

    /** The progress line for these numbers ({@code seconds}: elapsed in the epoch). */
    String format(int epoch, int batch, int batches, double loss, double seconds) {
        int epochs = config == null ? epoch : config.epochs();
        int filled = (int) Math.round(BAR * (double) batch / batches);
        double rate = seconds > 0 ? batch / seconds : 0;
        String eta = rate > 0 ? clockTime((batches - batch) / rate) : "?";
        String runEta = rate > 0 ? clockTime(((batches - batch) + (double) (epochs - epoch) * batches) / rate) : "?";
        return String.format(Locale.ROOT, "%s  epoch %d/%d [%s%s] %d/%d  %.1f it/s  ETA %s / run %s  loss %.4f",
                config == null ? "" : config.name() + " on " + config.device(), epoch, epochs, "#".repeat(filled), ".".repeat(BAR - filled),
                batch, batches, rate, eta, runEta, loss);
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        epochLine.accept(summary(config == null ? "" : config.name(), config == null ? m.epoch() : config.epochs(), m));
    }

    /** A lockstep model's epoch line names its run and seed: the group's K lines of an epoch differ by them. */
    @Override
    public void onEpoch(TrainingConfig model, EpochMetrics m) {
        epochLine.accept(summary(model.name() + " (seed " + model.seed() + ")", model.epochs(), m));
    }

    /** One line per epoch, as the course notebooks print it. */
    public static String summary(String name, int epochs, EpochMetrics m) {
        return String.format(Locale.ROOT,
                "%s  epoch %d/%d | loss %.4f | train %.2f%% | valid %.2f%%%s | lr %.3g | B %d | %.1f s",
                name, m.epoch(), epochs, m.trainLoss(), m.trainAccuracy(), m.validationAccuracy(),
                Double.isNaN(m.testAccuracy()) ? "" : String.format(Locale.ROOT, " | test %.2f%%", m.testAccuracy()),
                m.lr(), m.batchSize(), m.seconds());
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    public static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
