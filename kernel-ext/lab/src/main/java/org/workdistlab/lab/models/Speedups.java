package org.workdistlab.lab.models;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns measured throughput into speedup against the right baseline: the median one-thread throughput of the
 * same workload in the same session.
 *
 * <pre>{@code
 * List<Observation> speedups = Speedups.fromThroughput(throughputTrials);
 * }</pre>
 */
public final class Speedups {
    private Speedups() {
    }

    /** The median of the one-thread trials; fails with a clear message when there is none. */
    public static double baseline(List<Observation> throughput) {
        double[] one = throughput.stream().filter(o -> o.threads() == 1).mapToDouble(Observation::value).toArray();
        if (one.length == 0) {
            throw new IllegalArgumentException(
                    "no 1-thread trial: speedup needs the single-thread run of the same workload as its baseline;"
                            + " add 1 to the thread counts");
        }
        double b = PointSummary.median(one);
        if (!(b > 0)) {
            throw new IllegalArgumentException("1-thread median throughput is " + b + ": it must be > 0 to divide by");
        }
        return b;
    }

    /** Each trial divided by {@link #baseline}; one output observation per input trial. */
    public static List<Observation> fromThroughput(List<Observation> throughput) {
        double b = baseline(throughput);
        var out = new ArrayList<Observation>(throughput.size());
        for (Observation o : throughput) {
            out.add(new Observation(o.threads(), o.value() / b));
        }
        return List.copyOf(out);
    }
}
