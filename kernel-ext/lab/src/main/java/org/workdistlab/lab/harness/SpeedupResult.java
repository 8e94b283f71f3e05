package org.workdistlab.lab.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.workdistlab.display.Displayable;
import org.workdistlab.display.MimeBundle;
import java.util.LinkedHashMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.workdistlab.lab.charts.Charts;
import org.workdistlab.lab.machine.Machine;
import org.workdistlab.lab.models.Observation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * What a speedup {@link Experiment} measured: every trial, a summary per thread count, the machine, the
 * settings (seed included) and notes. Immutable; saves to and loads from JSON so two machines can be compared.
 *
 * <pre>{@code
 * r.table();                       // Tablesaw table, one row per thread count
 * r.point(4).speedup();            // median throughput at 4 threads / median at 1 thread
 * r.observations();                // per-trial throughput for the model fits
 * r.chart();                       // speedup chart with Amdahl and USL fits
 * r.save(Path.of("laptop.json"));  SpeedupResult.load(Path.of("laptop.json"));
 * SpeedupResult.compare(laptop, binder);
 * }</pre>
 *
 * @param name     the experiment's name
 * @param workload the workload's description
 * @param kind     CPU_BOUND or BLOCKING
 * @param settings how it was run
 * @param machine  where it was run
 * @param startedAt ISO-8601 start time (UTC)
 * @param trials   measured trials in the order they ran (warm-ups are not kept)
 * @param points   one summary per thread count, ascending
 * @param notes    caveats found while running (baseline added, more threads than CPUs, ...)
 * @param guards   the measurement guards applied
 */
