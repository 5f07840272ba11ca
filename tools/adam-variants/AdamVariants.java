import org.descentlab.data.MnistCache;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.Training;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingResult;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The `adam` run of the lecture table (Adam lr 0.005, batch 256) with extra optimizer options, the test
 * accuracy measured after every epoch: the short sensitivity runs of docs/results.md ("Adam against the
 * course"). Uses only the library's public API; with no options it is the table's run (same numbers).
 *
 * <pre>
 *   java -cp 'target/descent-0.1.0-SNAPSHOT.jar:target/lib/*' tools/adam-variants/AdamVariants.java \
 *       OUT EPOCHS SEED NAME [option=value ...]      e.g. results/adam-variants 20 123 eps1e-6 eps=1e-6
 * </pre>
 *
 * writes OUT/adam-NAME-seedSEED.csv (epoch, training loss, training accuracy on the fixed subset,
 * validation and test accuracy).
 */
public class AdamVariants {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("arguments = " + List.of(args)
                    + " are invalid: must be OUT EPOCHS SEED NAME [option=value ...]");
        }
        Path out = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        String name = "adam-" + args[3];
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("lr", 0.005);
        for (int i = 4; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("option = '" + args[i] + "' is invalid: must be name=value");
            }
            options.put(kv[0], kv[1]);
        }
        TrainingConfig config = TrainingConfig.builder(name).epochs(epochs).batchSize(256)
                .optimizer("adam", options).seed(seed).threads(1).testEachEpoch(true).build();
        TrainingResult r = new Training(config, MnistCache.loadStandard()).run();
        Files.createDirectories(out);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve(name + "-seed" + seed + ".csv")))) {
            w.println("epoch,train_loss,train_acc,val_acc,test_acc");
            for (EpochMetrics m : r.epochs()) {
                w.printf(Locale.ROOT, "%d,%.6f,%.2f,%.4f,%.2f%n", m.epoch(), m.trainLoss(), m.trainAccuracy(),
                        m.validationAccuracy(), m.testAccuracy());
            }
        }
        System.out.println(config.describe() + ", seed " + seed + ": test accuracy " + r.testAccuracy() + " %");
    }
}
