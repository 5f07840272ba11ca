package org.descentlab.experiment;

import org.descentlab.data.MnistSplits;
import org.descentlab.train.Checkpoint;
import org.descentlab.train.ProgressListener;
import org.descentlab.train.TrainingResult;
import org.descentlab.train.lockstep.LockstepPolicy;
import org.descentlab.train.lockstep.LockstepTraining;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Seed runs that {@link Reproduce} trains together in lockstep ({@link LockstepTraining}), one process,
 * one stacked model: the seeds of a run and of runs that differ from it only in optimizer, rate or rate
 * policy ({@link #units}), where {@link LockstepPolicy#pays}. Each seed keeps its own files ({@link RunFiles}):
 * a checkpoint per epoch in the single-run format, the table, curves and {@code .done} file when
 * finished; so an interrupted group resumes from its checkpoints, and a finished seed is kept.
 *
 * <p>A seed trained in lockstep is reproducible and resumable bit for bit, but not bit-identical to the
 * same seed trained alone: its dropout masks come from {@link org.descentlab.train.lockstep.SeededDropoutMasks}
 * (a function of its seed), not from PyTorch's generator. Its wall time is its share of the group's.
 */
final class SeedGroup {

    private SeedGroup() {}

    /**
     * {@code pending} (in plan order) cut into units of work. With {@code lockstep} on, the seed runs that
     * can train as one stacked model form one lockstep unit: the seeds of a run, and with them the seeds of
     * other runs, of this experiment or another, that differ only in seed, name, optimizer, learning rate
     * or rate policy and continue from the same epoch (in the lecture table, batchsize-64 and scheduler,
     * SGD lr 0.1 at B 64, the second with ReduceLROnPlateau; and the four B 256 runs: SGD with momentum,
     * Adam, AdamW, AdaBelief); provided lockstep pays at their batch size and
     * number ({@link LockstepPolicy#pays}). Every other seed run is a unit of its own. While there are
     * fewer units than {@code jobs} workers, the largest group is halved (where both halves still pay), so
     * that no worker idles while another trains a group they could have shared.
     */
    static List<List<SeedRun>> units(List<SeedRun> pending, Path out, boolean lockstep, int jobs) {
        List<List<SeedRun>> units = new ArrayList<>();
        boolean[] taken = new boolean[pending.size()];
        int[] epochsDone = new int[pending.size()]; // read from the checkpoints once per run, not once per pair
        for (int i = 0; lockstep && i < pending.size(); i++) {
            epochsDone[i] = pending.get(i).files(out).latest().map(Checkpoint::epochsDone).orElse(0);
        }
        for (int i = 0; i < pending.size(); i++) {
            if (taken[i]) {
                continue;
            }
            List<Integer> members = new ArrayList<>(List.of(i));
            for (int j = i + 1; lockstep && j < pending.size(); j++) {
                if (!taken[j] && epochsDone[j] == epochsDone[i] && stacksWith(pending.get(i), pending.get(j))) {
                    members.add(j);
                }
            }
            if (!LockstepPolicy.pays(pending.get(i).config().batchSize(), members.size())) {
                members = List.of(i);
            }
            members.forEach(m -> taken[m] = true);
            units.add(members.stream().map(pending::get).toList());
        }
        while (!units.isEmpty() && units.size() < jobs) {
            List<SeedRun> largest = units.stream().max(Comparator.comparingInt(List::size)).orElseThrow();
            int half = largest.size() / 2;
            int batch = largest.get(0).config().batchSize();
            if (!LockstepPolicy.pays(batch, half) || !LockstepPolicy.pays(batch, largest.size() - half)) {
                break;
            }
            int at = units.indexOf(largest);
            units.set(at, List.copyOf(largest.subList(0, half)));
            units.add(at + 1, List.copyOf(largest.subList(half, largest.size())));
        }
        return units;
    }

    /**
     * Whether {@code other} can join the lockstep group of {@code first}: the two configurations train in
     * lockstep ({@link LockstepTraining#unsupported}: same fixed batch size, epochs and subsets, optimizers
     * that lockstep runs, no clipping). The caller checks that they continue from the same epoch.
     */
    private static boolean stacksWith(SeedRun first, SeedRun other) {
        return LockstepTraining.unsupported(List.of(first.config(), other.config())).isEmpty();
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
                outcomes.add(new SeedRun.Outcome(null, false, before, Double.NaN, o.diverged()));
                continue;
            }
            TrainingResult r = o.result();
            files.get(m).save(r, earlier + r.seconds());
            outcomes.add(new SeedRun.Outcome(r, false, before, earlier + r.seconds(), null));
        }
        return outcomes;
    }
}
