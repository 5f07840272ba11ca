package org.descentlab.optim;

import org.descentlab.util.Check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The optimizers by name, as the command line and experiment files spell them ({@code sgd},
 * {@code adam}, ...). Each entry is a factory from torch-named {@link Options} plus a one-line
 * description; adding an optimizer is one {@code add} line below. Lookup is case-insensitive, so
 * torch's class names ({@code SGD}, {@code Adam}, {@code AdamW}) work as they are; torch names that
 * differ from the registry name by more than case go into {@link #ALIASES}.
 */
public final class Optimizers {

    private record Entry(String description, Function<Options, DescentOptimizer> factory) {}

    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    /** Lower-cased alternative spellings (torch class names) mapped to registry names. */
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        add("sgd", "SGD with momentum, Nesterov and coupled weight decay (torch.optim.SGD)", Sgd::fromOptions);
        add("adam", "Adam with coupled L2 weight decay and optional AMSGrad (torch.optim.Adam)", Adam::fromOptions);
        add("adamw", "Adam with decoupled weight decay (torch.optim.AdamW)", AdamW::fromOptions);
        add("heavyball", "Momentum in CTU DLE L7's form v = beta v - g, w += lr v; Nesterov via look-ahead (slide|momentum)", HeavyBall::fromOptions);
        add("ema-momentum", "EMA momentum of TTIC 31230, optional bias correction (none|exponential|min_t_n)", EmaMomentum::fromOptions);
        add("adagrad", "AdaGrad (torch.optim.Adagrad), optional eps inside the root (optax)", Adagrad::fromOptions);
        add("rmsprop", "RMSprop (torch.optim.RMSprop), centered, momentum, optional eps inside the root (CSC413 L4)", RmsProp::fromOptions);
        add("local-gains", "Adaptive per-weight gains of STAT 453 L12 (Jacobs/Hinton), optional gain bounds", LocalGains::fromOptions);
        add("lars", "LARS, per-parameter trust ratio (optax.lars convention)", Lars::fromOptions);
        add("adabelief", "AdaBelief, STAT 453 L12 Algorithm 2 (adabelief-pytorch defaults; eps_root as optax)", AdaBelief::fromOptions);
        add("swats", "SWATS: Adam, then SGD with the projected rate once it settles (Keskar and Socher 2017)", Swats::fromOptions);
        add("amsgrad", "AMSGrad: Adam with amsgrad on (torch.optim.Adam(amsgrad=True))", Adam::amsgradFromOptions);
    }

    private Optimizers() {}

    private static void add(String name, String description, Function<Options, DescentOptimizer> factory) {
        if (!name.equals(name.toLowerCase(Locale.ROOT)) || REGISTRY.containsKey(name)) {
            throw new IllegalStateException("optimizer name '" + name + "' must be lower-case and unique");
        }
        REGISTRY.put(name, new Entry(description, factory));
    }

    /**
     * Builds the optimizer {@code name} from torch-named hyper-parameters.
     *
     * @param name a registry name or torch class name, any case
     * @param options hyper-parameters; names the optimizer does not know are rejected
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or an
     *     invalid hyper-parameter (the message names it and its valid range)
     */
    public static DescentOptimizer create(String name, Options options) {
        Check.notNull("options", options);
        return REGISTRY.get(resolve(name)).factory().apply(options);
    }

    /**
     * The registry name for {@code name} (case-insensitive, aliases resolved).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static String resolve(String name) {
        Check.notNull("optimizer", name);
        String key = name.trim().toLowerCase(Locale.ROOT);
        key = ALIASES.getOrDefault(key, key);
        if (!REGISTRY.containsKey(key)) {
            throw new IllegalArgumentException(
                    "optimizer = '" + name + "' is unknown: must be one of " + String.join(", ", names()));
        }
        return key;
    }

    /** The registry names, in registration order. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(REGISTRY.keySet()));
    }

    /** Each registry name with its one-line description, in registration order. */
    public static Map<String, String> descriptions() {
        Map<String, String> out = new LinkedHashMap<>();
        REGISTRY.forEach((name, entry) -> out.put(name, entry.description()));
        return Collections.unmodifiableMap(out);
    }
}
