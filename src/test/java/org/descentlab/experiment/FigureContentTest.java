package org.descentlab.experiment;

import org.descentlab.analysis.Hessians;
import org.descentlab.problem.Quadratic;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The numbers behind the figures say what the lectures say. */
class FigureContentTest {

    private static double last(Table t, String series, String column) {
        Table s = t.where(t.stringColumn("series").isEqualTo(series));
        return s.doubleColumn(column).get(s.rowCount() - 1);
    }

    @Test
    void gdIteratesAreExactlyTheErrorFactorPowers() {
        Table t = LectureFigures.get("gd-regimes").build().data();
        for (int i = 0; i < t.rowCount(); i++) {
            double a = t.doubleColumn("alpha_lambda").get(i);
            int k = t.intColumn("step").get(i);
            double w = t.doubleColumn("w").get(i);
            // (1 - alpha lambda)^k in exact decimal arithmetic, then compared bit for bit
            BigDecimal exact = BigDecimal.ONE.subtract(new BigDecimal(a)).pow(k);
            assertEquals(0, exact.compareTo(new BigDecimal(w)), "alpha*lambda = " + a + ", k = " + k);
            assertEquals(w, t.doubleColumn("closed_form").get(i), 0.0);
        }
        // the three regimes of CSC413 L4
        assertEquals(java.util.Set.of("decay", "oscillate", "diverge"), new java.util.HashSet<>(t.stringColumn("regime").asList()));
        Table diverge = t.where(t.stringColumn("regime").isEqualTo("diverge"));
        assertTrue(Math.abs(diverge.doubleColumn("w").get(diverge.rowCount() - 1)) > 6);
    }

    @Test
    void sigmoidPlateauHoldsGdButNotAdam() {
        Table t = LectureFigures.get("sigmoid-plateau-loss").build().data();
        double gd = last(t, "GD (lr=1)", "loss");
        double adam = last(t, "Adam (lr=0.1)", "loss");
        // measured: GD 0.4997 after 300 steps (start 0.49966), Adam 0.0028
        assertTrue(gd > 0.45, "GD loss " + gd);
        assertTrue(adam < 0.01, "Adam loss " + adam);
        for (String s : List.of("AdaGrad (lr=0.5)", "RMSProp (lr=0.05)", "momentum (lr=1, β=0.9)", "Nesterov (lr=1, β=0.9)")) {
            assertTrue(last(t, s, "loss") < 0.05, s + " " + last(t, s, "loss"));
        }
    }

    @Test
    void normalizationConditionNumbers() {
        Table t = LectureFigures.get("input-normalization").build().data();
        Table raw = t.where(t.stringColumn("series").isEqualTo("raw inputs"));
        Table std = t.where(t.stringColumn("series").isEqualTo("standardized inputs"));
        assertTrue(raw.doubleColumn("condition_number").get(0) > 1e6);
        assertTrue(std.doubleColumn("condition_number").get(0) < 10);
        // standardized GD reaches the optimum; raw GD stalls well above it
        assertTrue(std.doubleColumn("excess_loss").get(std.rowCount() - 1) < 1e-10);
        assertTrue(raw.doubleColumn("excess_loss").get(raw.rowCount() - 1) > 0.1);
    }

    @Test
    void sgdNoiseFloorShrinksWithBatchSize() {
        Table t = LectureFigures.get("gd-vs-sgd-loss").build().data();
        double[] tail = new double[StochasticFigures.BATCHES.length];
        String[] names = {"SGD batch 1", "SGD batch 10", "SGD batch 100", "GD (batch 1000 = N)"};
        for (int i = 0; i < names.length; i++) {
            Table s = t.where(t.stringColumn("series").isEqualTo(names[i]));
            double sum = 0;
            for (int k = 50; k <= 100; k++) {
                sum += s.doubleColumn("excess_loss").get(k);
            }
            tail[i] = sum / 51;
        }
        String shown = "mean excess loss over steps 50..100 by batch: " + java.util.Arrays.toString(tail);
        // measured: [4.47, 0.505, 0.0630, 3.6e-6]
        for (int i = 1; i < tail.length; i++) {
            assertTrue(tail[i] < 0.5 * tail[i - 1], shown);
        }
        assertTrue(tail[3] < 1e-4, shown);
    }

    @Test
    void saddleExactGdStaysNoisyGdEscapes() {
        Table t = LectureFigures.get("saddle-escape").build().data();
        // GD on the stable manifold ends at the saddle (loss 0), noisy GD in a minimum (loss -1/2)
        assertEquals(0.0, last(t, "GD from (1, 0)", "w1"), 0.0);
        assertTrue(Math.abs(last(t, "GD from (1, 0)", "w0")) < 1e-8);
        assertEquals(-0.5, last(t, "GD + noise σ=0.05 from (1, 0)", "loss"), 0.01);
        assertEquals(-0.5, last(t, "GD from (1, 1e-4)", "loss"), 0.01);
    }

