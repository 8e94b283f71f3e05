package org.workdistlab.lab.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/** Seeded synthetic trials from a known curve with multiplicative Gaussian noise, for the statistics tests. */
final class Synthetic {
    private Synthetic() {
    }

    static List<Observation> trials(long seed, int[] threadCounts, int trialsPerCount, double relativeNoise,
                                    IntToDoubleFunction truth) {
        var random = new SplittableRandom(seed);
        var out = new ArrayList<Observation>();
        for (int n : threadCounts) {
            for (int t = 0; t < trialsPerCount; t++) {
                out.add(new Observation(n, truth.applyAsDouble(n) * (1 + relativeNoise * gaussian(random))));
            }
        }
        return out;
    }

    /** Box-Muller; SplittableRandom has no nextGaussian on Java 17. */
    static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static List<Observation> exact(double[][] pairs) {
        var out = new ArrayList<Observation>();
        for (double[] p : pairs) {
            out.add(new Observation((int) p[0], p[1]));
        }
        return out;
    }

    /** True when both round to the same value at {@code digits} significant digits. */
    static boolean sameSignificant(double expected, double actual, int digits) {
        return round(expected, digits) == round(actual, digits);
    }

    static double round(double v, int digits) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue();
    }
}