public record SpeedupResult(String name, String workload, Workload.Kind kind, Settings settings, Machine machine,
                            String startedAt, List<Trial> trials, List<Point> points, List<String> notes,
                            List<Guard> guards) implements Displayable {

    public SpeedupResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        trials = List.copyOf(trials);
        points = List.copyOf(points);
        notes = notes == null ? List.of() : List.copyOf(notes);
        guards = guards == null ? List.of() : List.copyOf(guards);
        if (points.stream().noneMatch(p -> p.threads() == 1)) {
            throw new IllegalArgumentException("a speedup result needs a 1-thread point as its baseline");
        }
    }

    /**
     * How the experiment was run.
     *
     * @param requestedThreads thread counts the caller asked for
     * @param threads          thread counts actually run (1 added when missing)
     * @param baselineAdded    whether 1 thread was added as the baseline
     * @param warmups          discarded warm-up rounds per count
     * @param trialsPerCount   measured trials per count
     * @param trialMillis      measurement window per trial
     * @param warmupMillis     window per warm-up round
     * @param seed             seed of the shuffled trial order
     */
    public record Settings(List<Integer> requestedThreads, List<Integer> threads, boolean baselineAdded, int warmups,
                           int trialsPerCount, long trialMillis, long warmupMillis, long seed) {
        public Settings {
            requestedThreads = List.copyOf(requestedThreads);
            threads = List.copyOf(threads);
        }
    }

    /**
     * One measured trial.
     *
     * @param order         position among the measured trials, in the order they ran
     * @param threads       workers in this trial
     * @param ops           operations counted in the window, all workers
     * @param windowNanos   length of the measurement window
     * @param overheadNanos wall time of the trial outside the window (setup, start barrier, ramp-up, stop,
     *                      teardown): the harness's fixed cost, which does not enter the throughput
     * @param opsPerWorker  operations each worker counted (its load)
     */
    public record Trial(int order, int threads, long ops, long windowNanos, long overheadNanos, List<Long> opsPerWorker) {
        public Trial {
            opsPerWorker = List.copyOf(opsPerWorker);
        }

        /** Operations per second, all workers together. */
        public double throughput() {
            return ops * 1e9 / windowNanos;
        }

        /** Wall time per operation as one worker sees it: threads * window / ops. */
        public double nanosPerOp() {
            return (double) threads * windowNanos / ops;
        }
    }

    /**
     * Summary of the trials at one thread count. Speedups divide by the median 1-thread throughput of the
     * same result; min and max speedups divide this count's slowest and fastest trial by that median.
     */
    public record Point(int threads, int trials, double medianOpsPerSec, double minOpsPerSec, double maxOpsPerSec,
                        double cvPercent, double medianNanosPerOp, double minNanosPerOp, double maxNanosPerOp,
                        double speedup, double minSpeedup, double maxSpeedup) {

        /** Speedup per thread: 1.0 is perfect scaling. */
        public double efficiency() {
            return speedup / threads;
        }
    }

    static SpeedupResult of(String name, Workload workload, Settings settings, Machine machine, String startedAt,
                            List<Trial> trials, List<String> notes) {
        var points = summarise(trials);
        return new SpeedupResult(name, workload.describe(), workload.kind(), settings, machine, startedAt, trials,
                points, notes, List.copyOf(EnumSet.allOf(Guard.class)));
    }

    static List<Point> summarise(List<Trial> trials) {
        var counts = trials.stream().map(Trial::threads).distinct().sorted().toList();
        double base = Stats.median(throughputs(trials, 1));
        var points = new ArrayList<Point>();
        for (int n : counts) {
            var rates = throughputs(trials, n);
            var latencies = trials.stream().filter(t -> t.threads() == n).mapToDouble(Trial::nanosPerOp).toArray();
            double median = Stats.median(rates);
            points.add(new Point(n, rates.length, median, Stats.min(rates), Stats.max(rates), Stats.cvPercent(rates),
                    Stats.median(latencies), Stats.min(latencies), Stats.max(latencies),
                    median / base, Stats.min(rates) / base, Stats.max(rates) / base));
        }
        return points;
    }

    private static double[] throughputs(List<Trial> trials, int threads) {
        var rates = trials.stream().filter(t -> t.threads() == threads).mapToDouble(Trial::throughput).toArray();
        if (rates.length == 0) {
            throw new IllegalArgumentException("no trial at " + threads + " thread(s)");
        }
        return rates;
    }

    /** The summary at {@code threads}; throws naming the counts that exist when there is none. */
    public Point point(int threads) {
        return points.stream().filter(p -> p.threads() == threads).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no point at " + threads + " threads; measured: "
                        + points.stream().map(Point::threads).toList()));
    }

    /** The thread count with the highest median throughput. */
    public Point bestPoint() {
        return points.stream().max(Comparator.comparingDouble(Point::medianOpsPerSec)).orElseThrow();
    }

    /** Per-trial throughput (ops/s), one observation per measured trial: the input of the model fits. */
    public List<Observation> observations() {
        return trials.stream().map(t -> new Observation(t.threads(), t.throughput())).toList();
    }

    /**
     * The speedup chart: measured medians with min-max bars, the ideal line and, from 4 or more thread
     * counts, the fitted Amdahl and USL curves (models, labelled as such); the machine is in the subtitle.
     */
    public XYChart chart() {
        return Charts.speedup(name + " [" + kind + "]", machine.summary() + "; seed " + settings.seed(),
                observations());
    }

    /**
     * Operations each worker counted, one bar series per trial at {@code threads}: an even split means the
     * workers shared the cores fairly; a lopsided one means some waited (a lock, a slow peer, the scheduler).
     */
    public CategoryChart loadChart(int threads) {
        point(threads); // fails with the measured counts if there is none
        var load = new LinkedHashMap<String, long[]>();
        for (var t : trials) {
            if (t.threads() == threads) {
                load.put("trial " + (t.order() + 1), t.opsPerWorker().stream().mapToLong(Long::longValue).toArray());
            }
        }
        return Charts.perWorkerLoad(name + ": ops per worker at " + threads + " threads", machine.summary(), load);
    }

    /** Per-trial speedup against the median 1-thread throughput. */
    public List<Observation> speedupObservations() {
        double base = point(1).medianOpsPerSec();
        return trials.stream().map(t -> new Observation(t.threads(), t.throughput() / base)).toList();
    }

    /**
     * One row per thread count: trials, ops/s (median, min, max, CV), µs per op, speedup and efficiency. The
     * columns print rounded (ops/s to whole numbers, the rest to 2 decimals); the values keep full precision.
     */
    public Table table() {
        var t = Table.create(name);
        t.addColumns(
                IntColumn.create("threads", points.stream().mapToInt(Point::threads).toArray()),
                IntColumn.create("trials", points.stream().mapToInt(Point::trials).toArray()),
                rounded("median ops/s", 0, points.stream().mapToDouble(Point::medianOpsPerSec)),
                rounded("min ops/s", 0, points.stream().mapToDouble(Point::minOpsPerSec)),
                rounded("max ops/s", 0, points.stream().mapToDouble(Point::maxOpsPerSec)),
                rounded("cv %", 1, points.stream().mapToDouble(Point::cvPercent)),
                rounded("median us/op", 2, points.stream().mapToDouble(p -> p.medianNanosPerOp() / 1e3)),
                rounded("speedup", 2, points.stream().mapToDouble(Point::speedup)),
                rounded("min speedup", 2, points.stream().mapToDouble(Point::minSpeedup)),
                rounded("max speedup", 2, points.stream().mapToDouble(Point::maxSpeedup)),
                rounded("efficiency", 2, points.stream().mapToDouble(Point::efficiency)));
        return t;
    }

    private static DoubleColumn rounded(String name, int decimals, java.util.stream.DoubleStream values) {
        var c = DoubleColumn.create(name, values);
        c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(decimals));
        return c;
    }

    /** Every measured trial in run order, with each worker's count (for per-worker load charts). */
    public Table trialsTable() {
        var t = Table.create(name + " (trials)");
        t.addColumns(
                IntColumn.create("order", trials.stream().mapToInt(Trial::order).toArray()),
                IntColumn.create("threads", trials.stream().mapToInt(Trial::threads).toArray()),
                LongColumn.create("ops", trials.stream().mapToLong(Trial::ops).toArray()),
                DoubleColumn.create("ops/s", trials.stream().mapToDouble(Trial::throughput)),
                DoubleColumn.create("window ms", trials.stream().mapToDouble(x -> x.windowNanos() / 1e6)),
                DoubleColumn.create("overhead ms", trials.stream().mapToDouble(x -> x.overheadNanos() / 1e6)),
                StringColumn.create("ops per worker", trials.stream().map(x -> x.opsPerWorker().toString())));
        return t;
    }

    /** Speedup per thread count of several results side by side, one column per result (name @ machine). */
    public static Table compare(SpeedupResult... results) {
        if (results.length == 0) {
            throw new IllegalArgumentException("compare() needs at least one result");
        }
        var counts = java.util.Arrays.stream(results).flatMap(r -> r.points().stream()).map(Point::threads)
                .distinct().sorted().toList();
        var t = Table.create("speedup compared");
        t.addColumns(IntColumn.create("threads", counts.stream().mapToInt(Integer::intValue).toArray()));
        var seen = new java.util.HashSet<String>();
        for (var r : results) {
            var label = r.name() + " @ " + r.machine().availableProcessors() + " CPU " + r.startedAt();
            while (!seen.add(label)) {
                label = label + "'";
            }
            var col = DoubleColumn.create(label);
            for (int n : counts) {
                var p = r.points().stream().filter(x -> x.threads() == n).findFirst();
                if (p.isPresent()) {
                    col.append(p.get().speedup());
                } else {
                    col.appendMissing();
                }
            }
            t.addColumns(col);
        }
        return t;
    }

    /** This result as indented JSON. */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write result as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads a result written by {@link #toJson()}. */
    public static SpeedupResult fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, SpeedupResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a saved SpeedupResult: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, creating parent folders. */
    public Path save(Path file) {
        try {
            var parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save result to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a result that {@link #save} wrote. */
    public static SpeedupResult load(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read saved result " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s  [%s: %s]%n", name, kind, workload));
        sb.append(machine).append('\n');
        sb.append(String.format(Locale.ROOT, "%d trials x %d ms per thread count after %d warm-up(s); shuffled, seed %d%n",
                settings.trialsPerCount(), settings.trialMillis(), settings.warmups(), settings.seed()));
        sb.append(String.format(Locale.ROOT, "%7s %12s %12s %12s %6s %10s %8s %15s %6s%n", "threads", "median ops/s",
                "min", "max", "cv%", "time/op", "speedup", "(min..max)", "eff."));
        for (var p : points) {
            sb.append(String.format(Locale.ROOT, "%7d %12s %12s %12s %6.1f %10s %7.2fx %15s %6.2f%n", p.threads(),
                    Progress.rate(p.medianOpsPerSec()), Progress.rate(p.minOpsPerSec()),
                    Progress.rate(p.maxOpsPerSec()), p.cvPercent(), Progress.duration(p.medianNanosPerOp()), p.speedup(),
                    String.format(Locale.ROOT, "%.2f..%.2f", p.minSpeedup(), p.maxSpeedup()), p.efficiency()));
        }
        for (var n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        var html = new StringBuilder("<div><b>").append(escape(name)).append("</b> [").append(kind).append(": ")
                .append(escape(workload)).append("]<br><small>").append(escape(machine.summary()))
                .append("; seed ").append(settings.seed()).append("</small>");
        html.append("<table><tr><th>threads</th><th>median ops/s</th><th>min</th><th>max</th><th>cv %</th>"
                + "<th>time/op</th><th>speedup</th><th>min..max</th><th>efficiency</th></tr>");
        for (var p : points) {
            html.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%.1f</td>"
                            + "<td>%s</td><td>%.2fx</td><td>%.2f..%.2f</td><td>%.2f</td></tr>", p.threads(),
                    Progress.rate(p.medianOpsPerSec()), Progress.rate(p.minOpsPerSec()), Progress.rate(p.maxOpsPerSec()),
                    p.cvPercent(), Progress.duration(p.medianNanosPerOp()), p.speedup(), p.minSpeedup(), p.maxSpeedup(),
                    p.efficiency()));
        }
        html.append("</table>");
        for (var n : notes) {
            html.append("<div><i>note:</i> ").append(escape(n)).append("</div>");
        }
        html.append("</div>");
        return MimeBundle.html(html.toString(), toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
