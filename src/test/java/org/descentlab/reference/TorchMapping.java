package org.descentlab.reference;

import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds the descent optimizer that implements a torch.optim case through the same name registry the
 * command line uses. torch's kwargs are our option names and torch's class names are registry
 * names (case-insensitively), so nothing is translated; kwargs that choose torch's code path rather than the
 * algorithm (foreach, fused, ...) are dropped.
 */
final class TorchMapping {

    /** torch kwargs that select an implementation, not a different update. */
    private static final Set<String> CODE_PATH = Set.of("foreach", "fused", "differentiable", "capturable", "maximize");

    /** torch optimizers descent does not implement (yet), each with the reason. */
    static final Map<String, String> UNSUPPORTED = Map.of(
            "NAdam", "not part of the lectures; descent has no NAdam yet",
            "RAdam", "not part of the lectures; descent has no RAdam yet",
            "Adamax", "not part of the lectures; descent has no Adamax yet",
            "Adadelta", "mentioned in STAT 453 L12 only by name; descent has no Adadelta yet");

    private TorchMapping() {}

    static boolean supports(String torchClass) {
        return Optimizers.names().contains(torchClass.toLowerCase(java.util.Locale.ROOT));
    }

    static DescentOptimizer optimizerFor(OptimizerFixtures.Case c) {
        Map<String, Object> params = new LinkedHashMap<>(c.params());
        for (String k : CODE_PATH) {
            Object v = params.remove(k);
            if (k.equals("maximize") && Boolean.TRUE.equals(v)) {
                throw new IllegalStateException(c.id() + ": maximize=true is not supported");
            }
        }
        return Optimizers.create(c.optimizer(), Options.of(params));
    }
}
