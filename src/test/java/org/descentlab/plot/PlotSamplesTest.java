package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Adam;
import org.descentlab.optim.Sgd;
import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.Rosenbrock;
import org.descentlab.schedule.Schedule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole flow problem -> runner -> trajectory/table -> figure -> PNG, on the lecture's own
 * examples. The PNGs land in {@code target/plot-samples/} (or the directory in the system property
 * {@code descent.plot.samples}) for a human to look at.
 */
class PlotSamplesTest {

    private static Path dir;

    @BeforeAll
    static void dir() throws Exception {
        dir = Paths.get(System.getProperty("descent.plot.samples", "target/plot-samples"));
        Files.createDirectories(dir);
    }

    @Test
    void rosenbrockWithThreeOptimizersAndADivergedOne() {
        Rosenbrock r = new Rosenbrock();
        Trajectory sgd = TrajectoryRunner.run(r, Sgd.of(1e-3), 400);
        Trajectory momentum = TrajectoryRunner.run(r, Sgd.builder().lr(1e-3).momentum(0.9).build(), 400);
        Trajectory adam = TrajectoryRunner.run(r, Adam.of(0.05), 400);
        Trajectory diverged = TrajectoryRunner.run(r, Sgd.of(0.01), 20);
        ContourPlot p = ContourPlot.of(r, -2, 2, -1, 3).logLevels(true)
                .addTrajectory("SGD", sgd)
                .addTrajectory(momentum)
                .addTable(adam.toTable(), "w0", "w1", "Adam")
                .addTrajectory("SGD lr=0.01", diverged)
                .title("Rosenbrock, 400 steps");
        Path png = p.toPng(dir.resolve("contour-rosenbrock.png"));
        Pngs.assertPicture(png, 800, 600);
        assertTrue(p.chart().getSeriesMap().keySet().stream().anyMatch(k -> k.contains("[diverged at step")));

        CurvePlot c = new CurvePlot("Rosenbrock loss", "step", "loss").logY(true)
                .addTrajectory("SGD", sgd)
                .addTrajectory(momentum)
                .addTable(adam.toTable(), "step", "loss", "Adam");
        Pngs.assertPicture(c.toPng(dir.resolve("curves-rosenbrock.png")), 800, 600);
    }

    @Test
    void ravineWithLinearGreyLevels() {
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1, 20}, new double[] {-1.8, 0.9});
        Trajectory sgd = TrajectoryRunner.run(q, Sgd.of(0.09), 40);
        Trajectory nesterov = TrajectoryRunner.run(q, Sgd.builder().lr(0.03).momentum(0.8).nesterov(true).build(), 40);
        ContourPlot p = ContourPlot.of(q, -2, 2, -1.2, 1.2).coloring(ContourPlot.Coloring.GREY)
                .addTrajectory("SGD", sgd).addTrajectory(nesterov).size(900, 540);
        Pngs.assertPicture(p.toPng(dir.resolve("contour-ravine.png")), 900, 540);
    }

    @Test
    void schedulesRegimesAndBars() {
        Schedule step = new Schedule() {
            public double valueAt(long k) {
                return 0.1 * Math.pow(0.5, k / 10);
            }

            public String describe() {
                return "StepLR(step_size=10, gamma=0.5)";
            }
        };
        Schedule cosine = new Schedule() {
            public double valueAt(long k) {
                return 0.05 * (1 + Math.cos(Math.PI * Math.min(k, 40) / 40.0));
            }

            public String describe() {
                return "CosineAnnealingLR(T_max=40)";
            }
        };
        Pngs.assertPicture(SchedulePlot.of(40, step, cosine, k -> 0.06).toPng(dir.resolve("schedules.png")), 800, 600);
        Pngs.assertPicture(CurvePlot.regimes(20, 0.5, 1.5, 1.9, 2.05).toPng(dir.resolve("regimes.png")), 800, 600);

        Map<String, Integer> memory = new LinkedHashMap<>();
        memory.put("SGD", 0);
        memory.put("SGD+momentum", 1);
        memory.put("AdaGrad", 1);
        memory.put("RMSProp", 1);
        memory.put("Adam", 2);
        memory.put("AMSGrad", 3);
        BarPlot memoryBars = new BarPlot("Optimizer state per parameter", "optimizer", "extra tensors")
                .add("state tensors", memory);
        Pngs.assertPicture(memoryBars.toPng(dir.resolve("bars-memory.png")), 800, 600);
        BarPlot acc = new BarPlot("Test accuracy by lecture", "lecture", "accuracy (%)")
                .add("deck", List.of("3", "4", "5", "6", "7"), new double[] {91.2, 97.1, 97.8, 98.1, 98.0})
                .add("reproduced", List.of("3", "4", "5", "7"), new double[] {90.8, 97.3, 97.6, 98.2});
        Pngs.assertPicture(acc.toPng(dir.resolve("bars-accuracy.png")), 800, 600);
    }
}
