package org.descentlab.cli;

import org.descentlab.experiment.Experiments;
import org.descentlab.experiment.Reproduce;
import org.descentlab.train.ProgressListener;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code descent reproduce NAME|all [--quick] [--epochs N] [--seeds K] [--jobs N] --out DIR}: only parsing
 * and printing.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Train the lecture's MNIST experiments and compare their test accuracy with the lecture's.",
        footer = {"", "Experiments: batchsize-1024, batchsize-64, scheduler, sgd-scheduler-momentum, adam, adamw,",
            "  adabelief, adam-vs-sgd-generalization, swats, increase-batch-size, linear-scaling", "",
            "Examples:",
            "  descent reproduce all --quick --out results/quick",
            "  descent reproduce adam --epochs 100 --seeds 1 --out results/adam", "",
            "Interrupted (Ctrl-C, a crash)? Run the same command again: finished runs are kept and the",
            "others continue from their last finished epoch, with the same result as an uninterrupted run."})
final class ReproduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME|all", description = "An experiment name, several separated by commas, or all.")
    String name;

    @Option(names = "--quick", description = "A few epochs on subsets (each run well under a minute on 2 cores).")
    boolean quick;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per run (default: 100, or 3 with --quick).")
    int epochs;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "1", description = "Seeds per run (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "Runs side by side, each in a worker process with one"
            + " thread, longest first (default: the number of cores; 1: one after another"
            + " in this process).")
    Integer jobs;

    @Override
    public Integer call() {
        new Reproduce(quick, epochs, seeds, out, System.out, ProgressListener.terminal(System.err))
                .jobs(jobs != null ? jobs : Runtime.getRuntime().availableProcessors())
                .workerDisplay(System.err)
                .run(Experiments.select(name));
        return 0;
    }
}
