package org.descentlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.GradientClipping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The loop's wiring on tiny real-MNIST subsets: plateau scheduler, divergence, leaks, progress. */
class LoopBehaviourTest {

    private static TrainingConfig.Builder tiny(String name, int epochs) {
        return TrainingConfig.builder(name).batchSize(100).epochs(epochs)
                .subsets(300, 200, 200).trainEvalSize(200).threads(1);
    }

    private static double[] lrs(TrainingResult r) {
        return r.epochs().stream().mapToDouble(EpochMetrics::lr).toArray();
    }

    @Test
    void plateauReducesAtTheEpochsTorchWouldOnAScriptedMetric() {
        double[] script = {1, 2, 2, 2, 3, 3, 3};
        TrainingConfig config = tiny("plateau-scripted", script.length)
                .lrPolicy(LrPolicy.plateau(Map.of("mode", "max", "factor", 0.1, "patience", 1),
                        LrPolicy.PlateauMetric.VALIDATION_ACCURACY))
                .build();
        TrainingResult r = new Training(config, RealMnist.splits())
                .plateauMetric(m -> script[m.epoch() - 1]).run();
        // bad epochs 3, 4 -> reduce after epoch 4; bad epochs 6, 7 -> reduce after epoch 7
        double[] expected = {0.1, 0.1, 0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1, 0.1 * 0.1};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], lrs(r)[i], 1e-15, "lr of epoch " + (i + 1));
        }
    }

    @Test
    void plateauOnValidationAccuracyIsFedTheValidationAccuracy() {
        TrainingConfig config = tiny("plateau-val", 6)
                .optimizer("sgd", Map.of("lr", 0.5))
                .lrPolicy(LrPolicy.plateau(Map.of("mode", "max", "patience", 0, "threshold", 0),
                        LrPolicy.PlateauMetric.VALIDATION_ACCURACY))
                .build();
        TrainingResult r = new Training(config, RealMnist.splits()).run();
        double best = Double.NEGATIVE_INFINITY;
        double lr = 0.5;
        for (int i = 0; i < r.epochs().size(); i++) {
            EpochMetrics m = r.epochs().get(i);
            assertEquals(lr, m.lr(), 1e-15, "lr of epoch " + m.epoch());
            if (m.validationAccuracy() > best) {
                best = m.validationAccuracy();
            } else {
                lr *= 0.1; // patience 0: every epoch without improvement reduces
            }
        }
    }

    @Test
    void plateauOnTheLastMinibatchLossIsFedThatLoss() {
        TrainingConfig config = tiny("plateau-loss", 6)
                .optimizer("sgd", Map.of("lr", 0.5))
                .lrPolicy(LrPolicy.plateau(Map.of("mode", "min", "patience", 0, "threshold", 0),
                        LrPolicy.PlateauMetric.LAST_MINIBATCH_LOSS))
                .build();
        TrainingResult r = new Training(config, RealMnist.splits()).run();
        double best = Double.POSITIVE_INFINITY;
        double lr = 0.5;
        for (EpochMetrics m : r.epochs()) {
            assertEquals(lr, m.lr(), 1e-15, "lr of epoch " + m.epoch());
            if (m.lastBatchLoss() < best) {
                best = m.lastBatchLoss();
            } else {
                lr *= 0.1;
            }
        }
    }

    @Test
    void aHugeLearningRateStopsWithADiagnosis() {
        TrainingConfig config = tiny("diverge", 3).optimizer("sgd", Map.of("lr", 1e12)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Training(config, RealMnist.splits()).run());
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("at step " + e.step()), e.getMessage());
        assertTrue(e.getMessage().contains("lr = 1.0E12"), e.getMessage());
        assertTrue(e.getMessage().contains("lr = 1.0E11, a tenth"), e.getMessage());
        assertTrue(e.getMessage().contains("clip"), e.getMessage());
        assertEquals(1e12, e.lr());
        assertTrue(e.step() >= 2, "the first loss is finite; step " + e.step());
    }

    @Test
    void clippingKeepsTheSameHugeRateFinite() {
        // with every gradient clipped to global norm 1e-12 an update moves the weights by at most 1
        TrainingConfig config = tiny("clipped", 1).optimizer("sgd", Map.of("lr", 1e12))
                .clipping(GradientClipping.byGlobalNorm(1e-12)).build();
        TrainingResult r = new Training(config, RealMnist.splits()).run();
        assertTrue(Double.isFinite(r.epochs().get(0).trainLoss()));
    }

    @Test
    void managedArrayCountsAreStableAcrossEpochs() {
        TrainingConfig config = tiny("leak", 4).optimizer("adam", Map.of("lr", 0.005)).build();
        TrainingResult r = new Training(config, RealMnist.splits()).run();
        List<Integer> counts = r.managedArrays();
        assertEquals(4, counts.size());
        assertEquals(counts.get(1), counts.get(3), "arrays held after epochs 1..4: " + counts);
    }

    @Test
    void progressSeesEveryStepAndEpochAndTheTextHasRateAndEta() {
        List<String> lines = new ArrayList<>();
        int[] steps = {0};
        ProgressListener text = ProgressListener.callback(lines::add);
        ProgressListener counting = new ProgressListener() {
            @Override
            public void onStart(TrainingConfig config, int firstEpoch) {
                text.onStart(config, firstEpoch);
            }

            @Override
            public void onStep(int epoch, int batch, int batches, double loss) {
                steps[0]++;
                text.onStep(epoch, batch, batches, loss);
            }

            @Override
            public void onEpoch(EpochMetrics metrics) {
                text.onEpoch(metrics);
            }
        };
        new Training(tiny("progress", 2).build(), RealMnist.splits()).progress(counting).run();
        assertEquals(2 * 3, steps[0]);
        assertTrue(lines.stream().anyMatch(l -> l.contains("it/s") && l.contains("ETA") && l.contains("3/3")), lines.toString());
        String device = Devices.name(Devices.resolve(Devices.AUTO));
        assertTrue(lines.stream().anyMatch(l -> l.contains(" on " + device + "  epoch 1/2")), "the bar names the device: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("epoch 2/2 | loss")), lines.toString());
    }

    @Test
    void progressLineFormat() {
        TextProgress p = TextProgress.callback(s -> { });
        p.onStart(tiny("adam", 100).device("cpu").build(), 1);
        assertEquals("adam on cpu  epoch 3/100 [#####...............] 200/843  100.0 it/s  ETA 0:06 / run 13:44  loss 0.2500",
                p.format(3, 200, 843, 0.25, 2.0));
        assertEquals("1:01:01", TextProgress.clockTime(3661));
    }

    @Test
    void aLockstepModelsEpochLineNamesItsRunAndSeed() {
        List<String> lines = new ArrayList<>();
        TextProgress p = TextProgress.callback(lines::add);
        p.onStart(tiny("adam + adamw", 100).build(), 1);
        p.onEpoch(tiny("adamw", 100).seed(124).build(), new EpochMetrics(3, 64, 0.5, 0.4, 91, 90.5, Double.NaN, 0.005, 1.2, 2529));
        assertEquals(List.of("adamw (seed 124)  epoch 3/100 | loss 0.5000 | train 91.00% | valid 90.50% | lr 0.00500 | B 64"
                + " | 1.2 s"), lines);
    }
}
