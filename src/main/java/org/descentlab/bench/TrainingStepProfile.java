package org.descentlab.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;

import org.descentlab.data.MnistBatches;
import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistData;
import org.descentlab.model.LectureMlp;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where one training iteration of {@code Training}'s loop spends its time: the same steps, each timed
 * on its own (median milliseconds over the iterations after a warm-up): making the batch from the bytes,
 * forward, loss, the host read of the loss, backward, optimizer step, closing the batch. A diagnostic
 * for {@link TrainingSpeedBenchmark}; the phases are the loop's, the code path is a copy of its body.
 *
 * <p>Usage: {@code TrainingStepProfile [batch sizes=64,256,1024] [iterations=100] [optimizer=adam]}
 * (1 intra-op thread, lr 0.005 for Adam, 0.1 for SGD).
 */
public final class TrainingStepProfile {

    private static final String[] PHASES = {"batch", "forward", "loss", "getFloat", "backward", "step", "close"};

    private TrainingStepProfile() {}

    public static void main(String[] args) {
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        int[] batches = Arrays.stream((args.length > 0 ? args[0] : "64,256,1024").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int iters = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String opt = args.length > 2 ? args[2] : "adam";
        MnistData train = MnistCache.loadStandard().train();
        Engine engine = Engine.getInstance();
        JniUtils.setNumThreads(1);
        int warmup = 20;
        for (int b : batches) {
            DescentOptimizer optimizer = Optimizers.create(opt, Options.of(Map.of("lr", opt.equals("adam") ? 0.005 : 0.1)));
            try (optimizer; Model model = Model.newInstance("profile", Device.cpu())) {
                model.setBlock(LectureMlp.build());
                DefaultTrainingConfig tc = new DefaultTrainingConfig(LectureMlp.loss()).optOptimizer(optimizer)
                        .optDevices(new Device[] {Device.cpu()});
                try (Trainer trainer = model.newTrainer(tc)) {
                    engine.setRandomSeed(1);
                    trainer.initialize(LectureMlp.inputShape(b));
                    MnistBatches mb = new MnistBatches(train, b, 1);
                    Map<String, double[]> t = new LinkedHashMap<>();
                    for (String p : PHASES) {
                        t.put(p, new double[iters]);
                    }
                    double[] total = new double[iters];
                    int epoch = 0;
                    Iterator<Batch> it = mb.epoch(trainer.getManager(), epoch).iterator();
                    for (int i = 0; i < warmup + iters; i++) {
                        if (!it.hasNext()) {
                            it = mb.epoch(trainer.getManager(), ++epoch).iterator();
                        }
                        long t0 = System.nanoTime();
                        Batch batch = it.next();
                        long t1 = System.nanoTime();
                        long t2;
                        long t3;
                        long t4;
                        long t5;
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(batch.getData()).singletonOrThrow();
                            t2 = System.nanoTime();
                            NDArray l = trainer.getLoss().evaluate(batch.getLabels(), new NDList(logits));
                            t3 = System.nanoTime();
                            double loss = l.getFloat();
                            if (!Double.isFinite(loss)) {
                                throw new IllegalStateException("loss " + loss);
                            }
                            t4 = System.nanoTime();
                            collector.backward(l);
                        }
                        t5 = System.nanoTime();
                        trainer.step();
                        long t6 = System.nanoTime();
                        batch.close();
                        long t7 = System.nanoTime();
                        if (i >= warmup) {
                            long[] marks = {t0, t1, t2, t3, t4, t5, t6, t7};
                            for (int p = 0; p < PHASES.length; p++) {
                                t.get(PHASES[p])[i - warmup] = (marks[p + 1] - marks[p]) / 1e6;
                            }
                            total[i - warmup] = (t7 - t0) / 1e6;
                        }
                    }
                    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "B=%d %s: total %.3f ms |", b, opt,
                            TrainingSpeedBenchmark.median(total)));
                    for (Map.Entry<String, double[]> e : t.entrySet()) {
                        sb.append(String.format(Locale.ROOT, " %s %.3f", e.getKey(), TrainingSpeedBenchmark.median(e.getValue())));
                    }
                    System.out.println(sb);
                }
            }
        }
    }
}
