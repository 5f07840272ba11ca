package org.descentlab.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;

import org.descentlab.data.MnistBatches;
import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistData;
import org.descentlab.data.MnistSplits;
import org.descentlab.model.LectureMlp;
import org.descentlab.train.Checkpoint;
import org.descentlab.train.TrainingConfig;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The accuracy of a saved model ({@link Checkpoint}) on any part of MNIST, in eval mode (dropout off,
 * BatchNorm's running statistics), without training anything.
 *
 * <p>Why: a run measures its training accuracy on a fixed subset, the first {@link
 * TrainingConfig#DEFAULT_TRAIN_EVAL_SIZE} training images, while the STAT 453 L12 code notebooks measure
 * it on the whole training loader (eval mode too, about 54000 images). Evaluating the final checkpoint on
 * all 54000 gives the course's number for our runs.
 *
 * <pre>
 *   java -cp 'target/descent-VERSION.jar:target/lib/*' org.descentlab.experiment.CheckpointAccuracy OUT
 * </pre>
 *
 * prints, for every {@code OUT/checkpoints/<run>-seed<k>/<run>-epoch<e>.ckpt} of a {@code reproduce}
 * output directory, one CSV row: run, seed index, epoch, accuracy on the first 10000 training images,
 * on all 54000, on the validation set and on the test set.
 */
public final class CheckpointAccuracy {

    /** Evaluation batch size (no gradients: it only affects speed). */
    private static final int BATCH = 1000;

    private CheckpointAccuracy() {}

    /** Percent of {@code data} that the model saved in {@code checkpoint} classifies correctly, in eval mode. */
    public static double accuracy(Checkpoint checkpoint, MnistData data) {
        if (checkpoint == null || data == null) {
            throw new IllegalArgumentException("checkpoint and data must not be null");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = load(checkpoint, manager);
            ParameterStore store = new ParameterStore(manager, false);
            long correct = 0;
            for (Batch batch : MnistBatches.evaluation(data, Math.min(BATCH, data.count())).epoch(manager, 0)) {
                try (batch) {
                    NDArray logits = block.forward(store, batch.getData(), false).singletonOrThrow();
                    NDArray labels = batch.getLabels().singletonOrThrow();
                    correct += logits.argMax(1).eq(labels).sum().getLong();
                }
            }
            return 100.0 * correct / data.count();
        }
    }

    private static Block load(Checkpoint checkpoint, NDManager manager) {
        Block block = LectureMlp.build();
        block.initialize(manager, DataType.FLOAT32, LectureMlp.inputShape(1));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint.parameters()))) {
            block.loadParameters(manager, in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalArgumentException("the checkpoint of run '" + checkpoint.runName()
                    + "' holds no parameters of the lecture MLP: " + e, e);
        }
        return block;
    }

    /** The CSV described in the class comment, for the reproduce output directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("arguments = " + List.of(args)
                    + " are invalid: must be one reproduce output directory (OUT, holding OUT/checkpoints)");
        }
        Path root = Path.of(args[0]).resolve("checkpoints");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("OUT = " + args[0] + " is invalid: it has no checkpoints/ directory");
        }
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setNumThreads(1);
            JniUtils.setGradMode(false);
        }
        MnistSplits splits = MnistCache.loadStandard();
        MnistData trainHead = splits.train().head(TrainingConfig.DEFAULT_TRAIN_EVAL_SIZE);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> p.getFileName().toString().endsWith(".ckpt")).sorted().forEach(files::add);
        }
        System.out.println("run,seed,epoch,train_first_" + trainHead.count() + ",train_all_" + splits.train().count()
                + ",validation,test");
        for (Path f : files) {
            Checkpoint c;
            try {
                c = Checkpoint.load(f);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + f, e);
            }
            String dir = f.getParent().getFileName().toString();
            String seedIndex = dir.substring(dir.lastIndexOf("-seed") + "-seed".length());
            System.out.println(String.format(Locale.ROOT, "%s,%s,%d,%.2f,%.4f,%.4f,%.2f", c.runName(), seedIndex,
                    c.epochsDone(), accuracy(c, trainHead), accuracy(c, splits.train()),
                    accuracy(c, splits.validation()), accuracy(c, splits.test())));
        }
    }
}
