package org.descentlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The eval-mode training loss on a fixed subset: off by default, and when on it changes no other number. */
class TrainEvalLossTest {

    private static TrainingConfig.Builder tiny(String name) {
        return TrainingConfig.builder(name).batchSize(100).epochs(2).subsets(300, 200, 200).threads(1);
    }

    @Test
    void recordedOnlyWhenAskedAndOtherwiseTheSameRun() {
        TrainingResult off = new Training(tiny("eval-loss").trainEvalSize(200).build(), RealMnist.splits()).run();
        TrainingResult on = new Training(tiny("eval-loss").trainEvalSubset(200).build(), RealMnist.splits()).run();
        for (int i = 0; i < 2; i++) {
            EpochMetrics a = off.epochs().get(i);
            EpochMetrics b = on.epochs().get(i);
            assertTrue(Double.isNaN(a.trainEvalLoss()));
            double loss = b.trainEvalLoss();
            // cross-entropy of 10 classes after a few SGD steps: positive, below ln 10 + margin
            assertTrue(loss > 0 && loss < 3, "eval-mode training loss " + loss);
            EpochMetrics same = new EpochMetrics(b.epoch(), b.batchSize(), b.trainLoss(), b.lastBatchLoss(),
                    b.trainAccuracy(), b.validationAccuracy(), b.testAccuracy(), b.lr(), 0, b.updates());
            assertEquals(a.withoutTime(), same, "the loss pass changes no other metric");
        }
        assertFalse(off.table().columnNames().contains("train_eval_loss"), "tables without it stay as they were");
        assertEquals(List.of("epoch", "batch_size", "train_loss", "last_batch_loss", "train_eval_loss", "train_acc"),
                on.table().columnNames().subList(0, 6));
        assertEquals(on.epochs().get(1).trainEvalLoss(), on.table().doubleColumn("train_eval_loss").get(1), 0);
    }

    @Test
    void aCheckpointKeepsTheEvalLoss() {
        EpochMetrics m = new EpochMetrics(1, 64, 0.5, 0.4, 90, 89, Double.NaN, 0.1, 2, 10, 0.31);
        Checkpoint c = new Checkpoint("run", 1, 1, new byte[0], new byte[0], new byte[0], List.of(m));
        assertEquals(List.of(m), Checkpoint.fromBytes(c.toBytes()).metrics());
    }

    @Test
    void baseLrIsTheGivenRateElseTheOptimizersDefault() {
        assertEquals(0.1, TrainingConfig.builder("sgd").build().baseLr(), 0);
        assertEquals(1e-3, TrainingConfig.builder("adam").optimizer("adam", Map.of()).build().baseLr(), 0);
        assertEquals(0.02, TrainingConfig.builder("adam").optimizer("adam", Map.of("lr", "0.02")).build().baseLr(), 0);
    }

    @Test
    void theBuilderRoundTripsEveryComponent() {
        TrainingConfig c = TrainingConfig.builder("all").batchSize(32).epochs(3).optimizer("adam", Map.of("lr", 0.01))
                .seed(7).subsets(100, 50, 40).trainEvalSubset(30).threads(2).testEachEpoch(true).device("cpu").build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(30, c.trainEvalSize());
        assertTrue(c.trainEvalLoss());
        assertEquals("x", c.toBuilder().name("x").build().name());
        TrainingConfig d = TrainingConfig.builder("defaults").build();
        assertEquals(List.of(64, 100, 10_000, 0), List.of(d.batchSize(), d.epochs(), d.trainEvalSize(), d.threads()));
        assertFalse(d.trainEvalLoss());
    }
}
