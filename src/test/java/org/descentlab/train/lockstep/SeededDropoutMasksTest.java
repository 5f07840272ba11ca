package org.descentlab.train.lockstep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The branch-free mask loop against the class's definition, element by element, and its keep rate. */
class SeededDropoutMasksTest {

    /** The documented definition: u = (nextInt() >>> 8) * 2^-24, kept (as 1/(1-p) in float32) when u >= p. */
    private static float[] byDefinition(long seed, int layer, int epoch, int batch, float rate, int n) {
        long key = seed * 0x9E3779B97F4A7C15L;
        key = (key ^ epoch) * 0xBF58476D1CE4E5B9L;
        key = (key ^ batch) * 0x94D049BB133111EBL;
        SplittableRandom rng = new SplittableRandom(key ^ (layer + 1L) * 0xD6E8FEB86659FD93L);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float u = (rng.nextInt() >>> 8) * 0x1.0p-24f;
            out[i] = u >= rate ? 1f / (1f - rate) : 0f;
        }
        return out;
    }

    @Test
    void equalsTheDefinitionBitForBit() {
        long[] seeds = {123, 124, 125, -7};
        SeededDropoutMasks masks = new SeededDropoutMasks(seeds);
        // the lecture's rates, rates that are exact multiples of 2^-24 (the boundary case), 0 and near 1
        float[] rates = {0.5f, 0.3f, 0f, 0.25f, 0x1.0p-24f, 1f - 0x1.0p-24f, 0.9f};
        for (int m = 0; m < seeds.length; m++) {
            for (float rate : rates) {
                float[] out = new float[64 * 75];
                masks.fill(m, 1, 3, 17, rate, 64, 75, out);
                assertArrayEquals(byDefinition(seeds[m], 1, 3, 17, rate, out.length), out,
                        "model " + m + ", rate " + rate);
            }
        }
    }

    @Test
    void keepsAboutOneMinusRateScaledToKeepTheMean() {
        SeededDropoutMasks masks = new SeededDropoutMasks(new long[] {123});
        float[] out = new float[256 * 75 * 20];
        masks.fill(0, 0, 0, 0, 0.3f, 256 * 20, 75, out);
        double kept = 0;
        double sum = 0;
        for (float v : out) {
            kept += v == 0f ? 0 : 1;
            sum += v;
        }
        // 384000 Bernoulli(0.7) draws: sd of the fraction 0.00074, so 0.005 is more than 6 sd
        assertEquals(0.7, kept / out.length, 0.005);
        assertEquals(1.0, sum / out.length, 0.008);
        assertEquals(1f / 0.7f, java.util.Arrays.stream(toDoubles(out)).max().orElse(0), 0);
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
