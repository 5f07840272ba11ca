package org.descentlab.exercise;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

import org.descentlab.data.MnistBatches;
import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistData;
import org.descentlab.model.LectureMlp;
import org.descentlab.optim.Sgd;
import org.descentlab.train.ThreadPolicy;

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
 * parameters finds the DJL-specific mistakes: gradients not zeroed (DJL's PyTorch engine accumulates them
 * into the next step), temporaries not closed (arrays left alive per update), state keyed wrongly.
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
        super("djl-sgd", "SGD with momentum as a DJL Optimizer",
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
                        + "weight's gradient = 0          (DJL accumulates gradients otherwise)",
                StudentDjlOptimizer.class);
    }

    @Override
    public StudentDjlOptimizer reference() {
        return (lr, momentum) -> Sgd.builder().lr(lr).momentum(momentum).build();
    }

    @Override
    String referenceName() {
        return "the library's Sgd (momentum, torch's parameterization) in the same DJL Trainer";
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
        CheckResult probed = probe(student);
        return probed != null ? probed : super.checkNonNull(student, hiddenSeed);
    }

    // ---- the probe: two parameters of the same shape, three steps, outside any Trainer ----

    private static final double PROBE_LR = 0.1;
    private static final double PROBE_MOMENTUM = 0.9;
    private static final String[] PROBE_IDS = {"layer1.weight", "layer2.weight"};

    /** The probe's gradient of parameter {@code p} at step {@code t} (1-based), 6 values. */
    private static float[] probeGradient(int p, int t) {
        float[] g = new float[6];
        for (int i = 0; i < 6; i++) {
            g[i] = (float) ((p == 0 ? 1 : -0.5) * (i + 1) * 0.1 + 0.3 * t - 0.2 * p * t * t);
        }
        return g;
    }

    private static float[] probeStart(int p) {
        float[] w = new float[6];
        for (int i = 0; i < 6; i++) {
            w[i] = (float) (0.25 * (i - 2) + p);
        }
        return w;
    }

    /** The probe's parameters after 3 steps if the velocity is per parameter, shared, or new at every step. */
    private static double[][] probeExpected(boolean shared, boolean lost) {
        double[][] w = new double[2][6];
        double[][] v = new double[2][6];
        for (int p = 0; p < 2; p++) {
            float[] s = probeStart(p);
            for (int i = 0; i < 6; i++) {
                w[p][i] = s[i];
            }
        }
        for (int t = 1; t <= 3; t++) {
            for (int p = 0; p < 2; p++) {
                double[] vel = shared ? v[0] : v[p];
                float[] g = probeGradient(p, t);
                for (int i = 0; i < 6; i++) {
                    vel[i] = (lost ? 0 : PROBE_MOMENTUM * vel[i]) + g[i];
                    w[p][i] -= PROBE_LR * vel[i];
                }
            }
        }
        return w;
    }

    /** A failed result if the probe shows a DJL-specific mistake (or the code fails), else null. */
    private CheckResult probe(StudentDjlOptimizer student) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Optimizer opt;
            try {
                opt = Guard.run("while creating your optimizer with create(" + PROBE_LR + ", " + PROBE_MOMENTUM + ")",
                        () -> student.create(PROBE_LR, PROBE_MOMENTUM));
            } catch (StudentFailure f) {
                return fail(f.diagnosis(), null, f.getMessage(), null);
            }
            if (opt == null) {
                return fail(Diagnosis.NULL_IMPLEMENTATION, null,
                        "`create(lr, momentum)` returned null: return a new optimizer, e.g. `new MySgd(lr, momentum)`.",
                        null);
            }
            try {
                return probe(opt, m);
            } finally {
                closeQuietly(opt);
            }
        }
    }

    /** The probe proper, on {@code m}'s arrays. */
    private CheckResult probe(Optimizer opt, NDManager m) {
        NDArray[] w = new NDArray[2];
        for (int p = 0; p < 2; p++) {
            w[p] = m.create(probeStart(p), new Shape(2, 3));
            w[p].setRequiresGradient(true);
        }
        Divergence notZeroed = null;
        Divergence leaked = null;
        for (int t = 1; t <= 3; t++) {
            for (int p = 0; p < 2; p++) {
                String id = PROBE_IDS[p];
                try (NDArray c = m.create(probeGradient(p, t), new Shape(2, 3))) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector();
                            NDArray prod = w[p].mul(c);
                            NDArray loss = prod.sum()) {
                        gc.backward(loss);
                    }
                }
                NDArray grad;
                try (NDArray own = w[p].getGradient()) {
                    grad = own.duplicate();   // what DJL's Trainer passes: a copy of the weight's gradient
                }
                NDArray weight = w[p];
                int before = m.getManagedArrays().size();
                int step = t;
                try {
                    Guard.run("in update(\"" + id + "\", weight, grad) at step " + t + " of the probe",
                            () -> {
                                opt.update(id, weight, grad);
                                return null;
                            });
                } catch (StudentFailure f) {
                    return fail(f.diagnosis(), null, "Case `" + PROBE + "` (" + PROBE_SETTINGS + "):\n\n"
                            + f.getMessage(), null);
                }
                int after = m.getManagedArrays().size();
                if (leaked == null && step > 1 && after > before) {
                    leaked = new Divergence(PROBE, PROBE_SETTINGS, step, "arrays alive after update(\"" + id
                            + "\", ...) minus before it, at step " + step, 0, after - before);
                }
                grad.close();
                float[] left;
                try (NDArray own = w[p].getGradient()) {
                    left = own.toFloatArray();
                }
                for (int i = 0; i < left.length && notZeroed == null; i++) {
                    if (left[i] != 0) {
                        notZeroed = new Divergence(PROBE, PROBE_SETTINGS, step, "the gradient of " + id + "[" + i
                                + "] after update(\"" + id + "\", ...) at step " + step, 0, left[i]);
                    }
                }
            }
        }
        if (notZeroed != null) {
            return failWith(Diagnosis.DJL_GRADIENT_NOT_ZEROED, notZeroed, "");
        }
        double[][] mine = {toDoubles(w[0].toFloatArray()), toDoubles(w[1].toFloatArray())};
        Divergence d = probeDivergence(probeExpected(false, false), mine);
        if (d != null) {
            if (probeDivergence(probeExpected(true, false), mine) == null) {
                return failWith(Diagnosis.DJL_STATE_SHARED, d,
                        "Your parameters after the probe match ONE velocity shared by both parameters.");
            }
            if (probeDivergence(probeExpected(false, true), mine) == null) {
                return failWith(Diagnosis.DJL_STATE_LOST, d,
                        "Your parameters after the probe match a velocity that starts from 0 at every step.");
            }
            return null;   // another difference: the training comparison shows where
        }
        if (leaked != null) {
            return failWith(Diagnosis.DJL_TEMPORARIES_NOT_CLOSED, leaked,
                    "Your update leaves arrays alive in the parameters' NDManager at every call.");
        }
        return null;
    }

    private static final String PROBE = "probe";
    private static final String PROBE_SETTINGS = "two parameters of shape (2, 3) updated in turn for 3 steps, lr "
            + PROBE_LR + ", momentum " + PROBE_MOMENTUM + ", outside a Trainer";

    private CheckResult failWith(Diagnosis d, Divergence div, String detail) {
        String body = "First difference from what the library's Sgd does: case `" + PROBE + "` (" + PROBE_SETTINGS + "), "
                + div.quantity() + "\n\n    expected (reference): " + num(div.expected()) + "\n    yours:                "
                + num(div.actual()) + "\n\nDiagnosis: **" + d.title() + "** [" + d.id() + "]\n" + d.explanation()
                + (detail.isEmpty() ? "" : "\n" + detail);
        return fail(d, div, body, null);
    }

    /** The first probe value that differs (float32 against float64: relative 1e-5), or null. */
    private static Divergence probeDivergence(double[][] expected, double[][] mine) {
        for (int p = 0; p < mine.length; p++) {
            for (int i = 0; i < mine[p].length; i++) {
                if (!(Math.abs(mine[p][i] - expected[p][i]) <= 1e-5 * Math.max(1, Math.abs(expected[p][i])))) {
                    return new Divergence(PROBE, PROBE_SETTINGS, 3, PROBE_IDS[p] + "[" + i + "] after step 3",
                            expected[p][i], mine[p][i]);
                }
            }
        }
        return null;
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
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
                            Guard.run("in update(...) called by trainer.step() at training step " + k, () -> {
                                trainer.step();
                                return null;
                            });
                            if (java.util.Arrays.binarySearch(SNAPSHOTS, k) >= 0) {
                                rows.add(parameters(block));
                            }
                        }
                    }
                }
            }
        } finally {
            closeQuietly(opt);
        }
        return rows.toArray(new double[0][]);
    }

    /** Frees an optimizer that holds state (the library's do); a failing close changes no value checked. */
    private static void closeQuietly(Optimizer opt) {
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
