package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

/** Every invalid hyper-parameter is rejected with a message naming the parameter and the valid range. */
class BadInputTest {

    static Stream<Arguments> cases() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        return Stream.of(
                bad("HeavyBall negative lr", () -> HeavyBall.of(-0.1, 0.9), "lr = -0.1", ">= 0"),
                bad("HeavyBall NaN lr", () -> HeavyBall.of(nan, 0.9), "lr = NaN", ">= 0"),
                bad("HeavyBall infinite lr", () -> HeavyBall.of(inf, 0.9), "lr = Infinity", "finite"),
                bad("HeavyBall momentum 1", () -> HeavyBall.of(0.1, 1.0), "momentum = 1.0", "[0, 1)"),
                bad("HeavyBall momentum < 0", () -> HeavyBall.of(0.1, -0.5), "momentum = -0.5", "[0, 1)"),
                bad("HeavyBall nesterov without momentum",
                        () -> HeavyBall.builder().momentum(0).nesterov(true).build(), "nesterov", "(0, 1)"),
                bad("HeavyBall negative weight decay",
                        () -> HeavyBall.builder().weightDecay(-1).build(), "weight_decay = -1.0", ">= 0"),
                bad("HeavyBall unknown lookahead",
                        () -> HeavyBall.fromOptions(Options.parse(List.of("lookahead=far"))), "lookahead = 'far'",
                        "slide, momentum"),
                bad("EmaMomentum momentum NaN", () -> EmaMomentum.of(0.1, nan), "momentum = NaN", "[0, 1)"),
                bad("EmaMomentum bad bias correction",
                        () -> EmaMomentum.fromOptions(Options.parse(List.of("bias_correction=adam"))),
                        "bias_correction = 'adam'", "none, exponential, min_t_n"),
                bad("Adagrad eps 0", () -> Adagrad.builder().eps(0).build(), "eps = 0.0", "> 0"),
                bad("Adagrad negative lr_decay", () -> Adagrad.builder().lrDecay(-0.1).build(),
                        "lr_decay = -0.1", ">= 0"),
                bad("Adagrad negative initial accumulator",
                        () -> Adagrad.builder().initialAccumulatorValue(-1).build(),
                        "initial_accumulator_value = -1.0", ">= 0"),
                bad("Adagrad infinite lr", () -> Adagrad.of(inf), "lr = Infinity", "finite"),
                bad("RMSprop alpha 1", () -> RmsProp.builder().alpha(1.0).build(), "alpha = 1.0", "[0, 1)"),
                bad("RMSprop alpha < 0", () -> RmsProp.builder().alpha(-0.1).build(), "alpha = -0.1", "[0, 1)"),
                bad("RMSprop eps < 0", () -> RmsProp.builder().eps(-1e-8).build(), "eps = -1.0E-8", "> 0"),
                bad("RMSprop momentum 1.5", () -> RmsProp.builder().momentum(1.5).build(), "momentum = 1.5", "[0, 1)"),
                bad("RMSprop negative weight decay", () -> RmsProp.builder().weightDecay(-0.1).build(),
                        "weight_decay = -0.1", ">= 0"),
                bad("LocalGains beta 0", () -> LocalGains.of(0.1, 0.0), "beta = 0.0", "(0, 1)"),
                bad("LocalGains beta 1", () -> LocalGains.of(0.1, 1.0), "beta = 1.0", "(0, 1)"),
                bad("LocalGains max_gain 0", () -> LocalGains.builder().maxGain(0).build(), "max_gain = 0.0", "> 0"),
                bad("LocalGains min above max", () -> LocalGains.builder().minGain(2).maxGain(1).build(),
                        "min_gain = 2.0", "min_gain <= max_gain"),
                bad("LocalGains negative min_gain", () -> LocalGains.builder().minGain(-1).build(),
                        "min_gain = -1.0", ">= 0"),
                bad("Lars trust_coefficient 0", () -> Lars.builder().trustCoefficient(0).build(),
                        "trust_coefficient = 0.0", "> 0"),
                bad("Lars trust_coefficient NaN", () -> Lars.builder().trustCoefficient(nan).build(),
                        "trust_coefficient = NaN", "> 0"),
                bad("Lars negative eps", () -> Lars.builder().eps(-1).build(), "eps = -1.0", ">= 0"),
                bad("Lars nesterov without momentum", () -> Lars.builder().momentum(0).nesterov(true).build(),
                        "nesterov", "(0, 1)"),
                bad("Lars momentum 1", () -> Lars.builder().momentum(1).build(), "momentum = 1.0", "[0, 1)"),
                bad("Adam negative eps_root", () -> Adam.builder().epsRoot(-1).build(), "eps_root = -1.0", ">= 0"),
                bad("Adam unknown amsgrad_max",
                        () -> Adam.fromOptions(Options.parse(List.of("amsgrad_max=both"))), "amsgrad_max = 'both'",
                        "raw, corrected"),
                bad("clip max_norm 0", () -> GradientClipping.byGlobalNorm(0), "max_norm = 0.0", "> 0"),
                bad("clip max_norm NaN", () -> GradientClipping.byGlobalNorm(nan), "max_norm = NaN", "> 0"),
                bad("clip value negative", () -> GradientClipping.byValue(-1), "clip_value = -1.0", "> 0"),
                bad("setLr NaN", () -> Adagrad.of(0.1).setLr(nan), "lr = NaN", ">= 0"),
                bad("unknown option", () -> RmsProp.fromOptions(Options.parse(List.of("beta=0.9"))), "[beta]",
                        "alpha"));
    }

    private static Arguments bad(String label, Executable build, String names, String range) {
        return Arguments.of(label, build, names, range);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithParameterAndRange(String label, Executable build, String names, String range) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build, label);
        assertTrue(e.getMessage().contains(names), label + ": '" + e.getMessage() + "' does not name " + names);
        assertTrue(e.getMessage().contains(range), label + ": '" + e.getMessage() + "' does not state " + range);
    }
}
