package org.descentlab.bench;

import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistSplits;
import org.descentlab.train.Training;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingResult;

import java.util.Locale;
import java.util.Map;

/**
 * Seconds per full epoch of the lecture MLP (54000 training images, then evaluation of 10000 + 6000)
 * with Adam at the given batch sizes and intra-op thread counts: the evidence behind the train
 * package's ThreadPolicy. Two epochs each; the second is the steady-state time.
 *
 * <p>Usage: {@code java -cp target/classes:target/lib/* org.descentlab.bench.EpochTimeBenchmark
 * [batch sizes, default 64,256,1024] [threads, default 1,2]}
 */
public final class EpochTimeBenchmark {

    private EpochTimeBenchmark() {}

    public static void main(String[] args) {
        String[] batches = (args.length > 0 ? args[0] : "64,256,1024").split(",");
        String[] threads = (args.length > 1 ? args[1] : "1,2").split(",");
        MnistSplits splits = MnistCache.loadStandard();
        for (String b : batches) {
            for (String t : threads) {
                TrainingConfig c = TrainingConfig.builder("time-b" + b + "-t" + t).batchSize(Integer.parseInt(b.trim()))
                        .epochs(2).optimizer("adam", Map.of("lr", 0.005)).threads(Integer.parseInt(t.trim()))
                        .device("cpu").build(); // intra-op threads are a CPU matter
                TrainingResult r = new Training(c, splits).run();
                System.out.printf(Locale.ROOT, "B %4s, %s thread(s): epoch 1 %.2f s, epoch 2 %.2f s (%d updates/epoch)%n",
                        b, t, r.epochs().get(0).seconds(), r.epochs().get(1).seconds(), r.updates() / 2);
            }
        }
    }
}
