package org.workdistlab.lab.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spread of all trials at one thread count: median, minimum and maximum of the observed values.
 *
 * <pre>{@code
 * List<PointSummary> points = PointSummary.byThreads(observations); // sorted by thread count
 * }</pre>
 *
 * @param threads thread count
 * @param trials  how many observations were summarised
 * @param median  median value (mean of the two middle values for an even count)
 * @param min     smallest value
 * @param max     largest value
 */
public record PointSummary(int threads, int trials, double median, double min, double max) {

    /** Groups observations by thread count, ascending; fails on an empty list. */
    public static List<PointSummary> byThreads(List<Observation> observations) {
        Map<Integer, List<Double>> groups = groups(observations);
        var out = new ArrayList<PointSummary>(groups.size());
        groups.forEach((n, values) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.add(new PointSummary(n, v.length, median(v), v[0], v[v.length - 1]));
        });
        return List.copyOf(out);
    }

    /** Observations grouped by thread count, ascending, values in input order. */
    static Map<Integer, List<Double>> groups(List<Observation> observations) {
        if (observations == null || observations.isEmpty()) {
            throw new IllegalArgumentException("no observations: pass at least one Observation per trial");
        }
        var groups = new TreeMap<Integer, List<Double>>();
        for (Observation o : observations) {
            groups.computeIfAbsent(o.threads(), k -> new ArrayList<>()).add(o.value());
        }
        return groups;
    }

    /** Median of an array (copied, not modified). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
    }
}
