package org.workdistlab.lab.charts;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.workdistlab.lab.models.KarpFlatt;
import org.workdistlab.lab.models.Observation;
import org.workdistlab.lab.models.PointSummary;
import org.workdistlab.lab.models.UslFit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Results as Tablesaw tables, the companions of {@link Charts}: a notebook renders them as HTML, plain Java prints
 * them as aligned text with {@code table.print()}.
 *
 * <pre>{@code
 * Tables.summary("Summing an array", result.throughput()).print();
 * }</pre>
 */
public final class Tables {
    private Tables() {
    }

    /** One row per trial: threads, value. */
    public static Table observations(String name, List<Observation> observations) {
        return Table.create(name,
                IntColumn.create("threads", observations.stream().mapToInt(Observation::threads).toArray()),
                DoubleColumn.create("value", observations.stream().mapToDouble(Observation::value).toArray()));
    }

    /** One row per thread count: threads, trials, median, min, max, and (max - min) / median as spread. */
    public static Table summary(String name, List<Observation> observations) {
        List<PointSummary> points = PointSummary.byThreads(observations);
        return Table.create(name,
                IntColumn.create("threads", points.stream().mapToInt(PointSummary::threads).toArray()),
                IntColumn.create("trials", points.stream().mapToInt(PointSummary::trials).toArray()),
                DoubleColumn.create("median", points.stream().mapToDouble(PointSummary::median).toArray()),
                DoubleColumn.create("min", points.stream().mapToDouble(PointSummary::min).toArray()),
                DoubleColumn.create("max", points.stream().mapToDouble(PointSummary::max).toArray()),
                DoubleColumn.create("spread", points.stream()
                        .mapToDouble(p -> p.median() == 0 ? Double.NaN : (p.max() - p.min()) / p.median()).toArray()));
    }

    /** The Karp-Flatt metric per thread count: threads, speedup, e. */
    public static Table karpFlatt(String name, List<KarpFlatt> points) {
        return Table.create(name,
                IntColumn.create("threads", points.stream().mapToInt(KarpFlatt::threads).toArray()),
                DoubleColumn.create("speedup", points.stream().mapToDouble(KarpFlatt::speedup).toArray()),
                DoubleColumn.create("karp-flatt e", points.stream().mapToDouble(KarpFlatt::serialFraction).toArray()));
    }

    /** Measured median against the USL fit per thread count: threads, median, fitted, residual. */
    public static Table uslResiduals(String name, UslFit fit) {
        List<PointSummary> points = PointSummary.byThreads(fit.data());
        double[] fitted = points.stream().mapToDouble(p -> fit.predict(p.threads())).toArray();
        double[] median = points.stream().mapToDouble(PointSummary::median).toArray();
        double[] residual = new double[median.length];
        Arrays.setAll(residual, i -> median[i] - fitted[i]);
        return Table.create(name,
                IntColumn.create("threads", points.stream().mapToInt(PointSummary::threads).toArray()),
                DoubleColumn.create("median", median),
                DoubleColumn.create("USL fitted", fitted),
                DoubleColumn.create("residual", residual));
    }

    /** Percentiles p50, p90, p99 and p99.9 (nearest rank) per series, with the sample count. */
    public static Table percentiles(String name, String unit, Map<String, double[]> samplesBySeries) {
        Table t = Table.create(name, StringColumn.create("series"), IntColumn.create("samples"));
        for (String label : Charts.PERCENTILE_LABELS) {
            t.addColumns(DoubleColumn.create(label + " (" + unit + ")"));
        }
        for (var e : samplesBySeries.entrySet()) {
            double[] sorted = e.getValue().clone();
            if (sorted.length == 0) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has no samples");
            }
            Arrays.sort(sorted);
            t.stringColumn(0).append(e.getKey());
            t.intColumn(1).append(sorted.length);
            for (int i = 0; i < Charts.PERCENTILES.length; i++) {
                t.doubleColumn(2 + i).append(Charts.nearestRank(sorted, Charts.PERCENTILES[i]));
            }
        }
        return t;
    }

    /** Load balance per strategy: workers, min, max, mean and max/mean (1.0 is perfectly even). */
    public static Table perWorkerLoad(String name, Map<String, long[]> loadByStrategy) {
        Table t = Table.create(name, StringColumn.create("strategy"), IntColumn.create("workers"),
                DoubleColumn.create("min"), DoubleColumn.create("max"), DoubleColumn.create("mean"),
                DoubleColumn.create("max/mean"));
        for (var e : loadByStrategy.entrySet()) {
            long[] load = e.getValue();
            if (load.length == 0) {
                throw new IllegalArgumentException("strategy '" + e.getKey() + "' has no workers");
            }
            double mean = Arrays.stream(load).average().orElse(Double.NaN);
            double max = Arrays.stream(load).max().orElse(0);
            t.stringColumn(0).append(e.getKey());
            t.intColumn(1).append(load.length);
            t.doubleColumn(2).append(Arrays.stream(load).min().orElse(0));
            t.doubleColumn(3).append(max);
            t.doubleColumn(4).append(mean);
            t.doubleColumn(5).append(mean == 0 ? Double.NaN : max / mean);
        }
        return t;
    }

    /** Several series in long form: series, x, y (one row per point). */
    public static Table series(String name, List<Series> series) {
        Table t = Table.create(name, StringColumn.create("series"), DoubleColumn.create("x"), DoubleColumn.create("y"));
        for (Series s : series) {
            double[] x = s.x();
            double[] y = s.y();
            for (int i = 0; i < x.length; i++) {
                t.stringColumn(0).append(s.name());
                t.doubleColumn(1).append(x[i]);
                t.doubleColumn(2).append(y[i]);
            }
        }
        return t;
    }
}
