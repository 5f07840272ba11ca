package org.descentlab.experiment;

import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.experiment.FigureParts.Run;
import org.descentlab.optim.Sgd;
import org.descentlab.plot.CurvePlot;
import org.descentlab.problem.NoisyQuadratic;
import org.descentlab.problem.PlotWindow;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;

import java.util.ArrayList;
import java.util.List;

import static org.descentlab.experiment.FigureParts.contour;
import static org.descentlab.experiment.FigureParts.curve;
import static org.descentlab.experiment.FigureParts.excess;
import static org.descentlab.experiment.FigureParts.runsTable;

/** GD against mini-batch SGD on CTU DLE L7's noisy quadratic (CTU DLE L7, DL1 L4). */
final class StochasticFigures {

    static final int[] BATCHES = {1, 10, 100, 1000};
    static final int SGD_STEPS = 100;
    static final double SGD_LR = 0.1;

    private StochasticFigures() {}

    private static List<Run> noisyQuadraticRuns(NoisyQuadratic p) {
        List<Run> runs = new ArrayList<>();
        for (int b : BATCHES) {
            String label = b == p.dataSize() ? "GD (batch " + b + " = N)" : "SGD batch " + b;
            runs.add(new Run(label, TrajectoryRunner.runStochastic(p, Sgd.of(SGD_LR), null, null, SGD_STEPS, b, 7L)));
        }
        return runs;
    }

    static LectureFigure.Output gdVsSgdPaths(String title) {
        NoisyQuadratic p = new NoisyQuadratic();
        var plot = contour(p, new PlotWindow(-3, 3.5, -1, 4), title, false).iterateMarkers(false);
        return FigureParts.paths(plot, title, noisyQuadraticRuns(p), p);
    }

    static LectureFigure.Output gdVsSgdLoss(String title) {
        NoisyQuadratic p = new NoisyQuadratic();
        List<Run> runs = noisyQuadraticRuns(p);
        double floor = p.loss(p.optimum().orElseThrow());
        CurvePlot plot = curve(title, "step k", "f(w_k) − f*").logY(true).markers(false);
        for (Run r : runs) {
            plot.add(r.label(), excess(r.trajectory().loss(), floor));
        }
        return new LectureFigure.Output(runsTable(title, runs, p), plot, plot.seriesCount());
    }

    static LectureFigure.Output gdVsSgdCost(String title) {
        NoisyQuadratic p = new NoisyQuadratic();
        List<Run> runs = noisyQuadraticRuns(p);
        double floor = p.loss(p.optimum().orElseThrow());
        CurvePlot plot = curve(title, "examples processed (k × batch size)", "f(w_k) − f*")
                .logY(true).logX(true).markers(false);
        LongTable t = new LongTable(title, StringColumn.create("series"), IntColumn.create("batch"),
                IntColumn.create("step"), LongColumn.create("examples"), DoubleColumn.create("excess_loss"));
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            double[] ex = excess(r.trajectory().loss(), floor);
            double[] x = new double[ex.length];
            for (int k = 0; k < ex.length; k++) {
                x[k] = (double) k * BATCHES[i];
                t.row(r.label(), BATCHES[i], k, (long) k * BATCHES[i], ex[k]);
            }
            plot.add(r.label(), x, ex);
        }
        return new LectureFigure.Output(t.table(), plot, plot.seriesCount());
    }
}
