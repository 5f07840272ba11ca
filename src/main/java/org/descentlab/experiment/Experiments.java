package org.descentlab.experiment;

import org.descentlab.schedule.BatchSizeSchedule;
import org.descentlab.schedule.MultiStepLR;
import org.descentlab.train.LrPolicy;
import org.descentlab.train.TrainingConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The lecture's MNIST experiments by name, each with the configuration of its notebook and the test
 * accuracy the course quotes. The accuracies come from the STAT 453 course's public code notebooks for
 * L12 (the notebook named in the source column), not from the slides, which show four of them. All
 * train the {@link org.descentlab.model.LectureMlp} with seed 123 for 100 epochs on the first 54000 training images (validation: the last 6000).
 *
 * <table>
 *   <caption>registry</caption>
 *   <tr><th>name</th><th>batch</th><th>optimizer</th><th>schedule</th><th>test %</th><th>source</th></tr>
 *   <tr><td>batchsize-1024</td><td>1024</td><td>SGD lr 0.1</td><td>-</td><td>97.08</td><td>STAT 453 L12, batchsize-1024.ipynb</td></tr>
 *   <tr><td>batchsize-64</td><td>64</td><td>SGD lr 0.1</td><td>-</td><td>97.18</td><td>STAT 453 L12, batchsize-64.ipynb</td></tr>
 *   <tr><td>scheduler</td><td>64</td><td>SGD lr 0.1</td><td>ReduceLROnPlateau(factor 0.1, mode max) on val acc</td><td>97.17</td><td>STAT 453 L12, scheduler.ipynb</td></tr>
 *   <tr><td>sgd-scheduler-momentum</td><td>256</td><td>SGD lr 0.1, momentum 0.9, wd 1e-4</td><td>ReduceLROnPlateau(factor 0.1, mode min) on last minibatch loss</td><td>97.34</td><td>STAT 453 L12, sgd-scheduler-momentum.ipynb</td></tr>
 *   <tr><td>adam</td><td>256</td><td>Adam lr 0.005</td><td>-</td><td>97.37</td><td>STAT 453 L12, adam.ipynb</td></tr>
 *   <tr><td>adamw</td><td>256</td><td>AdamW lr 0.005</td><td>-</td><td>97.29</td><td>STAT 453 L12, adamW.ipynb</td></tr>
 *   <tr><td>adabelief</td><td>256</td><td>AdaBelief lr 0.005</td><td>-</td><td>97.20</td><td>STAT 453 L12, adabelief.ipynb</td></tr>
 * </table>
 *
 * plus four without a quoted number: {@code adam-vs-sgd-generalization} (Wilson et al. 2017: training
 * loss vs test accuracy per epoch, Adam vs SGD with momentum), {@code swats} (Keskar and Socher 2017),
 * {@code increase-batch-size} (Smith et al. 2017: step decay of the rate vs the same factors applied
 * to the batch size, at equal epochs; the report gives the parameter updates) and {@code
 * linear-scaling} (TTIC 31230, Goyal et al. 2017: {@code eta = B * eta0} with {@code eta0 = 0.1/64}).
 *
 * <p>ReduceLROnPlateau: STAT 453 L12 quotes only {@code factor=0.1, mode='max'} (and {@code verbose}); all
 * other arguments are torch's defaults, notably {@code patience=10}, {@code threshold=1e-4} (rel).
 */
public final class Experiments {

    private static final Map<String, Experiment> REGISTRY = new LinkedHashMap<>();
    private static final double NONE = Double.NaN;
    private static final int EPOCHS = 100;
    /** The experiments' source: the lecture, its slides and the course's code notebook. */
    private static final String L12 = "STAT 453 L12";

