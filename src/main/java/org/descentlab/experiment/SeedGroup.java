package org.descentlab.experiment;

import org.descentlab.data.MnistSplits;
import org.descentlab.train.Checkpoint;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingResult;
import org.descentlab.train.lockstep.LockstepPolicy;
import org.descentlab.train.lockstep.LockstepTraining;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seeds of one run that {@link Reproduce} trains together in lockstep ({@link LockstepTraining}),
 * one process, one stacked model, when {@link LockstepPolicy#pays} and the configuration is one lockstep
 * runs. Each seed keeps its own files ({@link RunFiles}): a checkpoint per epoch in the single-run
 * format, the table, curves and {@code .done} file when finished; so an interrupted group resumes from
 * its checkpoints, and a finished seed is kept.
 *
 * <p>A seed trained in lockstep is reproducible and resumable bit for bit, but not bit-identical to the
 * same seed trained alone: its dropout masks come from {@link org.descentlab.train.lockstep.SeededDropoutMasks}
 * (a function of its seed), not from PyTorch's generator. Its wall time is its share of the group's.
 */
final class SeedGroup {

    private SeedGroup() {}

    /**
     * {@code pending} (in plan order) cut into units of work: the consecutive seeds of one run form one
     * lockstep unit when {@code lockstep} is on, they are at least two, lockstep pays at their batch size,
     * their configuration is supported and they all continue from the same epoch; every other seed run is
     * a unit of its own.
     */
    static List<List<SeedRun>> units(List<SeedRun> pending, Path out, boolean lockstep) {
        List<List<SeedRun>> units = new ArrayList<>();
        int i = 0;
        while (i < pending.size()) {
            int j = i + 1;
            while (j < pending.size() && pending.get(j).experiment() == pending.get(i).experiment()
                    && pending.get(j).runIndex() == pending.get(i).runIndex()) {
                j++;
            }
            List<SeedRun> same = pending.subList(i, j);
            if (lockstep && groupable(same, out)) {
                units.add(List.copyOf(same));
            } else {
                for (SeedRun r : same) {
                    units.add(List.of(r));
                }
            }
            i = j;
        }
        return units;
    }

    private static boolean groupable(List<SeedRun> runs, Path out) {
        List<TrainingConfig> configs = runs.stream().map(SeedRun::config).toList();
        TrainingConfig c = configs.get(0);
        if (c.batchSizeSchedule() != null || !LockstepPolicy.pays(c.batchSize(), runs.size())
                || LockstepTraining.unsupported(configs).isPresent()) {
            return false;
        }
        int epochs = -1;
        for (SeedRun r : runs) {
            int done = r.files(out).latest().map(Checkpoint::epochsDone).orElse(0);
            if (epochs >= 0 && done != epochs) {
                return false; // continued from different epochs: each alone
            }
            epochs = done;
        }
        return true;
    }

    /** A rough relative duration of a unit (for longest-first ordering). */
    static double cost(List<SeedRun> unit) {
        double c = unit.stream().mapToDouble(SeedRun::cost).sum();
        return unit.size() > 1 ? c * LockstepPolicy.costFactor(unit.get(0).config().batchSize()) : c;
    }

    /**
     * Trains {@code unit} in this process against its files in {@code out}: one seed alone
     * ({@link SeedRun#execute}), several in lockstep, continuing from their checkpoints.
     */
    static List<SeedRun.Outcome> execute(List<SeedRun> unit, MnistSplits splits, Path out, ProgressListener progress) {
        if (unit.size() == 1) {
            return List.of(unit.get(0).execute(splits, out, progress));
        }
        List<RunFiles> files = unit.stream().map(r -> r.files(out)).toList();
        files.forEach(RunFiles::claim);
        List<Optional<Checkpoint>> from = files.stream().map(RunFiles::latest).toList();
        LockstepTraining group = new LockstepTraining(unit.stream().map(SeedRun::config).toList(), splits)
                .progress(progress).checkpoints(files.stream().map(RunFiles::checkpointDir).toList());
        int before = from.get(0).map(Checkpoint::epochsDone).orElse(0);
        if (before > 0) {
            group.resumeFrom(from.stream().map(Optional::orElseThrow).toList());
        }
        List<LockstepTraining.Outcome> done = group.run();
        List<SeedRun.Outcome> outcomes = new ArrayList<>();
        for (int m = 0; m < unit.size(); m++) {
            double earlier = from.get(m).map(RunFiles::secondsIn).orElse(0.0);
            LockstepTraining.Outcome o = done.get(m);
            if (o.diverged() != null) {
                outcomes.add(new SeedRun.Outcome(null, false, before, Double.NaN, o.diverged().getMessage()));
                continue;
            }
            TrainingResult r = o.result();
            files.get(m).save(r, earlier + r.seconds());
            outcomes.add(new SeedRun.Outcome(r, false, before, earlier + r.seconds(), null));
        }
        return outcomes;
    }
}
