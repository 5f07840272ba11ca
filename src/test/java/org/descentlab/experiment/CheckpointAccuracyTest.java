package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.data.MnistSplits;
import org.descentlab.train.Checkpoint;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.RealMnist;
import org.descentlab.train.Training;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingResult;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved final model, evaluated afresh, gives exactly the accuracies the run measured on the same
 * images: training subset, validation and test (a round trip through the checkpoint's parameter bytes,
 * BatchNorm running statistics included). 1000 training images, 2 epochs, 1 thread.
 */
class CheckpointAccuracyTest {

    @Test
    void theFinalCheckpointReproducesTheRunsAccuracies(@TempDir Path dir) throws Exception {
        TrainingConfig config = TrainingConfig.builder("ckpt-acc").batchSize(100).epochs(2)
                .optimizer("adam", Map.of("lr", 0.005)).subsets(1_000, 500, 500).trainEvalSize(300).threads(1).build();
        MnistSplits splits = RealMnist.splits();
        TrainingResult r = new Training(config, splits).checkpoints(dir, false).run();
        Checkpoint c = Checkpoint.load(dir.resolve(Checkpoint.fileName(config.name(), 2)));
        EpochMetrics last = r.epochs().get(1);
        double train = CheckpointAccuracy.accuracy(c, splits.train().head(300));
        assertEquals(last.trainAccuracy(), train, "training subset");
        assertEquals(last.validationAccuracy(), CheckpointAccuracy.accuracy(c, splits.validation().head(500)), "validation");
        assertEquals(r.testAccuracy(), CheckpointAccuracy.accuracy(c, splits.test().head(500)), "test");
        // a trained model: well above chance (10 %) after 2 epochs on 1000 images
        assertTrue(train > 70, "training accuracy " + train);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointAccuracy.accuracy(null, RealMnist.splits().test()));
        assertTrue(e.getMessage().contains("checkpoint"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CheckpointAccuracy.main(new String[0]));
        assertTrue(e.getMessage().contains("OUT"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointAccuracy.main(new String[] {"no-such-directory-for-this-test"}));
        assertTrue(e.getMessage().contains("checkpoints/"), e.getMessage());
    }
}
