package org.descentlab.problem;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.GradientCheck;
import org.descentlab.analysis.Hessians;
import org.descentlab.analysis.MomentumTuning;
import org.descentlab.analysis.NewtonMethod;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Sgd;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Bad input fails at once with an {@link IllegalArgumentException} (or, for a numerical dead end,
 * {@link IllegalStateException}) whose message names the parameter and the valid range or cause.
 */
class BadInputTest {

    private record Bad(String id, Executable call, String... mustMention) {}

    @TestFactory
    Stream<DynamicTest> badInputIsRejectedWithAClearMessage() {
        double nan = Double.NaN;
        List<Bad> cases = new ArrayList<>();
        cases.add(new Bad("negative eigenvalue", () -> Quadratic.rotated2d(1, -3, 0, null, null),
                "eigenvalues[1]", "-3.0", "> 0"));
        cases.add(new Bad("zero eigenvalue", () -> Quadratic.diagonal(new double[] {0, 1}, null, null),
                "eigenvalues[0]", "> 0"));
        cases.add(new Bad("NaN eigenvalue", () -> Quadratic.randomRotation(new double[] {1, nan}, 1, null, null),
                "eigenvalues[1]", "NaN"));
        cases.add(new Bad("non-orthogonal rotation",
                () -> Quadratic.withEigenbasis(new double[] {1, 2}, new double[][] {{1, 1}, {0, 1}}, null, null),
                "rotation", "orthogonal"));
        cases.add(new Bad("indefinite matrix", () -> Quadratic.fromMatrix(new double[][] {{1, 2}, {2, 1}}, null, null),
                "positive definite", "smallest eigenvalue is -0.99"));
        cases.add(new Bad("asymmetric matrix", () -> Quadratic.fromMatrix(new double[][] {{1, 2}, {0, 1}}, null, null),
                "symmetric", "matrix[1][0]"));
        cases.add(new Bad("wrong start dimension", () -> new Banana(new double[] {1, 2, 3}),
                "start", "3 coordinates", "dimension 2"));
        cases.add(new Bad("infinite start", () -> new Himmelblau(new double[] {Double.POSITIVE_INFINITY, 0}),
                "start[0]", "finite"));
        cases.add(new Bad("NaN start", () -> new Saddle(Saddle.Variant.QUARTIC, new double[] {0, nan}),
                "start[1]", "NaN"));
        NoisyQuadratic noisy = new NoisyQuadratic();
        cases.add(new Bad("batch size 0", () -> noisy.minibatchGradient(noisy.start(), 0, new SplittableRandom(1)),
                "batchSize = 0", "[1, 1000]"));
        cases.add(new Bad("batch size > N", () -> noisy.minibatchGradient(noisy.start(), 1001, new SplittableRandom(1)),
                "batchSize = 1001", "[1, 1000]"));
        cases.add(new Bad("runner batch size", () -> TrajectoryRunner.runStochastic(noisy, Sgd.of(0.1), null, null, 10, -5, 1),
                "batchSize = -5", "[1, 1000]"));
        cases.add(new Bad("minibatch at NaN w",
                () -> noisy.minibatchGradient(new double[] {nan, 0}, 1, new SplittableRandom(1)), "w[0]", "finite"));
        cases.add(new Bad("noisy quadratic sigma", () -> new NoisyQuadratic(new double[][] {{1, 0}, {0, 1}},
                new double[] {0, 0}, -1, 10, 0, null), "sigma", ">= 0"));
        cases.add(new Bad("noisy quadratic N", () -> new NoisyQuadratic(new double[][] {{1, 0}, {0, 1}},
                new double[] {0, 0}, 1, 0, 0, null), "n = 0", ">= 1"));
        cases.add(new Bad("NaN in regression data", () -> new LinearRegression(
                new double[][] {{1, 2}, {3, nan}, {4, 5}, {6, 8}}, new double[] {1, 2, 3, 4}, null), "x[1][1]", "NaN"));
        cases.add(new Bad("NaN regression target", () -> new LinearRegression(
                new double[][] {{1}, {2}, {3}}, new double[] {1, nan, 3}, null), "t[1]", "finite"));
        cases.add(new Bad("collinear regression features", () -> new LinearRegression(
                new double[][] {{1, 2}, {2, 4}, {3, 6}, {4, 8}}, new double[] {1, 2, 3, 4}, null), "linearly dependent"));
        cases.add(new Bad("too few regression rows", () -> new LinearRegression(
                new double[][] {{1, 2}, {2, 5}}, new double[] {1, 2}, null), "d + 1 = 3"));
        cases.add(new Bad("NaN sigmoid data", () -> new SigmoidFit(new double[][] {{0, 1}, {0.5, nan}}, null),
                "y[1]", "finite"));
        cases.add(new Bad("network targets length", () -> new TwoUnitNetwork(TwoUnitNetwork.Activation.RELU,
                new double[] {1, 2}, new double[] {1}, null), "same length"));
        cases.add(new Bad("condition number of an indefinite matrix",
                () -> Hessians.conditionNumber(new double[][] {{2, 0}, {0, -2}}), "positive definite", "-2.0"));
        cases.add(new Bad("negative alpha regime", () -> Hessians.Regime.of(-0.1, 1), "alpha", ">= 0"));
        cases.add(new Bad("momentum tuning spectrum", () -> MomentumTuning.heavyBall(10, 1), "lambdaMax", ">= lambdaMin"));
        cases.add(new Bad("momentum tuning non-positive", () -> MomentumTuning.gradientDescent(0, 1), "lambdaMin", "> 0"));
        cases.add(new Bad("Newton at a saddle", () -> NewtonMethod.run(new Saddle(), 1.0, 3),
                "not positive definite", "-2.0", "damping"));
        cases.add(new Bad("Newton alpha", () -> NewtonMethod.run(new Banana(), 0, 3), "alpha", "> 0"));
        cases.add(new Bad("gradient check step", () -> GradientCheck.check(new Banana(), new double[] {0, 0}, 0, 1e-6, 1e-6),
                "step", "> 0"));
        cases.add(new Bad("plot window", () -> new PlotWindow(1, 0, 0, 1), "xMin", "< xMax"));

        List<DynamicTest> tests = new ArrayList<>();
        for (Bad b : cases) {
            tests.add(DynamicTest.dynamicTest(b.id(), () -> {
                RuntimeException e = assertThrows(RuntimeException.class, b.call());
                assertTrue(e instanceof IllegalArgumentException || e instanceof IllegalStateException,
                        b.id() + ": " + e.getClass());
                String msg = e.getMessage();
                for (String s : b.mustMention()) {
                    assertTrue(msg.contains(s), b.id() + ": message '" + msg + "' does not mention '" + s + "'");
                }
            }));
        }
        return tests.stream();
    }
}
