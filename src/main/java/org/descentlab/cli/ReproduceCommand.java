package org.descentlab.cli;

import org.descentlab.experiment.Experiments;
import org.descentlab.experiment.Reproduce;
import org.descentlab.train.Devices;
import org.descentlab.train.ProgressListener;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code descent reproduce NAME|all [--quick] [--epochs N] [--seeds K] [--device D] --out DIR}: only parsing and printing. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Train the lecture's MNIST experiments and compare their test accuracy with the lecture's.",
        footer = {"", "Experiments: batchsize-1024, batchsize-64, scheduler, sgd-scheduler-momentum, adam, adamw,",
            "  adabelief, adam-vs-sgd-generalization, swats, increase-batch-size, linear-scaling", "",
            "Examples:",
            "  descent reproduce all --quick --out results/quick",
            "  descent reproduce adam --epochs 100 --seeds 1 --out results/adam"})
final class ReproduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME|all", description = "An experiment name, or all.")
    String name;

    @Option(names = "--quick", description = "A few epochs on subsets (each run well under a minute on 2 cores).")
    boolean quick;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per run (default: 100, or 3 with --quick).")
    int epochs;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "1", description = "Seeds per run (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--device", paramLabel = "cpu|gpu|gpu:N", description = "Where to train (default: "
            + Devices.VARIABLE + " if set, else the first GPU when the engine has one, else the CPU).")
    String device;

    @Override
    public Integer call() {
        new Reproduce(quick, epochs, seeds, out, System.out, ProgressListener.terminal(System.err))
                .device(device).run(Experiments.select(name));
        return 0;
    }
}
