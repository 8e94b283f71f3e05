package org.workdistlab.lab.harness;

import java.util.Arrays;

/** Summary statistics over trials. Medians, not means, because one GC pause should not move the answer. */
public final class Stats {

    private Stats() {
    }

    /** The median; for an even count the mean of the two middle values. */
    public static double median(double[] values) {
        requireValues(values);
        var sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double min(double[] values) {
        requireValues(values);
        return Arrays.stream(values).min().orElseThrow();
    }

    public static double max(double[] values) {
        requireValues(values);
        return Arrays.stream(values).max().orElseThrow();
    }

    public static double mean(double[] values) {
        requireValues(values);
        return Arrays.stream(values).average().orElseThrow();
    }

    /** Sample standard deviation (n - 1); 0 for a single value. */
    public static double stdev(double[] values) {
        requireValues(values);
        if (values.length < 2) {
            return 0;
        }
        double m = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (values.length - 1));
    }

    /** Coefficient of variation in percent: 100 * stdev / mean; 0 when the mean is 0. */
    public static double cvPercent(double[] values) {
        double m = mean(values);
        return m == 0 ? 0 : 100 * stdev(values) / Math.abs(m);
    }

    private static void requireValues(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("no values to summarise: run at least one trial");
        }
    }
}
