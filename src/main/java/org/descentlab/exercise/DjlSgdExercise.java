package org.descentlab.exercise;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

import org.descentlab.analysis.TrajectoryProgress;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.data.MnistBatches;
import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistData;
import org.descentlab.model.LectureMlp;
import org.descentlab.optim.Sgd;
import org.descentlab.train.ThreadPolicy;
import org.descentlab.util.Interruption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Exercise 13: SGD with heavy-ball momentum written as a DJL {@link Optimizer}, used by a DJL
 * {@code Trainer} to train the lecture MLP on an MNIST subset and compared with the library's {@link Sgd}
 * on the same initial weights, data order and dropout masks. Before training, a probe on two small
 * parameters finds the DJL-specific mistakes ({@link DjlSgdProbe}).
 */
final class DjlSgdExercise extends ComparisonExercise<StudentDjlOptimizer, DjlSgdExercise.TrainCase> {

    /** Training images used (the first ones of the lecture's training split). */
    static final int SUBSET = 2000;
    /** Batch size. */
    static final int BATCH = 64;
    /** Parameters agree if |a - e| <= TOL * (largest |e| of the tensor): float32 with the formulas reordered. */
    static final double TOL = 1e-4;

    /** A training run: settings, the number of updates and the seed of the weights, masks and data order. */
    record TrainCase(String name, double lr, double momentum, int steps, long seed) implements Case {
        @Override
        public String settings() {
            return "lr=" + Hyper.fmt(lr) + ", momentum=" + Hyper.fmt(momentum) + ", " + steps + " steps of B=" + BATCH
                    + " on " + SUBSET + " MNIST images, seed " + seed;
        }
    }

    private static MnistData data;
    /** Names and sizes of the trainable tensors, in the order of a row (set by the first run). */
    private static volatile List<Pair<String, Integer>> layout;

    DjlSgdExercise() {
        super(new Statement("djl-sgd", "SGD with momentum as a DJL Optimizer",
                "STAT 453 (Raschka), L12, slides 'Training with \"Momentum\"' and \"Using Different Optimizers in"
                        + " PyTorch\"; CTU Deep Learning Essentials, 7. Optimization, slide \"Optimizers summary\" (the"
                        + " training loop with optimizer.zero_grad())",
                "Write SGD with heavy-ball momentum (torch's parameterization) as a DJL `Optimizer`: a class extending"
                        + " `DjlOptimizer` whose `update(parameterId, weight, grad)` DJL's `Trainer` calls once per"
                        + " parameter and step. Update `weight` in place; keep one velocity buffer per parameter (and"
                        + " device), keyed by `parameterId`; close every temporary array you create (an `NDScope`);"
                        + " and zero the weight's gradient when done (`grad` is a copy DJL made: zero"
                        + " `weight.getGradient()`, and close that handle), because DJL's PyTorch engine adds the next"
                        + " backward pass to whatever gradient is left. `mine` makes a fresh optimizer: `(lr, momentum) -> new"
                        + " MySgd(lr, momentum)`. The check trains the lecture MLP with it and with the library's Sgd"
                        + " from the same weights on the same batches and compares the parameters.",
                "v = momentum * v + grad        (v = 0 before the first step, one v per parameter)\n"
                        + "weight = weight - lr * v\n"
                        + "weight's gradient = 0          (DJL accumulates gradients otherwise)"),
                StudentDjlOptimizer.class,
                "the library's Sgd (momentum, torch's parameterization) in the same DJL Trainer");
    }

    @Override
    public StudentDjlOptimizer reference() {
        return (lr, momentum) -> Sgd.builder().lr(lr).momentum(momentum).build();
    }

    @Override
    List<TrainCase> cases() {
        return List.of(
                new TrainCase("five epochs", 0.05, 0.9, 150, MnistBatches.LECTURE_SEED),
                new TrainCase("another data order", 0.1, 0.5, 50, 7));
    }

    @Override
    List<TrainCase> hiddenCases(Random rng) {
        return List.of(new TrainCase("hidden run", 0.02 + 0.08 * rng.nextDouble(), 0.5 + 0.45 * rng.nextDouble(),
                100, 1 + rng.nextInt(10_000)));
    }

    @Override
    protected CheckResult checkNonNull(StudentDjlOptimizer student, OptionalLong hiddenSeed) {
        CheckResult probed = new DjlSgdProbe(this).run(student);
        return probed != null ? probed : super.checkNonNull(student, hiddenSeed);
    }

