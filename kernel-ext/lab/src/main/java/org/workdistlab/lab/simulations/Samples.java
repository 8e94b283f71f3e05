package org.workdistlab.lab.simulations;

import java.util.Arrays;

/** Percentiles of a sample, nearest-rank; shared by the simulations so every table computes them one way. */
final class Samples {

    /** The percentile levels every latency or wait table reports, in percent. */
    static final double[] LEVELS = {50, 90, 99, 99.9};

    private Samples() {
    }

    /** Nearest-rank percentile {@code p} (0 < p <= 100) of an ascending-sorted sample; NaN when empty. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    static double[] sortedCopy(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    static double max(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** Rounds for display so tables stay readable; the raw samples stay in the result. */
    static double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
