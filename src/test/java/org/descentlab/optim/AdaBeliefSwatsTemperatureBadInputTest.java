package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.stream.Stream;

/** Every bad argument fails with a message that names the parameter, its value and the valid range. */
class AdaBeliefSwatsTemperatureBadInputTest {

    private record Case(String label, Executable call, String... fragments) {}

    private static Options opts(String... assignments) {
        return Options.parse(List.of(assignments));
    }

    @TestFactory
    Stream<DynamicTest> badInputIsRejectedClearly() {
        List<Case> cases = List.of(
                new Case("AdaBelief beta1 = 1", () -> AdaBelief.fromOptions(opts("betas=1.0,0.999")),
                        "betas[0] = 1.0 is invalid", "[0, 1)"),
                new Case("AdaBelief beta2 < 0", () -> AdaBelief.builder().betas(0.9, -0.1).build(),
                        "betas[1] = -0.1 is invalid", "[0, 1)"),
                new Case("AdaBelief eps = 0", () -> AdaBelief.builder().eps(0).build(),
                        "eps = 0.0 is invalid", "> 0"),
                new Case("AdaBelief eps NaN", () -> AdaBelief.fromOptions(opts("eps=nan")),
                        "eps = NaN is invalid", "> 0"),
                new Case("AdaBelief eps_root < 0", () -> AdaBelief.builder().epsRoot(-1e-16).build(),
                        "eps_root = -1.0E-16 is invalid", ">= 0"),
                new Case("AdaBelief weight_decay inf", () -> AdaBelief.fromOptions(opts("weight_decay=inf")),
                        "weight_decay = Infinity is invalid", "finite number >= 0"),
                new Case("AdaBelief lr < 0", () -> AdaBelief.of(-0.001),
                        "lr = -0.001 is invalid", ">= 0"),
                new Case("AdaBelief three betas", () -> AdaBelief.fromOptions(opts("betas=0.9,0.99,0.999")),
                        "betas must have exactly 2 values"),
                new Case("AdaBelief rectify unknown", () -> AdaBelief.fromOptions(opts("rectify=true")),
                        "unknown hyper-parameter [rectify] for AdaBelief", "eps_root", "decoupled_weight_decay"),
                new Case("SWATS eps_switch = 0", () -> Swats.builder().epsSwitch(0).build(),
                        "eps_switch = 0.0 is invalid", "> 0"),
                new Case("SWATS eps_switch NaN", () -> Swats.fromOptions(opts("eps_switch=nan")),
                        "eps_switch = NaN is invalid", "> 0"),
                new Case("SWATS beta2 = 1", () -> Swats.fromOptions(opts("betas=0.9,1")),
                        "betas[1] = 1.0 is invalid", "[0, 1)"),
                new Case("SWATS eps < 0", () -> Swats.builder().eps(-1e-9).build(),
                        "eps = -1.0E-9 is invalid", "> 0"),
                new Case("SWATS lr NaN", () -> Swats.of(Double.NaN),
                        "lr = NaN is invalid", ">= 0"),
                new Case("AMSGrad beta1 = 1.5", () -> Adam.amsgradFromOptions(opts("betas=1.5,0.999")),
                        "betas[0] = 1.5 is invalid", "[0, 1)"),
                new Case("Temperature B = 0", () -> Temperature.sgdLr(1e-3, 0),
                        "batch_size = 0 is invalid", "integer >= 1"),
                new Case("Temperature eta0 = 0", () -> Temperature.sgdLr(0, 32),
                        "eta0 = 0.0 is invalid", "> 0"),
                new Case("Temperature eta0 NaN", () -> Temperature.heavyBallLr(Double.NaN, 32, 0.9),
                        "eta0 = NaN is invalid", "> 0"),
                new Case("Temperature mu = 1", () -> Temperature.heavyBallLr(1e-3, 32, 1.0),
                        "mu = 1.0 is invalid", "[0, 1)"),
                new Case("Temperature mu < 0", () -> Temperature.heavyBallLr(1e-3, 32, -0.5),
                        "mu = -0.5 is invalid", "[0, 1)"),
                new Case("Temperature B < 0 heavy ball", () -> Temperature.heavyBallLr(1e-3, -4, 0.9),
                        "batch_size = -4 is invalid", "integer >= 1"),
                new Case("Temperature N_g0 < 1", () -> Temperature.decoupledAdam(0.5, 1000, 32, 1e-8, 1e-3),
                        "N_g0 = 0.5 is invalid", ">= 1"),
                new Case("Temperature N_s0 NaN", () -> Temperature.decoupledAdam(100, Double.NaN, 32, 1e-8, 1e-3),
                        "N_s0 = NaN is invalid", ">= 1"),
                new Case("Temperature eps0 = 0", () -> Temperature.decoupledAdam(100, 1000, 32, 0, 1e-3),
                        "eps0 = 0.0 is invalid", "> 0"),
                new Case("Temperature eps0 inf", () -> Temperature.adam(100, 1000, 32, Double.POSITIVE_INFINITY, 1e-3),
                        "eps0 = Infinity is invalid", "finite number > 0"),
                new Case("Temperature B = 0 Adam", () -> Temperature.decoupledAdam(100, 1000, 0, 1e-8, 1e-3),
                        "batch_size = 0 is invalid", "integer >= 1"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.call());
            for (String f : c.fragments()) {
                assertTrue(e.getMessage().contains(f), c.label() + ": message '" + e.getMessage() + "' lacks '" + f + "'");
            }
        }));
    }

}
