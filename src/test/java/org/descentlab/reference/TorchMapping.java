package org.descentlab.reference;

import org.descentlab.optim.Adagrad;
import org.descentlab.optim.Adam;
import org.descentlab.optim.AdamW;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.Options;
import org.descentlab.optim.RmsProp;
import org.descentlab.optim.Sgd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the descent optimizer that implements a torch.optim case. torch's kwargs are our option
 * names, so the mapping is by class name only; kwargs that choose torch's code path rather than the
 * algorithm (foreach, fused, ...) are dropped.
 */
final class TorchMapping {

    /** torch kwargs that select an implementation, not a different update. */
    private static final Set<String> CODE_PATH = Set.of("foreach", "fused", "differentiable", "capturable", "maximize");

    private static final Map<String, Function<Options, DescentOptimizer>> BY_CLASS = Map.of(
            "SGD", Sgd::fromOptions,
            "Adam", Adam::fromOptions,
            "AdamW", AdamW::fromOptions,
            "Adagrad", Adagrad::fromOptions,
            "RMSprop", RmsProp::fromOptions);

    /** torch optimizers descent does not implement (yet), each with the reason. */
    static final Map<String, String> UNSUPPORTED = Map.of(
            "NAdam", "not part of the lecture decks; descent has no NAdam yet",
            "RAdam", "not part of the lecture decks; descent has no RAdam yet",
            "Adamax", "not part of the lecture decks; descent has no Adamax yet",
            "Adadelta", "mentioned in deck 002 only by name; descent has no Adadelta yet");

    private TorchMapping() {}

    static boolean supports(String torchClass) {
        return BY_CLASS.containsKey(torchClass);
    }

    static DescentOptimizer optimizerFor(OptimizerFixtures.Case c) {
        Map<String, Object> params = new LinkedHashMap<>(c.params());
        for (String k : CODE_PATH) {
            Object v = params.remove(k);
            if (k.equals("maximize") && Boolean.TRUE.equals(v)) {
                throw new IllegalStateException(c.id() + ": maximize=true is not supported");
            }
        }
        return BY_CLASS.get(c.optimizer()).apply(Options.of(params));
    }
}
