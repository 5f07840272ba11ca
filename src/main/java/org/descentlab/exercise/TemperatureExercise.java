package org.descentlab.exercise;

import org.descentlab.optim.Temperature;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Exercise 11 (analytical): the learning rate that keeps SGD's temperature fixed across batch size and
 * momentum, eta = (1 - mu) B eta0, TTIC 31230 slides "Making Temperature Independent of Batch Size" and
 * "Heavy Ball Momentum".
 */
final class TemperatureExercise extends ComparisonExercise<StudentTemperature, TemperatureExercise.TempCase> {

    /** One setting: eta0, B and mu. */
    record TempCase(String name, double eta0, long batchSize, double momentum) implements Case {
        @Override
        public String settings() {
            return "eta0=" + Hyper.fmt(eta0) + ", B=" + batchSize + ", mu=" + Hyper.fmt(momentum);
        }
    }

    TemperatureExercise() {
        super(new Statement("temperature", "Temperature-preserving learning rate",
                "TTIC 31230, slides \"Making Temperature Independent of Batch Size\" and \"Heavy Ball Momentum\"",
                "The temperature of SGD (the loss level its gradient noise keeps it at) is set by eta0, the"
                        + " learning rate per training example. Derive and return the learning rate `lr` (torch's)"
                        + " of heavy-ball SGD with batch size B and momentum mu that has the same temperature as"
                        + " batch-size-1 SGD without momentum at rate eta0. Hints: a batch gradient is the MEAN of"
                        + " B example gradients; with momentum mu a constant gradient moves w by lr / (1 - mu)"
                        + " per step.",
                "eta = (1 - mu) * B * eta0"),
                StudentTemperature.class,
                "the library's Temperature.heavyBallLr");
    }

    @Override
    public StudentTemperature reference() {
        return (eta0, b, mu) -> Temperature.heavyBallLr(eta0, b, mu).lr();
    }

    @Override
    List<TempCase> cases() {
        return List.of(
                new TempCase("B = 1, no momentum (the definition of eta0)", 0.01, 1, 0),
                new TempCase("batch 32, no momentum", 0.001, 32, 0),
                new TempCase("batch 1, momentum 0.9", 0.01, 1, 0.9),
                new TempCase("batch 128, momentum 0.9", 1e-4, 128, 0.9),
                new TempCase("batch 1000, momentum 0.99", 2e-5, 1000, 0.99));
    }

    @Override
    List<TempCase> hiddenCases(Random rng) {
        List<TempCase> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(new TempCase("hidden setting " + (i + 1), Math.pow(10, -5 + 3 * rng.nextDouble()),
                    1 + rng.nextInt(512), 0.5 + 0.49 * rng.nextDouble()));
        }
        return out;
    }

    @Override
    double[][] run(StudentTemperature impl, TempCase c) throws StudentFailure {
        double v = Guard.run("for " + c.settings(), () -> impl.lr(c.eta0(), c.batchSize(), c.momentum()));
        return new double[][] {{v}};
    }

    @Override
    List<Mistake<StudentTemperature>> mistakes() {
        return List.of(
                new Mistake<>(Diagnosis.TEMPERATURE_MOMENTUM_MISSING, "Your values match B * eta0.",
                        (eta0, b, mu) -> b * eta0),
                new Mistake<>(Diagnosis.TEMPERATURE_MOMENTUM_INVERTED, "Your values match B * eta0 / (1 - mu).",
                        (eta0, b, mu) -> b * eta0 / (1 - mu)),
                new Mistake<>(Diagnosis.TEMPERATURE_BATCH_MISSING, "Your values match (1 - mu) * eta0.",
                        (eta0, b, mu) -> (1 - mu) * eta0),
                new Mistake<>(Diagnosis.TEMPERATURE_SQRT_BATCH, "Your values match (1 - mu) * sqrt(B) * eta0.",
                        (eta0, b, mu) -> (1 - mu) * Math.sqrt(b) * eta0));
    }

    @Override
    public String skeletonCell() {
        return lambdaSkeleton("StudentTemperature mine = (eta0, batchSize, momentum)");
    }

    @Override
    long stepOf(int row) {
        return -1;
    }

    @Override
    String quantity(TempCase c, int row, int j) {
        return "lr";
    }

    @Override
    String valueName() {
        return "lr";
    }

    @Override
    String coordinateName(int j) {
        return "lr";
    }
}
