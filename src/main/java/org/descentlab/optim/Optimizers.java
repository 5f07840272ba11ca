package org.descentlab.optim;

import org.descentlab.util.Check;
import org.descentlab.util.Registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The optimizers by name, as the command line and experiment files spell them ({@code sgd},
 * {@code adam}, {@code heavy-ball}, ...): lower case, words joined by hyphens. Each entry is a factory
 * from torch-named {@link Options}, the optimizer's {@link HyperParameters} declaration and a one-line
 * description; adding an optimizer is one {@code add} line below. Lookup ignores case, hyphens and
 * underscores, so torch's and descent's class names ({@code SGD}, {@code AdamW},
 * {@code HeavyBall}, {@code EmaMomentum}) and older spellings ({@code heavyball}, {@code ema_momentum})
 * work as they are.
 */
public final class Optimizers {

    private record Entry(String description, HyperParameters hyper, Function<Options, DescentOptimizer> factory) {}

    /** Looked up written without case, hyphens or underscores. */
    private static final Registry<Entry> REGISTRY = new Registry<>("optimizer",
            name -> name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""), "");

    static {
        add("sgd", "SGD with momentum, Nesterov and coupled weight decay (torch.optim.SGD)", Sgd.HYPER, Sgd::fromOptions);
        add("adam", "Adam with coupled L2 weight decay and optional AMSGrad (torch.optim.Adam)", Adam.HYPER, Adam::fromOptions);
        add("adamw", "Adam with decoupled weight decay (torch.optim.AdamW)", AdamW.HYPER, AdamW::fromOptions);
        add("heavy-ball", "Momentum in CTU DLE L7's form v = beta v - g, w += lr v; Nesterov via the slide's look-ahead", HeavyBall.HYPER, HeavyBall::fromOptions);
        add("ema-momentum", "EMA momentum of TTIC 31230, optional bias correction", EmaMomentum.HYPER, EmaMomentum::fromOptions);
        add("adagrad", "AdaGrad (torch.optim.Adagrad), optional eps inside the root (optax)", Adagrad.HYPER, Adagrad::fromOptions);
        add("rmsprop", "RMSprop (torch.optim.RMSprop), centered, momentum, optional eps inside the root (CSC413 L4)", RmsProp.HYPER, RmsProp::fromOptions);
        add("local-gains", "Adaptive per-weight gains of STAT 453 L12 (Jacobs/Hinton), optional gain bounds", LocalGains.HYPER, LocalGains::fromOptions);
        add("lars", "LARS, per-parameter trust ratio (optax.lars convention)", Lars.HYPER, Lars::fromOptions);
        add("adabelief", "AdaBelief, STAT 453 L12 Algorithm 2 (adabelief-pytorch defaults; eps_root as optax)", AdaBelief.HYPER, AdaBelief::fromOptions);
        add("swats", "SWATS: Adam, then SGD with the projected rate once it settles (Keskar and Socher 2017)", Swats.HYPER, Swats::fromOptions);
        add("amsgrad", "AMSGrad: Adam with amsgrad on (torch.optim.Adam(amsgrad=True)); Adam's hyper-parameters",
                Adam.HYPER.presetting("AMSGrad", HyperParameters.AMSGRAD, true), Adam::amsgradFromOptions);
    }

    private Optimizers() {}

    private static void add(String name, String description, HyperParameters hyper,
            Function<Options, DescentOptimizer> factory) {
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalStateException("optimizer name '" + name + "' must be lower-case words joined by hyphens");
        }
        REGISTRY.add(name, new Entry(description, hyper, factory));
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
        return entry(name).factory().apply(options);
    }

    /**
     * The registry name for {@code name} (ignoring case, hyphens and underscores).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static String resolve(String name) {
        Check.notNull("optimizer", name);
        return REGISTRY.resolve(name);
    }

    private static Entry entry(String name) {
        Check.notNull("optimizer", name);
        return REGISTRY.get(name);
    }

    /** The declaration of the hyper-parameters of optimizer {@code name} (any accepted spelling). */
    public static HyperParameters hyperParameters(String name) {
        return entry(name).hyper();
    }

    /** The registry names, in registration order. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** Each registry name with its one-line description, in registration order. */
    public static Map<String, String> descriptions() {
        return REGISTRY.describe(Entry::description);
    }
}
