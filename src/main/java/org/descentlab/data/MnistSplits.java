package org.descentlab.data;

/**
 * The lecture's three sets: train (the first 54000 training images), validation (the last 6000 training
 * images) and test (10000).
 */
public record MnistSplits(MnistData train, MnistData validation, MnistData test) {

    /** Splits the original 60000-image training set (last {@link MnistData#VALIDATION_SIZE} = validation). */
    public static MnistSplits of(MnistData fullTrain, MnistData test) {
        MnistData.Split s = fullTrain.split();
        return new MnistSplits(s.train(), s.validation(), test);
    }

    /** The first {@code nTrain}, {@code nValidation}, {@code nTest} images of each set, for quick mode. */
    public MnistSplits head(int nTrain, int nValidation, int nTest) {
        return new MnistSplits(train.head(nTrain), validation.head(nValidation), test.head(nTest));
    }

    /**
     * A CRC-32C of every image and label of the three sets (with their sizes): equal for splits with
     * the same content, so that a worker process can check it loaded the data its caller holds.
     */
    public long checksum() {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        for (MnistData d : new MnistData[] {train, validation, test}) {
            crc.update(java.nio.ByteBuffer.allocate(12).putInt(d.count()).putInt(d.rows()).putInt(d.cols()).array());
            crc.update(d.images());
            crc.update(d.labels());
        }
        return crc.getValue();
    }
}
