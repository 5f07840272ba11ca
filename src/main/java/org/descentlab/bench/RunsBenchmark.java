package org.descentlab.bench;

import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistSplits;
import org.descentlab.experiment.Experiments;
import org.descentlab.experiment.Runs;
import org.descentlab.train.Training;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A notebook cell's runs trained one after another in this JVM against the same runs on two worker
 * processes ({@link Runs}), in one invocation, on the full data: per number of epochs, prints {@code
 * ratio <experiments> epochs=<e> units=<cost> workers/sequential = <x>} and checks that the final
 * parameters agree byte for byte. The units are those of {@link Runs#jobsFor}'s threshold.
 *
 * <p>Usage (bin/bench-runs): {@code [--experiments batchsize-64,batchsize-1024] [--epochs 3,10] [--jobs 2]}
 */
public final class RunsBenchmark {

    private RunsBenchmark() {}

    public static void main(String[] args) {
        List<String> a = Arrays.asList(args);
        String experiments = LockstepBenchmark.option(a, "--experiments", "batchsize-64,batchsize-1024");
        int jobs = Integer.parseInt(LockstepBenchmark.option(a, "--jobs", "2"));
        MnistSplits splits = MnistCache.loadStandard();
        for (int epochs : LockstepBenchmark.ints(LockstepBenchmark.option(a, "--epochs", "3,10"))) {
            List<TrainingConfig> configs = new ArrayList<>();
            for (String name : experiments.split(",")) {
                configs.addAll(Experiments.get(name.trim()).configs(false, epochs));
            }
            long t0 = System.nanoTime();
            List<TrainingResult> alone = new ArrayList<>();
            for (TrainingConfig c : configs) {
                alone.add(Training.runAndSummarize(c, splits));
            }
            double sequential = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            List<Runs.Outcome> side = Runs.trainEach(configs, splits, jobs, null);
            double workers = (System.nanoTime() - t1) / 1e9;
            for (int i = 0; i < configs.size(); i++) {
                if (!Arrays.equals(alone.get(i).parameters(), side.get(i).get().parameters())) {
                    throw new IllegalStateException(configs.get(i).name() + ": the parameters differ between"
                            + " this process and a worker");
                }
            }
            System.out.printf(Locale.ROOT, "%s, %d epochs: one after another %.1f s, %d workers %.1f s (parameters"
                    + " identical)%nratio %s epochs=%d units=%.0f workers/sequential = %.2f%n", experiments, epochs,
                    sequential, jobs, workers, experiments, epochs, Runs.cost(configs), workers / sequential);
        }
    }
}
