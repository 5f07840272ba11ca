package org.descentlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.experiment.Experiment;
import org.descentlab.experiment.Experiments;
import org.descentlab.optim.GradientClipping;
import org.descentlab.schedule.BatchSizeSchedule;
import org.descentlab.schedule.CosineAnnealingLR;
import org.descentlab.schedule.CyclicLR;
import org.descentlab.schedule.LambdaLR;
import org.descentlab.schedule.OneCycleLR;
import org.descentlab.schedule.Schedule;
import org.descentlab.schedule.StepLR;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A config written as text reads back to one with every field equal: all registry configs in both
 * modes, and configs that set every field away from its default (schedules, batch-size schedules,
 * clipping, subsets, train eval loss, threads, device, option types).
 */
class ConfigTextTest {

    @Test
    void everyRegistryConfigAndEveryFieldRoundTrips() {
        List<TrainingConfig> configs = new ArrayList<>();
        for (Experiment e : Experiments.select("all")) {
            configs.addAll(e.configs(true));
            configs.addAll(e.configs(false));
            configs.addAll(e.configs(true, 3));
        }
        TrainingConfig swats = Experiments.get("swats").configs(true).get(0);
        configs.add(Experiments.get("adam-vs-sgd-generalization").configs(true).get(1).toBuilder().trainEvalLoss(true).build());
        configs.add(swats.toBuilder().name("swats loose; B 256, lr 0.1").optimizer("swats",
                Map.of("lr", 0.005, "eps_switch", 0.5, "betas", List.of(0.9, 0.99))).device("cpu").threads(1)
                .seed(-7).subsets(1000, 500, 250).trainEvalSubset(300).testEachEpoch(false).build());
        configs.add(swats.toBuilder().name("clipped").optimizer("sgd", Map.of("lr", 1e-3, "momentum", 0.9,
                "nesterov", true, "patience", 10, "big", 1L << 40)).clipping(GradientClipping.byGlobalNorm(1.0))
                .lrPolicy(LrPolicy.perEpoch(new StepLR(1e-3, 3, 0.5))).build());
        configs.add(swats.toBuilder().name("by-value").clipping(GradientClipping.byValue(0.25))
                .lrPolicy(LrPolicy.perEpoch(new CosineAnnealingLR(0.1, 20, 1e-5))).epochs(20).build());
        configs.add(swats.toBuilder().name("one-cycle").lrPolicy(LrPolicy.perEpoch(new OneCycleLR(0.3, 12))).build());
        configs.add(swats.toBuilder().name("cyclic").lrPolicy(LrPolicy.perEpoch(new CyclicLR(0.01, 0.1, 4))).build());
        configs.add(swats.toBuilder().name("growth every 2").batchSize(32)
                .batchSizeSchedule(BatchSizeSchedule.everySteps(0.05, 32, 2, 2, 256)).build());
        configs.add(swats.toBuilder().name("plateau").lrPolicy(LrPolicy.plateau(Map.of("mode", "max", "factor", 0.5,
                "patience", 2, "threshold", 1e-4), LrPolicy.PlateauMetric.VALIDATION_ACCURACY)).build());
        for (TrainingConfig c : configs) {
            String text = ConfigText.portable(c);
            TrainingConfig back = ConfigText.read(text);
            assertEquals(text, ConfigText.write(back), c.name());
            // every field but those of classes without value equality (schedules, clipping) compared as values
            assertEquals(c.toBuilder().lrPolicy(null).batchSizeSchedule(null).clipping(null).build(),
                    back.toBuilder().lrPolicy(null).batchSizeSchedule(null).clipping(null).build(), c.name());
            assertEquals(String.valueOf(c.clipping()), String.valueOf(back.clipping()), c.name());
            if (c.lrPolicy() instanceof LrPolicy.PerEpoch) {
                assertEquals(c.lrPolicy().describe(), back.lrPolicy().describe(), c.name());
            } else {
                assertEquals(c.lrPolicy(), back.lrPolicy(), c.name()); // records: fixed, or plateau options and metric
            }
            for (int e = 0; e < c.epochs(); e++) {
                assertEquals(c.batchSizeAt(e), back.batchSizeAt(e), c.name() + " epoch " + e);
                if (c.lrPolicy() instanceof LrPolicy.PerEpoch p) {
                    Schedule s = ((LrPolicy.PerEpoch) back.lrPolicy()).schedule();
                    assertEquals(p.schedule().valueAt(e), s.valueAt(e), c.name() + " lr of epoch " + e);
                }
                if (c.batchSizeSchedule() != null) {
                    assertEquals(c.batchSizeSchedule().lrAt(e), back.batchSizeSchedule().lrAt(e), c.name());
                }
            }
            if (c.batchSizeSchedule() == null) {
                assertNull(back.batchSizeSchedule());
            }
        }
        assertEquals(53, configs.size(), "configs checked");
    }

    @Test
    void theIdentityIsTheFingerprintReproduceDirectoriesAlreadyHold() {
        // config.txt files written before this class existed must still match (an interrupted reproduce resumes)
        TrainingConfig c = Experiments.get("sgd-scheduler-momentum").configs(true).get(0);
        assertEquals("sgd{lr=0.1, momentum=0.9, weight_decay=1.0E-4}, B 256, lr ReduceLROnPlateau{factor=0.1, mode=min}"
                + " on LAST_MINIBATCH_LOSS; seed 123; images 5000/1000/2000, training accuracy on 1000; test each epoch"
                + " false; clipping none", ConfigText.identity(c));
        assertTrue(ConfigText.identity(c.toBuilder().trainEvalLoss(true).build()).endsWith("; train eval loss"));
        assertEquals(ConfigText.identity(c), ConfigText.identity(c.toBuilder().epochs(50).threads(2).device("cpu").build()));
        assertEquals(ConfigText.identity(c) + "; batch size 256; epochs " + c.epochs()
                + "; threads 0; device auto; run sgd-scheduler-momentum", ConfigText.write(c));
    }

    @Test
    void aScheduleWithoutAWayBackIsAClearError() {
        TrainingConfig c = TrainingConfig.builder("lambda").lrPolicy(LrPolicy.perEpoch(new LambdaLR(0.1, e -> 0.9))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigText.portable(c));
        assertTrue(e.getMessage().contains("config 'lambda' cannot be written as text")
                && e.getMessage().contains("Training.runAndSummarize"), e.getMessage());
        TrainingConfig named = TrainingConfig.builder("named").lrPolicy(LrPolicy.perEpoch(Schedule.named("half", t -> 0.05))).build();
        assertThrows(IllegalArgumentException.class, () -> ConfigText.portable(named));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ConfigText.read("adam please"));
        assertTrue(bad.getMessage().startsWith("text = 'adam please' is invalid"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigText.portable(TrainingConfig.builder("two\nlines").build()));
    }

    @Test
    void aReportLineListsOptionsByNameWhateverTheMapsOrder() {
        TrainingConfig c = TrainingConfig.builder("sgd-scheduler-momentum").batchSize(256)
                .optimizer("sgd", Map.of("weight_decay", 1e-4, "momentum", 0.9, "lr", 0.1))
                .lrPolicy(LrPolicy.plateau(Map.of("mode", "min", "factor", 0.1), LrPolicy.PlateauMetric.LAST_MINIBATCH_LOSS))
                .build();
        assertEquals("sgd{lr=0.1, momentum=0.9, weight_decay=1.0E-4}, B 256, lr ReduceLROnPlateau{factor=0.1, mode=min}"
                + " on last minibatch loss", c.describe());
    }
}