    static {
        single("batchsize-1024", "SGD lr 0.1 at batch size 1024",
                L12 + ", slide \"Practical Tip for Minibatch Use\"; notebook batchsize-1024.ipynb", 97.08,
                e -> base("batchsize-1024", e, 1024).build());
        single("batchsize-64", "SGD lr 0.1 at batch size 64",
                L12 + ", slide \"Practical Tip for Minibatch Use\"; notebook batchsize-64.ipynb", 97.18,
                e -> base("batchsize-64", e, 64).build());
        single("scheduler", "SGD lr 0.1, B 64, ReduceLROnPlateau(factor 0.1, mode max) on validation accuracy",
                L12 + ", slide \"Learning Rate Decay in PyTorch\"; notebook scheduler.ipynb", 97.17,
                e -> base("scheduler", e, 64)
                        .lrPolicy(LrPolicy.plateau(Map.of("mode", "max", "factor", 0.1),
                                LrPolicy.PlateauMetric.VALIDATION_ACCURACY))
                        .build());
        single("sgd-scheduler-momentum",
                "SGD lr 0.1 momentum 0.9 weight decay 1e-4, B 256, ReduceLROnPlateau(factor 0.1, mode min) on the last minibatch loss",
                L12 + ", slide \"Using Different Optimizers in PyTorch\"; notebook sgd-scheduler-momentum.ipynb", 97.34,
                e -> base("sgd-scheduler-momentum", e, 256)
                        .optimizer("sgd", Map.of("lr", 0.1, "momentum", 0.9, "weight_decay", 1e-4))
                        .lrPolicy(LrPolicy.plateau(Map.of("mode", "min", "factor", 0.1),
                                LrPolicy.PlateauMetric.LAST_MINIBATCH_LOSS))
                        .build());
        single("adam", "Adam lr 0.005, B 256",
                L12 + ", slide \"Using Different Optimizers in PyTorch\"; notebook adam.ipynb", 97.37,
                e -> base("adam", e, 256).optimizer("adam", Map.of("lr", 0.005)).build());
        single("adamw", "AdamW lr 0.005 (torch default weight decay 0.01), B 256",
                L12 + ", notebook adamW.ipynb (AdamW is on slide \"Which Optimizer should I use for my ML Project?\")",
                97.29,
                e -> base("adamw", e, 256).optimizer("adamw", Map.of("lr", 0.005)).build());
        single("adabelief", "AdaBelief lr 0.005, B 256",
                L12 + ", slide \"AdaBelief Optimizer: Adapting Stepsizes by the Belief in Observed Gradients\";"
                        + " notebook adabelief.ipynb", 97.20,
                e -> base("adabelief", e, 256).optimizer("adabelief", Map.of("lr", 0.005)).build());
        add(new Experiment("adam-vs-sgd-generalization",
                "Adam lr 0.005 vs SGD lr 0.1 momentum 0.9 at B 256: training loss against test accuracy per epoch",
                L12 + ", slide \"Training Loss vs Generalization Error\"; Wilson et al. 2017", NONE, EPOCHS,
                e -> List.of(
                        base("adam-vs-sgd-generalization-adam", e, 256).optimizer("adam", Map.of("lr", 0.005))
                                .testEachEpoch(true).build(),
                        base("adam-vs-sgd-generalization-sgd", e, 256)
                                .optimizer("sgd", Map.of("lr", 0.1, "momentum", 0.9)).testEachEpoch(true).build())));
        single("swats", "SWATS lr 0.005 (Adam, then SGD at the projected rate), B 256",
                L12 + ", slide \"Improving Generalization Performance by Switching from Adam to SGD\";"
                        + " Keskar and Socher 2017", NONE,
                e -> base("swats", e, 256).optimizer("swats", Map.of("lr", 0.005)).testEachEpoch(true).build());
        add(new Experiment("increase-batch-size",
                "SGD lr 0.1 from B 64: the rate divided by 4 at 1/2 and 3/4 of the epochs vs the batch size multiplied by 4 there",
                L12 + ", slide \"Relationship between Learning Rate and Batch Size\"; Smith et al. 2017", NONE, EPOCHS,
                e -> {
                    long[] milestones = milestones(e);
                    return List.of(
                            base("increase-batch-size-step-decay", e, 64)
                                    .lrPolicy(LrPolicy.perEpoch(new MultiStepLR(0.1, milestones, 0.25))).build(),
                            base("increase-batch-size-batch-growth", e, 64)
                                    .batchSizeSchedule(BatchSizeSchedule.atMilestones(0.1, 64, milestones, 4, Long.MAX_VALUE))
                                    .build());
                }));
        add(new Experiment("linear-scaling",
                "plain SGD with eta = B * eta0, eta0 = 0.1/64: B 64 (0.1), 256 (0.4), 1024 (1.6)",
                "TTIC 31230, slides \"Making Temperature Independent of Batch Size\" and \"Making Temperature"
                        + " Independent of $B$\"; Goyal et al. 2017", NONE, EPOCHS,
                e -> {
                    List<TrainingConfig> runs = new ArrayList<>();
                    for (int b : new int[] {64, 256, 1024}) {
                        runs.add(base("linear-scaling-b" + b, e, b).optimizer("sgd", Map.of("lr", 0.1 * b / 64)).build());
                    }
                    return runs;
                }));
    }

    private Experiments() {}

    private static TrainingConfig.Builder base(String name, int epochs, int batch) {
        return TrainingConfig.builder(name).epochs(epochs).batchSize(batch).optimizer("sgd", Map.of("lr", 0.1));
    }

    /** Half and three quarters of the epochs (strictly increasing, at least epoch 1). */
    static long[] milestones(int epochs) {
        TreeSet<Long> m = new TreeSet<>();
        m.add(Math.max(1, epochs / 2L));
        m.add(Math.max(1, epochs * 3L / 4));
        return m.stream().mapToLong(Long::longValue).toArray();
    }

    private static void single(String name, String description, String reference, double accuracy,
            java.util.function.IntFunction<TrainingConfig> config) {
        add(new Experiment(name, description, reference, accuracy, EPOCHS, e -> List.of(config.apply(e))));
    }

    private static void add(Experiment e) {
        if (REGISTRY.put(e.name(), e) != null) {
            throw new IllegalStateException("experiment '" + e.name() + "' registered twice");
        }
    }

    /**
     * The experiment {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Experiment get(String name) {
        Experiment e = name == null ? null : REGISTRY.get(name.trim());
        if (e == null) {
            throw new IllegalArgumentException("experiment = '" + name + "' is unknown: must be one of "
                    + String.join(", ", names()) + " (or all)");
        }
        return e;
    }

    /** The experiments named, comma-separated (e.g. {@code adam,adamw}), or all of them for {@code all}. */
    public static List<Experiment> select(String namesOrAll) {
        if ("all".equals(namesOrAll == null ? null : namesOrAll.trim())) {
            return List.copyOf(REGISTRY.values());
        }
        List<Experiment> chosen = new ArrayList<>();
        for (String name : (namesOrAll == null ? "" : namesOrAll).split(",", -1)) {
            Experiment e = get(name);
            if (!chosen.contains(e)) {
                chosen.add(e);
            }
        }
        return List.copyOf(chosen);
    }

    /** The experiments of the lecture's MNIST table: those with a quoted test accuracy, in registry order. */
    public static List<Experiment> lectureTable() {
        return REGISTRY.values().stream().filter(e -> e.lectureAccuracy().isPresent()).toList();
    }

    /** All names, in registration order. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(REGISTRY.keySet()));
    }
}
