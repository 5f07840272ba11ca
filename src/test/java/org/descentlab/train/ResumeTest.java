package org.descentlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.schedule.StepLR;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from its epoch-1 checkpoint gives bit-identical metrics (all but wall time) and
 * parameters to the uninterrupted run: model, BatchNorm statistics, optimizer state, schedule state
 * and the per-epoch reseeding of dropout all survive. 1000 training images, 3 epochs, 1 thread.
 */
class ResumeTest {

    private static TrainingConfig.Builder small(String name) {
        return TrainingConfig.builder(name).batchSize(100).epochs(3)
                .subsets(1_000, 500, 500).trainEvalSize(500).threads(1);
    }

    private static void assertResumeIsExact(TrainingConfig config, Path dir) throws Exception {
        TrainingResult full = new Training(config, RealMnist.splits()).checkpoints(dir, true).run();
        assertTrue(Files.exists(dir.resolve(Checkpoint.fileName(config.name(), 1))));
        Checkpoint c = Checkpoint.load(dir.resolve(Checkpoint.fileName(config.name(), 1)));
        assertEquals(1, c.epochsDone());
        TrainingResult resumed = new Training(config, RealMnist.splits()).resumeFrom(c).run();
        List<EpochMetrics> a = full.epochs().stream().map(EpochMetrics::withoutTime).toList();
        List<EpochMetrics> b = resumed.epochs().stream().map(EpochMetrics::withoutTime).toList();
        assertEquals(a, b, "metrics of the uninterrupted and the resumed run");
        assertEquals(full.testAccuracy(), resumed.testAccuracy());
        assertArrayEquals(full.parameters(), resumed.parameters(), "final parameters, byte for byte");
        // and the resume did something: without the optimizer state the parameters would differ
        assertEquals(3, resumed.epochs().size());
    }

    @Test
    void adamWithAStepScheduleResumesBitIdentically(@TempDir Path dir) throws Exception {
        assertResumeIsExact(small("resume-adam").optimizer("adam", Map.of("lr", 0.005))
                .lrPolicy(LrPolicy.perEpoch(new StepLR(0.005, 1, 0.5))).build(), dir);
    }

    @Test
    void sgdMomentumWithPlateauResumesBitIdentically(@TempDir Path dir) throws Exception {
        assertResumeIsExact(small("resume-sgd").optimizer("sgd", Map.of("lr", 0.1, "momentum", 0.9, "weight_decay", 1e-4))
                .lrPolicy(LrPolicy.plateau(Map.of("mode", "max", "factor", 0.1, "patience", 0),
                        LrPolicy.PlateauMetric.VALIDATION_ACCURACY)).build(), dir);
    }

    @Test
    void aCheckpointOfAnotherRunIsRejected(@TempDir Path dir) throws Exception {
        TrainingConfig config = small("resume-a").epochs(1).optimizer("adam", Map.of("lr", 0.005)).build();
        new Training(config, RealMnist.splits()).checkpoints(dir, false).run();
        Checkpoint c = Checkpoint.load(dir.resolve(Checkpoint.fileName("resume-a", 1)));
        TrainingConfig other = config.toBuilder().name("resume-b").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Training(other, RealMnist.splits()).resumeFrom(c));
        assertTrue(e.getMessage().contains("resume-a"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.fromBytes(new byte[] {1, 2, 3, 4}));
    }
}
