package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.train.LrPolicy;
import org.descentlab.train.TrainingConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The registry matches the lecture's table; unknown names are rejected with the list of known ones. */
class ExperimentsTest {

    private static TrainingConfig only(String name) {
        List<TrainingConfig> c = Experiments.get(name).configs();
        assertEquals(1, c.size(), name);
        assertEquals(100, c.get(0).epochs(), name);
        assertEquals(123, c.get(0).seed(), name);
        assertEquals(0, c.get(0).trainSize(), "full data");
        return c.get(0);
    }

    private static void assertRun(String name, int batch, String optimizer, Map<String, ?> options, double lecture) {
        TrainingConfig c = only(name);
        assertEquals(batch, c.batchSize(), name);
        assertEquals(optimizer, c.optimizer(), name);
        assertEquals(options, c.optimizerOptions(), name);
        assertEquals(lecture, Experiments.get(name).lectureTestAccuracy(), 0, name);
    }

    @Test
    void lectureTable() {
        assertRun("batchsize-1024", 1024, "sgd", Map.of("lr", 0.1), 97.08);
        assertRun("batchsize-64", 64, "sgd", Map.of("lr", 0.1), 97.18);
        assertRun("scheduler", 64, "sgd", Map.of("lr", 0.1), 97.17);
        assertRun("sgd-scheduler-momentum", 256, "sgd", Map.of("lr", 0.1, "momentum", 0.9, "weight_decay", 1e-4), 97.34);
        assertRun("adam", 256, "adam", Map.of("lr", 0.005), 97.37);
        assertRun("adamw", 256, "adamw", Map.of("lr", 0.005), 97.29);
        assertRun("adabelief", 256, "adabelief", Map.of("lr", 0.005), 97.20);
        for (String fixed : List.of("batchsize-1024", "batchsize-64", "adam", "adamw", "adabelief")) {
            assertInstanceOf(LrPolicy.Fixed.class, only(fixed).lrPolicy(), fixed);
        }
        LrPolicy.Plateau s = assertInstanceOf(LrPolicy.Plateau.class, only("scheduler").lrPolicy());
        assertEquals(Map.of("mode", "max", "factor", 0.1), s.options(), "torch defaults otherwise (patience 10)");
        assertEquals(LrPolicy.PlateauMetric.VALIDATION_ACCURACY, s.metric());
        LrPolicy.Plateau m = assertInstanceOf(LrPolicy.Plateau.class, only("sgd-scheduler-momentum").lrPolicy());
        assertEquals(Map.of("mode", "min", "factor", 0.1), m.options());
        assertEquals(LrPolicy.PlateauMetric.LAST_MINIBATCH_LOSS, m.metric());
    }

    @Test
    void comparisonExperiments() {
        List<TrainingConfig> lin = Experiments.get("linear-scaling").configs();
        assertEquals(3, lin.size());
        for (TrainingConfig c : lin) {
            assertEquals(0.1 / 64 * c.batchSize(), c.baseLr(), 1e-15, c.name());
        }
        List<TrainingConfig> inc = Experiments.get("increase-batch-size").configs();
        assertEquals(2, inc.size());
        assertNull(inc.get(0).batchSizeSchedule());
        assertEquals(64, inc.get(1).batchSizeAt(0));
        assertEquals(256, inc.get(1).batchSizeAt(50));
        assertEquals(1024, inc.get(1).batchSizeAt(75));
        assertEquals(0.1, inc.get(1).batchSizeSchedule().lrAt(99), 1e-15, "the rate stays; the batch grows");
        LrPolicy.PerEpoch step = assertInstanceOf(LrPolicy.PerEpoch.class, inc.get(0).lrPolicy());
        assertEquals(0.1 / 16, step.schedule().valueAt(75), 1e-15);
        assertTrue(Experiments.get("adam-vs-sgd-generalization").configs().stream().allMatch(TrainingConfig::testEachEpoch));
        assertTrue(Experiments.get("swats").lectureAccuracy().isEmpty());
        assertEquals(11, Experiments.select("all").size());
        assertEquals(List.of(Experiments.get("adam"), Experiments.get("adamw")), Experiments.select("adam, adamw,adam"));
        assertEquals(List.of("batchsize-1024", "batchsize-64", "scheduler", "sgd-scheduler-momentum", "adam", "adamw",
                "adabelief"), Experiments.lectureTable().stream().map(Experiment::name).toList());
    }

    @Test
    void quickModeCutsTheData() {
        TrainingConfig q = Experiments.get("adam").configs(true).get(0);
        assertEquals(Experiment.QUICK_EPOCHS, q.epochs());
        assertEquals(Experiment.QUICK_TRAIN, q.trainSize());
        assertEquals(7, Experiments.get("adam").configs(false, 7).get(0).epochs());
        assertEquals(0, Experiments.get("adam").configs(false, 7).get(0).trainSize());
        assertEquals(100, Experiments.get("adam").configs(false).get(0).epochs());
    }

    @Test
    void zeroEpochsIsRefusedNotReadAsTheDefault() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Experiments.get("adam").configs(true, 0));
        assertEquals("epochs = 0 is invalid: must be an integer >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Reproduce(true, 0, 1, Path.of("unused"), System.out, null));
        assertEquals("epochs = 0 is invalid: must be an integer >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Reproduce(true, null, 0, Path.of("unused"), System.out, null));
        assertEquals("seeds = 0 is invalid: must be an integer >= 1", e.getMessage());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Experiments.get("adma"));
        assertTrue(e.getMessage().contains("'adma' is unknown"), e.getMessage());
        for (String n : Experiments.names()) {
            assertTrue(e.getMessage().contains(n), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Experiments.select("nope"));
        assertThrows(IllegalArgumentException.class, () -> Experiments.select("adam,nope"));
    }
}
