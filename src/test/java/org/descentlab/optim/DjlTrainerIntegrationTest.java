package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Test;

/**
 * A descent optimizer plugged into a real DJL Trainer: it trains, it leaves every gradient at zero
 * after {@code trainer.step()}, and it does not leak NDArrays (the model manager's array count is
 * the same after 10 and after 200 steps).
 */
class DjlTrainerIntegrationTest {

    private static double train(DescentOptimizer optimizer, int steps, int[] arrayCounts) {
        try (Model model = Model.newInstance("linear")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer);
            try (Trainer trainer = model.newTrainer(config)) {
                NDManager manager = trainer.getManager();
                manager.getEngine().setRandomSeed(7);
                NDArray x = manager.randomNormal(new Shape(64, 3));
                NDArray trueW = manager.create(new float[] {2f, -3f, 0.5f}).reshape(3, 1);
                NDArray y = x.matMul(trueW).add(1.5f);
                trainer.initialize(new Shape(64, 3));
                double loss = Double.NaN;
                for (int i = 0; i < steps; i++) {
                    // the batch lives in its own manager, so forward/loss intermediates die with it
                    try (NDManager batch = manager.newSubManager();
                            GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray xb = x.duplicate();
                        NDArray yb = y.duplicate();
                        xb.attach(batch);
                        yb.attach(batch);
                        NDArray pred = trainer.forward(new NDList(xb)).singletonOrThrow();
                        NDArray l = trainer.getLoss().evaluate(new NDList(yb), new NDList(pred));
                        collector.backward(l);
                        loss = l.getFloat();
                    }
                    trainer.step();
                    for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            NDArray grad = p.getValue().getArray().getGradient();
                            assertEquals(0.0, grad.abs().sum().toType(DataType.FLOAT64, false).getDouble(), 0.0,
                                    "gradient of " + p.getKey() + " after step " + i);
                        }
                    }
                    if (i == 9) {
                        arrayCounts[0] = countArrays(model, manager);
                    }
                }
                arrayCounts[1] = countArrays(model, manager);
                return loss;
            }
        }
    }

    private static int countArrays(Model model, NDManager trainerManager) {
        return trainerManager.getManagedArrays().size() + model.getNDManager().getManagedArrays().size();
    }

    @Test
    void adamTrainsALinearModelInsideATrainerWithoutLeaks() {
        int[] counts = new int[2];
        double loss = train(Adam.of(0.05), 300, counts);
        assertTrue(loss < 1e-3, "final L2 loss " + loss);
        assertEquals(counts[0], counts[1], "arrays attached to the trainer's manager after 10 vs 300 steps");
    }

    @Test
    void sgdWithMomentumTrainsALinearModelInsideATrainer() {
        int[] counts = new int[2];
        double loss = train(Sgd.builder().lr(0.05).momentum(0.9).build(), 200, counts);
        assertTrue(loss < 1e-4, "final L2 loss " + loss);
        assertEquals(counts[0], counts[1]);
    }
}