    // ---- the training comparison ----

    /** The steps after which the parameters are compared (those within the case's steps). */
    private static final int[] SNAPSHOTS = {1, 2, 3, 5, 10, 20, 50, 100, 150};

    private static synchronized MnistData subset() {
        if (data == null) {
            data = MnistCache.loadStandard().train().head(SUBSET);
        }
        return data;
    }

    @Override
    double[][] run(StudentDjlOptimizer impl, TrainCase c) throws StudentFailure {
        Optimizer opt = Guard.run("while creating your optimizer with create(" + c.lr() + ", " + c.momentum() + ")",
                () -> impl.create(c.lr(), c.momentum()));
        if (opt == null) {
            throw new StudentFailure(Diagnosis.NULL_IMPLEMENTATION, "`create(lr, momentum)` returned null.");
        }
        MnistData train = subset();
        Engine engine = Engine.getInstance();
        List<double[]> rows = new ArrayList<>();
        if ("PyTorch".equals(engine.getEngineName())) {
            JniUtils.setNumThreads(ThreadPolicy.forBatchSize(BATCH));   // as Training does: B = 64 stalls on 2 threads
        }
        // the training runs are the check's long part (seconds each): a notebook shows their progress line
        TrajectoryProgress report = TrajectoryRunner.progress();
        report.onStart("djl-sgd " + c.name(), c.steps());
        try (Model model = Model.newInstance("djl-sgd", Device.cpu())) {
            model.setBlock(LectureMlp.build());
            DefaultTrainingConfig tc = new DefaultTrainingConfig(LectureMlp.loss()).optOptimizer(opt)
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(tc)) {
                engine.setRandomSeed((int) c.seed());
                trainer.initialize(LectureMlp.inputShape(BATCH));
                Block block = model.getBlock();
                MnistBatches batches = new MnistBatches(train, BATCH, c.seed());
                int step = 0;
                for (int epoch = 0; step < c.steps(); epoch++) {
                    engine.setRandomSeed((int) (c.seed() * 1000 + epoch));   // the same dropout masks in every run
                    for (Batch batch : batches.epoch(trainer.getManager(), epoch)) {
                        try (batch) {
                            if (step >= c.steps()) {
                                continue;
                            }
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(batch.getData()).singletonOrThrow();
                                NDArray l = trainer.getLoss().evaluate(batch.getLabels(), new NDList(logits));
                                collector.backward(l);
                            }
                            int k = ++step;
                            Interruption.check(() -> "the djl-sgd check at training step " + k);
                            Guard.run("in update(...) called by trainer.step() at training step " + k, () -> {
                                trainer.step();
                                return null;
                            });
                            if (java.util.Arrays.binarySearch(SNAPSHOTS, k) >= 0) {
                                rows.add(parameters(block));
                            }
                            report.onStep(k);
                        }
                    }
                }
            }
        } finally {
            report.onEnd();
            closeQuietly(opt);
        }
        return rows.toArray(new double[0][]);
    }

    /** Frees an optimizer that holds state (the library's do); a failing close changes no value checked. */
    static void closeQuietly(Optimizer opt) {
        if (opt instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing to report: the check is about the values and arrays seen before
            }
        }
    }

    /** The trainable parameters, concatenated in block order; records the layout on the first call. */
    private static double[] parameters(Block block) {
        List<Pair<String, Integer>> names = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        int n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                float[] v = p.getValue().getArray().toFloatArray();
                names.add(new Pair<>(p.getKey(), v.length));
                values.add(v);
                n += v.length;
            }
        }
        if (layout == null) {
            layout = names;
        }
        double[] row = new double[n];
        int at = 0;
        for (float[] v : values) {
            for (float x : v) {
                row[at++] = x;
            }
        }
        return row;
    }

    /** Per tensor: the tolerance is relative to the tensor's largest reference value. */
    @Override
    Divergence firstDivergence(TrainCase c, double[][] ref, double[][] mine) {
        for (int r = 0; r < ref.length; r++) {
            if (r >= mine.length) {
                return new Divergence(c.name(), c.settings(), stepOf(r), "parameters after step " + stepOf(r)
                        + " (your run stopped early)", ref[r][0], Double.NaN);
            }
            int start = 0;
            for (Pair<String, Integer> t : layout) {
                double scale = 0;
                for (int j = start; j < start + t.getValue(); j++) {
                    scale = Math.max(scale, Math.abs(ref[r][j]));
                }
                for (int j = start; j < start + t.getValue(); j++) {
                    double e = ref[r][j];
                    double a = mine[r][j];
                    if (!(Math.abs(a - e) <= TOL * scale)) {
                        return new Divergence(c.name(), c.settings(), stepOf(r), quantity(c, r, j), e, a);
                    }
                }
                start += t.getValue();
            }
        }
        return null;
    }

    /** The DJL-specific mistakes (found by the probe), then the ones seen in training. */
    @Override
    public List<Diagnosis> diagnosable() {
        List<Diagnosis> out = new ArrayList<>(List.of(Diagnosis.DJL_GRADIENT_NOT_ZEROED,
                Diagnosis.DJL_TEMPORARIES_NOT_CLOSED, Diagnosis.DJL_STATE_SHARED, Diagnosis.DJL_STATE_LOST));
        out.addAll(super.diagnosable());
        return out;
    }

    /** Mistakes recognised by training (the DJL-specific ones are the probe's). */
    @Override
    String toleranceText() {
        return "float32: every parameter within " + TOL + " of its tensor's largest value, at training steps "
                + java.util.Arrays.toString(SNAPSHOTS).replaceAll("[\\[\\]]", "") + " up to each run's last";
    }

    @Override
    List<Mistake<StudentDjlOptimizer>> mistakes() {
        return List.of(new Mistake<>(Diagnosis.WRONG_SIGN, "", AscentSgd::new));
    }

    /** SGD with momentum that adds the step (gradient ascent), otherwise right. */
    private static final class AscentSgd extends DjlOptimizer {
        private final double lr;
        private final double momentum;
        private final Map<String, NDArray> velocity = new HashMap<>();

        AscentSgd(double lr, double momentum) {
            this.lr = lr;
            this.momentum = momentum;
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            NDArray v = velocity.computeIfAbsent(parameterId, k -> weight.zerosLike());
            try (NDScope scope = new NDScope(); NDArray own = weight.getGradient()) {
                scope.suppressNotUsedWarning();
                v.muli(momentum).addi(grad);
                weight.addi(v.mul(lr));
                own.muli(0);
            }
        }
    }

    @Override
    public String skeletonCell() {
        return """
                class MySgd extends DjlOptimizer {
                    private final double lr;
                    private final double momentum;
                    private final Map<String, NDArray> velocity = new HashMap<>();

                    MySgd(double lr, double momentum) {
                        this.lr = lr;
                        this.momentum = momentum;
                    }

                    @Override
                    public void update(String parameterId, NDArray weight, NDArray grad) {
                        // v per parameter: velocity.computeIfAbsent(key, k -> weight.zerosLike()), created OUTSIDE a scope
                        // temporaries: try (NDScope scope = new NDScope()) { ... } closes what is created inside
                        // in place: weight.subi(...), v.muli(...).addi(...)
                        // grad is DJL's copy: zero the weight's own, try (NDArray g = weight.getGradient()) { g.muli(0); }
                        throw new UnsupportedOperationException("TODO: your code here");
                    }
                }

                StudentDjlOptimizer mine = (lr, momentum) -> new MySgd(lr, momentum);""";
    }

    @Override
    long stepOf(int row) {
        return SNAPSHOTS[row];
    }

    @Override
    String quantity(TrainCase c, int row, int j) {
        int start = 0;
        for (Pair<String, Integer> t : layout) {
            if (j < start + t.getValue()) {
                return "parameter " + t.getKey() + "[" + (j - start) + "] (flat index) after training step "
                        + SNAPSHOTS[row];
            }
            start += t.getValue();
        }
        return "coordinate " + j + " after training step " + SNAPSHOTS[row];
    }

    @Override
    String stepName() {
        return "training step";
    }

    @Override
    String valueName() {
        return "parameter value";
    }

    /** The figure shows the first 3 of the output layer's 10 biases (the first layer's first pixels never change). */
    @Override
    java.awt.image.BufferedImage figure(TrainCase c, double[][] ref, double[][] mine) {
        int from = ref[0].length - LectureMlp.CLASSES;
        return super.figure(c, lastLayer(ref, from), lastLayer(mine, from));
    }

    private static double[][] lastLayer(double[][] rows, int from) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = java.util.Arrays.copyOfRange(rows[r], from, rows[r].length);
        }
        return out;
    }

    @Override
    String coordinateName(int j) {
        Pair<String, Integer> last = layout.get(layout.size() - 1);
        return last.getKey() + "[" + j + "]";
    }
}
