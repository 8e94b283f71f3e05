package org.workdistlab.lab.workloads;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.workdistlab.lab.charts.Charts;
import org.workdistlab.lab.charts.Series;
import org.workdistlab.lab.harness.Workload;
import org.workdistlab.lab.machine.Machine;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Throughput per pool size, with the measured wait and compute time of one task and the two sizing rules
 * to hold against the measurement: Goetz's {@code N_cpu * U * (1 + W/C)} and the course's rule of thumb.
 *
 * @param name               what was measured
 * @param kind               CPU_BOUND or BLOCKING tasks
 * @param machine            where
 * @param seed               seed of the shuffled order of pool sizes
 * @param trialsPerSize      trials per pool size
 * @param trialMillis        counting window per trial
 * @param computeNanosPerTask C: CPU time of one task on one thread (thread CPU time)
 * @param waitNanosPerTask   W: wall time minus CPU time of one task on one thread (on a busy machine this
 *                           also counts time spent waiting for a core)
 * @param points             one per pool size, ascending
 */
public record PoolSizingResult(String name, Workload.Kind kind, Machine machine, long seed, int trialsPerSize,
                               long trialMillis, double computeNanosPerTask, double waitNanosPerTask,
                               List<Point> points) {

    public PoolSizingResult {
        points = List.copyOf(points);
    }

    /** Tasks per second at one pool size: median, min and max over its trials. */
    public record Point(int poolSize, int trials, double medianTasksPerSec, double minTasksPerSec,
                        double maxTasksPerSec) {
    }

    /** W/C of one task as measured. */
    public double waitOverCompute() {
        return computeNanosPerTask > 0 ? waitNanosPerTask / computeNanosPerTask : 0;
    }

    /** Goetz's size for full CPU use: {@code N_cpu * 1.0 * (1 + W/C)} with the machine's effective CPUs. */
    public double goetzThreads() {
        return PoolSizing.goetzThreads(machine.effectiveCpus(), 1.0, waitOverCompute());
    }

    /** The pool size with the highest median throughput. */
    public Point best() {
        return points.stream().max(Comparator.comparingDouble(Point::medianTasksPerSec)).orElseThrow();
    }

    /** The smallest pool size whose median is within {@code share} (e.g. 0.95) of the best median. */
    public Point smallestWithin(double share) {
        double bar = best().medianTasksPerSec() * share;
        return points.stream().filter(p -> p.medianTasksPerSec() >= bar).findFirst().orElseThrow();
    }

    /** The course's rule of thumb for this kind of task, as a range of threads on this machine. */
    public String courseRule() {
        double cpus = machine.effectiveCpus();
        return kind == Workload.Kind.CPU_BOUND
                ? String.format(Locale.ROOT, "%.0f-%.0f threads (2-3x cores, CPU-bound)", 2 * cpus, 3 * cpus)
                : String.format(Locale.ROOT, "%.0f-%.0f threads (10-50x cores, I/O-bound)", 10 * cpus, 50 * cpus);
    }

    public Table table() {
        var t = Table.create(name);
        t.addColumns(IntColumn.create("pool size", points.stream().mapToInt(Point::poolSize).toArray()),
                IntColumn.create("trials", points.stream().mapToInt(Point::trials).toArray()),
                DoubleColumn.create("median tasks/s", points.stream().mapToDouble(Point::medianTasksPerSec)),
                DoubleColumn.create("min tasks/s", points.stream().mapToDouble(Point::minTasksPerSec)),
                DoubleColumn.create("max tasks/s", points.stream().mapToDouble(Point::maxTasksPerSec)));
        return t;
    }

    /** Median tasks/s against pool size. */
    public XYChart chart() {
        double[] x = points.stream().mapToDouble(Point::poolSize).toArray();
        double[] y = points.stream().mapToDouble(Point::medianTasksPerSec).toArray();
        return Charts.lines(name, machine.summary() + String.format(Locale.ROOT, "; W/C %.1f; Goetz %.1f threads",
                waitOverCompute(), goetzThreads()), "pool size (threads)", "tasks/s (median)",
                List.of(new Series("measured", x, y)));
    }

    @Override
    public String toString() {
        var sb = new StringBuilder();
        sb.append(name).append("  [").append(kind).append("]\n").append(machine).append('\n');
        sb.append(String.format(Locale.ROOT, "%d trials x %d ms per size; shuffled, seed %d%n", trialsPerSize,
                trialMillis, seed));
        sb.append(String.format(Locale.ROOT, "%9s %14s %14s %14s%n", "pool size", "median tasks/s", "min", "max"));
        for (var p : points) {
            sb.append(String.format(Locale.ROOT, "%9d %14.1f %14.1f %14.1f%n", p.poolSize(), p.medianTasksPerSec(),
                    p.minTasksPerSec(), p.maxTasksPerSec()));
        }
        double cpus = machine.effectiveCpus();
        sb.append(String.format(Locale.ROOT, "measured per task: C = %.1f us compute, W = %.1f us waiting, W/C = %.2f%n",
                computeNanosPerTask / 1e3, waitNanosPerTask / 1e3, waitOverCompute()));
        sb.append(String.format(Locale.ROOT, "Goetz (JCIP 8.2) N_cpu*U*(1+W/C) = %s*1.0*(1+%.2f) = %.1f threads"
                + "%s%n", fmt(cpus), waitOverCompute(), goetzThreads(),
                kind == Workload.Kind.CPU_BOUND ? String.format(Locale.ROOT, " (JCIP: N_cpu+1 = %s for compute-bound)",
                        fmt(cpus + 1)) : ""));
        sb.append("course rule of thumb: ").append(courseRule()).append(" - a rule, not a law\n");
        sb.append(String.format(Locale.ROOT, "measured: best median at %d threads; within 5%% of it from %d threads%n",
                best().poolSize(), smallestWithin(0.95).poolSize()));
        return sb.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