    @Test
    void momentumOptimalSettingsBeatGdOnTheRavine() {
        Table t = LectureFigures.get("ravine-momentum").build().data();
        String gd = t.stringColumn("series").get(0);
        String hb = t.stringColumn("series").get(t.rowCount() - 1);
        assertTrue(gd.startsWith("GD") && hb.startsWith("momentum"), gd + " / " + hb);
        double ratio = last(t, hb, "excess_loss") / last(t, gd, "excess_loss");
        assertTrue(ratio < 1e-6, "momentum / GD excess loss after 80 steps: " + ratio);
    }

    @Test
    void terminalVelocityIsLrOverOneMinusMu() {
        Table t = LectureFigures.get("momentum-terminal-velocity").build().data();
        for (double mu : MomentumFigures.TERMINAL_MUS) {
            Table s = t.where(t.doubleColumn("mu").isEqualTo(mu));
            double v = s.doubleColumn("velocity").get(s.rowCount() - 1);
            double expected = MomentumFigures.TERMINAL_LR / (1 - mu);
            // v_k = alpha (1 - mu^k) / (1 - mu): at k = 100, within mu^100 of the limit
            assertEquals(expected, v, expected * (Math.pow(mu, 100) + 1e-12), "mu = " + mu);
        }
    }

    @Test
    void emaCorrections() {
        Table t = LectureFigures.get("ema-bias-correction").build().data();
        double x1 = t.doubleColumn("x").get(0);
        assertEquals(0.1 * x1, t.doubleColumn("ema").get(0), 1e-12);         // biased toward 0
        assertEquals(x1, t.doubleColumn("running_mean").get(0), 1e-12);       // exact
        assertEquals(x1, t.doubleColumn("min_t_n").get(0), 1e-12);
        assertEquals(x1, t.doubleColumn("adam_division").get(0), 1e-12);
        double sum = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            sum += t.doubleColumn("x").get(i);
            assertEquals(sum / (i + 1), t.doubleColumn("running_mean").get(i), 1e-9);
        }
    }

    @Test
    void onlyOneOverTMeetsTheTheorem() {
        Table t = LectureFigures.get("schedule-conditions").build().data();
        Table longest = t.where(t.longColumn("horizon").isEqualTo(100_000));
        assertEquals(3, longest.rowCount());
        for (int i = 0; i < 3; i++) {
            String s = longest.stringColumn("schedule").get(i);
            assertEquals(s.equals("1/t"), longest.booleanColumn("satisfies_theorem").get(i), s);
        }
    }

    @Test
    void learningRateLabelsStateTheFactorsOfTheEigenvalues() {
        Quadratic q = Quadratic.diagonal(CurvatureFigures.LR_CURVATURES, null, new double[] {1, 1});
        double[] lambdas = Hessians.eigenvalues(q.hessian(q.start()).orElseThrow());
        double lambdaMax = Math.max(lambdas[0], lambdas[1]);
        Table t = LectureFigures.get("learning-rate").build().data();
        List<String> labels = new ArrayList<>(new LinkedHashSet<>(t.stringColumn("series").asList()));
        assertEquals(List.of(
                "α = 0.01: monotone in every direction; rate max|1 − αλ| = 0.99, set by λ = 1",
                "α = 0.15: λ = 10 oscillates (1 − αλ = −0.5); rate max|1 − αλ| = 0.85, set by λ = 1",
                "α = 0.19: λ = 10 oscillates (1 − αλ = −0.9); rate max|1 − αλ| = 0.9, set by λ = 10",
                "α = 0.21: λ = 10 diverges (1 − αλ = −1.1); rate max|1 − αλ| = 1.1, set by λ = 10"), labels);
        Pattern rateIn = Pattern.compile("rate max\\|1 − αλ\\| = ([0-9.]+)");
        Pattern factorIn = Pattern.compile("\\(1 − αλ = (−?[0-9.]+)\\)");
        for (int i = 0; i < labels.size(); i++) {
            double alpha = CurvatureFigures.LR_VALUES[i];
            String label = labels.get(i);
            double rate = 0;
            for (double lambda : lambdas) {
                rate = Math.max(rate, Math.abs(1 - alpha * lambda));
            }
            Matcher m = rateIn.matcher(label);
            assertTrue(m.find(), label);
            assertEquals(rate, Double.parseDouble(m.group(1)), 1e-9, label);
            double steep = 1 - alpha * lambdaMax;
            Matcher f = factorIn.matcher(label);
            assertEquals(steep < 0, f.find(), label);
            if (steep < 0) {
                assertEquals(steep, Double.parseDouble(f.group(1).replace('−', '-')), 1e-9, label);
                assertTrue(label.contains(steep < -1 ? "diverges" : "oscillates"), label);
            }
            // the loss, a sum of squared errors, shrinks (or grows) by rate^2 per step once the slowest direction leads
            Table s = t.where(t.stringColumn("series").isEqualTo(label));
            int n = s.rowCount();
            double ratio = s.doubleColumn("excess_loss").get(n - 1) / s.doubleColumn("excess_loss").get(n - 2);
            assertEquals(rate * rate, ratio, 1e-3, label);
        }
    }
}
