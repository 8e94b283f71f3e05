package org.workdistlab.lab.simulations;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.knowm.xchart.CategoryChart;
import org.workdistlab.lab.charts.Charts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Specter 3, head-of-line blocking: a MODEL (discrete-event, virtual milliseconds) of {@code workers} workers
 * serving a stream of fast requests with a few slow ones mixed in, under three queue layouts.
 *
 * <h2>Events</h2>
 * Poisson arrivals (seeded) at the rate that keeps the workers busy {@code utilisation} of the time. A request
 * is slow with probability {@code slowShare} (default 1%, {@value #DEFAULT_SLOW_MS} ms) and fast otherwise
 * ({@value #DEFAULT_FAST_MS} ms). Every layout sees the same requests.
 *
 * <h2>Policies</h2>
 * <ul>
 *   <li>{@link Layout#PER_WORKER_QUEUES}: requests are dealt round robin into one FIFO queue per worker, and a
 *   worker serves only its own queue. A fast request dealt behind a slow one waits for it even while other
 *   workers sit idle: head-of-line blocking.</li>
 *   <li>{@link Layout#WORK_STEALING}: the same queues, but a worker whose queue is empty steals the OLDEST
 *   waiting request from the longest other queue (thieves take from the old end, as in Blumofe-Leiserson,
 *   Chase-Lev and ForkJoinPool). Here owners also serve oldest first, because requests are served in
 *   arrival order; in a fork/join pool the owner works LIFO at the other end.</li>
 *   <li>{@link Layout#SHARED_QUEUE}: one FIFO queue that every worker takes from. It has no per-lane blocking
 *   either; head-of-line blocking remains only when every worker holds a slow request.</li>
 * </ul>
 * A model has no contention cost: real stealing pays for the synchronisation on the victim's queue.
 *
 * <h2>Stats</h2>
 * Latency = completion - arrival, percentiles for fast and slow requests per layout; steals counted.
 *
 * <pre>{@code
 * HeadOfLineBlocking.simulate();
 * HeadOfLineBlocking.configure().workers(8).slowShare(0.02).run().chart();
 * }</pre>
 */
public final class HeadOfLineBlocking {

    /** How requests are queued and who may take them. */
    public enum Layout { PER_WORKER_QUEUES, WORK_STEALING, SHARED_QUEUE }

    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_REQUESTS = 20_000;
    /** Service time of a fast request, ms. */
    public static final double DEFAULT_FAST_MS = 10;
    /** Service time of a slow request, ms. */
    public static final double DEFAULT_SLOW_MS = 1_000;
    /** Probability that a request is slow. */
    public static final double DEFAULT_SLOW_SHARE = 0.01;
    /** Offered load per worker. */
    public static final double DEFAULT_UTILISATION = 0.6;
    public static final long DEFAULT_SEED = 42L;

    private final int workers;
    private final int requests;
    private final double fastMs;
    private final double slowMs;
    private final double slowShare;
    private final double utilisation;
    private final long seed;

    private HeadOfLineBlocking(int workers, int requests, double fastMs, double slowMs, double slowShare,
                               double utilisation, long seed) {
        Samples.require(workers >= 1, "workers must be >= 1, was " + workers);
        Samples.require(requests >= 1, "requests must be >= 1, was " + requests);
        Samples.require(fastMs > 0 && slowMs >= fastMs,
                "need 0 < fastMs <= slowMs, was fastMs=" + fastMs + ", slowMs=" + slowMs);
        Samples.require(slowShare >= 0 && slowShare < 1, "slowShare must be in [0, 1), was " + slowShare);
        Samples.require(utilisation > 0 && utilisation < 1,
                "utilisation must be in (0, 1) (at 1 or above queues grow without bound), was " + utilisation);
        this.workers = workers;
        this.requests = requests;
        this.fastMs = fastMs;
        this.slowMs = slowMs;
        this.slowShare = slowShare;
        this.utilisation = utilisation;
        this.seed = seed;
    }

    public static HeadOfLineBlocking configure() {
        return new HeadOfLineBlocking(DEFAULT_WORKERS, DEFAULT_REQUESTS, DEFAULT_FAST_MS, DEFAULT_SLOW_MS,
                DEFAULT_SLOW_SHARE, DEFAULT_UTILISATION, DEFAULT_SEED);
    }

    /** Prints this sample with its defaults: {@code java ... HeadOfLineBlocking}. */
    public static void main(String[] args) {
        System.out.println(simulate());
    }

    /** All three layouts with the defaults. */
    public static Result simulate() {
        return configure().run();
    }

    public HeadOfLineBlocking workers(int value) {
        return new HeadOfLineBlocking(value, requests, fastMs, slowMs, slowShare, utilisation, seed);
    }

    public HeadOfLineBlocking requests(int value) {
        return new HeadOfLineBlocking(workers, value, fastMs, slowMs, slowShare, utilisation, seed);
    }

    public HeadOfLineBlocking serviceTimes(double fast, double slow) {
        return new HeadOfLineBlocking(workers, requests, fast, slow, slowShare, utilisation, seed);
    }

    public HeadOfLineBlocking slowShare(double value) {
        return new HeadOfLineBlocking(workers, requests, fastMs, slowMs, value, utilisation, seed);
    }

    public HeadOfLineBlocking utilisation(double value) {
        return new HeadOfLineBlocking(workers, requests, fastMs, slowMs, slowShare, value, seed);
    }

    public HeadOfLineBlocking seed(long value) {
        return new HeadOfLineBlocking(workers, requests, fastMs, slowMs, slowShare, utilisation, value);
    }

    public Result run() {
        List<Request> stream = poissonArrivalsBernoulliSlow();
        Map<Layout, Run> runs = new LinkedHashMap<>();
        for (Layout layout : Layout.values()) {
            runs.put(layout, simulate(layout, stream));
        }
        return new Result(seed, workers, requests, fastMs, slowMs, slowShare, utilisation, runs);
    }

    private record Request(int id, double arrival, double service, boolean slow) {
    }

    private List<Request> poissonArrivalsBernoulliSlow() {
        var rng = new SplittableRandom(seed);
        double meanService = slowShare * slowMs + (1 - slowShare) * fastMs;
        double rate = utilisation * workers / meanService;
        List<Request> list = new ArrayList<>(requests);
        double t = 0;
        for (int i = 0; i < requests; i++) {
            t += -Math.log(1.0 - rng.nextDouble()) / rate;
            boolean slow = rng.nextDouble() < slowShare;
            list.add(new Request(i, t, slow ? slowMs : fastMs, slow));
        }
        return list;
    }

    /** A completion event; ties are broken by worker index so runs repeat exactly. */
    private record Done(double time, int worker) implements Comparable<Done> {
        @Override
        public int compareTo(Done o) {
            int c = Double.compare(time, o.time);
            return c != 0 ? c : Integer.compare(worker, o.worker);
        }
    }

    private Run simulate(Layout layout, List<Request> stream) {
        int lanes = layout == Layout.SHARED_QUEUE ? 1 : workers;
        List<ArrayDeque<Request>> queues = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            queues.add(new ArrayDeque<>());
        }
        boolean[] busy = new boolean[workers];
        var done = new PriorityQueue<Done>();
        List<Double> fast = new ArrayList<>();
        List<Double> slow = new ArrayList<>();
        long steals = 0;
        int next = 0;
        int dealt = 0;
        while (next < stream.size() || !done.isEmpty()) {
            // Completions at or before the next arrival go first, so a freed worker sees the queue as it is.
            boolean arrivalNext = next < stream.size()
                    && (done.isEmpty() || stream.get(next).arrival() < done.peek().time());
            double now;
            if (arrivalNext) {
                Request r = stream.get(next++);
                now = r.arrival();
                queues.get(lanes == 1 ? 0 : dealt++ % lanes).addLast(r);
            } else {
                Done d = done.poll();
                now = d.time();
                busy[d.worker()] = false;
            }
            // Dispatch: every idle worker takes what its layout allows.
            for (int w = 0; w < workers; w++) {
                if (busy[w]) {
                    continue;
                }
                ArrayDeque<Request> own = queues.get(lanes == 1 ? 0 : w);
                Request r = own.pollFirst();
                if (r == null && layout == Layout.WORK_STEALING) {
                    ArrayDeque<Request> victim = null;
                    for (ArrayDeque<Request> q : queues) {
                        if (q != own && !q.isEmpty() && (victim == null || q.size() > victim.size())) {
                            victim = q;
                        }
                    }
                    if (victim != null) {
                        r = victim.pollFirst();
                        steals++;
                    }
                }
                if (r != null) {
                    busy[w] = true;
                    double finish = now + r.service();
                    done.add(new Done(finish, w));
                    (r.slow() ? slow : fast).add(finish - r.arrival());
                }
            }
        }
        return new Run(layout, fast.stream().mapToDouble(Double::doubleValue).toArray(),
                slow.stream().mapToDouble(Double::doubleValue).toArray(), steals);
    }

    /** One layout: latencies (ms) of fast and slow requests, in dispatch order, and how many were stolen. */
    public record Run(Layout layout, double[] fastLatencies, double[] slowLatencies, long steals) {

        public double fastPercentile(double p) {
            return Samples.percentile(Samples.sortedCopy(fastLatencies), p);
        }
    }

    public record Result(long seed, int workers, int requests, double fastMs, double slowMs, double slowShare,
                         double utilisation, Map<Layout, Run> runs) {

        public Run run(Layout layout) {
            return runs.get(layout);
        }

        /** One row per layout and request kind: count, mean, p50, p90, p99, p99.9, max latency in ms; steals. */
        public Table table() {
            var t = Table.create("Head-of-line blocking: latency ms (model, seed " + seed + ")",
                    StringColumn.create("layout"), StringColumn.create("requests"), IntColumn.create("count"),
                    DoubleColumn.create("mean"), DoubleColumn.create("p50"), DoubleColumn.create("p90"),
                    DoubleColumn.create("p99"), DoubleColumn.create("p99.9"), DoubleColumn.create("max"),
                    LongColumn.create("steals"));
            for (Run r : runs.values()) {
                addRow(t, r.layout(), "fast", r.fastLatencies(), r.steals());
                addRow(t, r.layout(), "slow", r.slowLatencies(), r.steals());
            }
            return t;
        }

        private static void addRow(Table t, Layout layout, String kind, double[] values, long steals) {
            double[] sorted = Samples.sortedCopy(values);
            t.stringColumn(0).append(layout.name());
            t.stringColumn(1).append(kind);
            t.intColumn(2).append(sorted.length);
            t.doubleColumn(3).append(Samples.round(Samples.mean(sorted), 1));
            for (int i = 0; i < Samples.LEVELS.length; i++) {
                t.doubleColumn(4 + i).append(Samples.round(Samples.percentile(sorted, Samples.LEVELS[i]), 1));
            }
            t.doubleColumn(8).append(Samples.round(Samples.max(sorted), 1));
            t.longColumn(9).append(steals);
        }

        /** Latency percentiles of the FAST requests under each layout. */
        public CategoryChart chart() {
            Map<String, double[]> samples = new LinkedHashMap<>();
            for (Run r : runs.values()) {
                if (r.fastLatencies().length > 0) {
                    samples.put(r.layout().name(), r.fastLatencies());
                }
            }
            return Charts.percentiles("Head-of-line blocking: latency of fast requests",
                    "model, " + workers + " workers, " + (slowShare * 100) + "% slow (" + slowMs + " ms), utilisation "
                            + utilisation + ", seed " + seed, "ms", samples);
        }

        @Override
        public String toString() {
            return "Head-of-line blocking - a MODEL in virtual ms, seed " + seed + "\n"
                    + workers + " workers, " + requests + " requests, Poisson arrivals at utilisation " + utilisation
                    + "; fast " + fastMs + " ms, slow " + slowMs + " ms with probability " + slowShare + "\n"
                    + table().print() + "\n"
                    + "PER_WORKER_QUEUES: a fast request dealt behind a slow one waits for it while other workers idle."
                    + "\nWORK_STEALING: idle workers take the oldest waiting request from the longest other queue.";
        }
    }
}
