package org.descentlab.cli;

import org.descentlab.experiment.Experiment;
import org.descentlab.experiment.Experiments;
import org.descentlab.experiment.Reproduce;
import org.descentlab.experiment.WorkerCount;
import org.descentlab.train.Devices;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.TrainingConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code descent reproduce NAME|all [--quick] [--epochs N] [--seeds K] [--jobs N] [--no-lockstep] [--device D] --out DIR}: only
 * parsing and printing.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Train the lecture's MNIST experiments and compare their test accuracy with the lecture's.",
        footer = {"", "Experiments: batchsize-1024, batchsize-64, scheduler, sgd-scheduler-momentum, adam, adamw,",
            "  adabelief, adam-vs-sgd-generalization, swats, increase-batch-size, linear-scaling", "",
            "Examples:",
            "  descent reproduce all --quick --out results/quick",
            "  descent reproduce adam --epochs 100 --seeds 1 --out results/adam", "",
            "Interrupted (Ctrl-C, a crash)? Run the same command again: finished runs are kept and the",
            "others continue from their last finished epoch, with the same result as an uninterrupted run."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every run was trained and report.md written; a run whose loss became NaN or infinite is a result"
                    + " (its line says 'training diverged' and report.md marks it), not a failure",
            Main.FAILURE + ":another failure (e.g. the MNIST cache is missing: the message names the command that fills it)",
            Main.BAD_INPUT + ":bad input (unknown experiment, --epochs or --seeds < 1, ...): one line names the option and its"
                    + " valid range",
        })
final class ReproduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME|all", description = "An experiment name, several separated by commas, or all.")
    String name;

    @Option(names = "--quick", description = "A few epochs on subsets (each run well under a minute on 2 cores).")
    boolean quick;

    /** Absent (null) means the mode's own number; 0 is not a way to say "default". */
    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs per run, an integer >= 1 (default: the lecture's 100, or " + Experiment.QUICK_EPOCHS
                    + " with --quick).")
    Integer epochs;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "1",
            description = "Seeds per run, an integer >= 1 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--device", paramLabel = "cpu|gpu|gpu:N", description = "Where to train (default: "
            + Devices.VARIABLE + " if set, else the first GPU when the engine has one, else the CPU).")
    String device;

    @Option(names = "--jobs", paramLabel = "N", description = "Runs side by side, each in a worker process with one"
            + " thread, longest first (default: the number of cores, fewer if the free memory holds fewer"
            + " workers of about " + WorkerCount.WORKER_MB + " MB; 1: one after another in this process).")
    Integer jobs;

    @Option(names = "--no-lockstep", description = "Train every seed alone, never the seeds of a run together in"
            + " lockstep (by default they are, at batch sizes where it pays; a lockstep seed draws other dropout"
            + " masks than the same seed alone).")
    boolean noLockstep;

    @Override
    public Integer call() {
        // The library states the ranges; these calls report them under the options' names.
        if (epochs != null) {
            TrainingConfig.checkEpochs("--epochs", epochs);
        }
        Reproduce.checkSeeds("--seeds", seeds);
        if (jobs != null) {
            Reproduce.checkJobs("--jobs", jobs);
        }
        new Reproduce(quick, epochs, seeds, out, System.out, ProgressListener.terminal(System.err))
                .device(device)
                .jobs(jobs != null ? jobs : WorkerCount.byDefault())
                .workerDisplay(System.err)
                .lockstep(!noLockstep)
                .run(Experiments.select(name));
        return 0;
    }
}
