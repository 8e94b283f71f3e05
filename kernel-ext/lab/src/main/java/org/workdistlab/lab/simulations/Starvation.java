package org.workdistlab.lab.simulations;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.CategoryChart;
import org.workdistlab.lab.charts.Charts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Specter 2, starvation: a MODEL (discrete-event, virtual time, one server) of small tasks stuck behind large
 * ones, and of what a multi-level feedback queue (MLFQ) does about it, with and without priority aging.
 *
 * <h2>Events</h2>
 * {@code tasks} tasks arrive as a Poisson process (exponential gaps, seeded) at the rate that makes the
 * server busy {@code utilisation} of the time. Sizes come from a discrete mix of three classes (defaults:
 * small 1, medium 10, large 100 time units, with probabilities 0.80 / 0.15 / 0.05). Every policy sees the
 * same task list.
 *
 * <h2>Policies</h2>
 * <ul>
 *   <li>{@link Policy#FIFO}: run to completion in arrival order. A small task waits for every large task
 *   ahead of it.</li>
 *   <li>{@link Policy#MLFQ}: levels 0..L-1 with quanta {@code q, 4q, 16q, ...}; new tasks enter level 0; a task
 *   that uses its whole quantum drops one level; the highest non-empty level runs, round robin within it.
 *   A running quantum is not cut short by arrivals. Small tasks finish in level 0, so they no longer wait
 *   for large ones; large tasks now wait for every burst of small ones.</li>
 *   <li>{@link Policy#MLFQ_AGING}: MLFQ, plus any task that has waited {@code agingThreshold} time units in a
 *   level below 0 is lifted back to level 0, which bounds how long it waits between two slices.</li>
 * </ul>
 *
 * <h2>Stats</h2>
 * Wait = completion - arrival - size (time queued, not served), percentiles per size class and policy.
 *
 * <pre>{@code
 * Starvation.simulate();
 * Starvation.configure().utilisation(0.95).seed(7).run().chart();
 * }</pre>
 */
public final class Starvation {

    /** Scheduling policy under test. */
    public enum Policy { FIFO, MLFQ, MLFQ_AGING }

    /** Tasks per run. */
    public static final int DEFAULT_TASKS = 20_000;
    /** Offered load: the share of time the server would be busy. */
    public static final double DEFAULT_UTILISATION = 0.9;
    /** Size classes in time units, with their probabilities. */
    public static final double[] DEFAULT_SIZES = {1, 10, 100};
    public static final double[] DEFAULT_PROBABILITIES = {0.80, 0.15, 0.05};
    public static final String[] CLASS_NAMES = {"small", "medium", "large"};
    /** Quantum of level 0; level i gets quantum * 4^i. */
    public static final double DEFAULT_QUANTUM = 2;
    /** Number of MLFQ levels. */
    public static final int DEFAULT_LEVELS = 3;
    /** Time a task may wait below level 0 before aging lifts it back up. */
    public static final double DEFAULT_AGING_THRESHOLD = 200;
    public static final long DEFAULT_SEED = 42L;

    private final int tasks;
    private final double utilisation;
    private final double quantum;
    private final int levels;
    private final double agingThreshold;
    private final long seed;

    private Starvation(int tasks, double utilisation, double quantum, int levels, double agingThreshold,
                       long seed) {
        Samples.require(tasks >= 1, "tasks must be >= 1, was " + tasks);
        Samples.require(utilisation > 0 && utilisation < 1,
                "utilisation must be in (0, 1) (at 1 or above the queue grows without bound), was " + utilisation);
        Samples.require(quantum > 0, "quantum must be > 0 time units, was " + quantum);
        Samples.require(levels >= 2, "levels must be >= 2 for a feedback queue, was " + levels);
        Samples.require(agingThreshold > 0, "agingThreshold must be > 0 time units, was " + agingThreshold);
        this.tasks = tasks;
        this.utilisation = utilisation;
        this.quantum = quantum;
        this.levels = levels;
        this.agingThreshold = agingThreshold;
        this.seed = seed;
    }

    public static Starvation configure() {
        return new Starvation(DEFAULT_TASKS, DEFAULT_UTILISATION, DEFAULT_QUANTUM, DEFAULT_LEVELS,
                DEFAULT_AGING_THRESHOLD, DEFAULT_SEED);
    }

    /** Prints this sample with its defaults: {@code java ... Starvation}. */
    public static void main(String[] args) {
        System.out.println(simulate());
    }

    /** All three policies with the defaults. */
    public static Result simulate() {
        return configure().run();
    }

    public Starvation tasks(int value) {
        return new Starvation(value, utilisation, quantum, levels, agingThreshold, seed);
    }

    public Starvation utilisation(double value) {
        return new Starvation(tasks, value, quantum, levels, agingThreshold, seed);
    }

    public Starvation quantum(double value) {
        return new Starvation(tasks, utilisation, value, levels, agingThreshold, seed);
    }

    public Starvation levels(int value) {
        return new Starvation(tasks, utilisation, quantum, value, agingThreshold, seed);
    }

    public Starvation agingThreshold(double value) {
        return new Starvation(tasks, utilisation, quantum, levels, value, seed);
    }

    public Starvation seed(long value) {
        return new Starvation(tasks, utilisation, quantum, levels, agingThreshold, value);
    }

    public Result run() {
        List<Task> workload = poissonArrivalsDiscreteSizes();
        Map<Policy, double[][]> waits = new LinkedHashMap<>();
        Map<Policy, double[][]> gaps = new LinkedHashMap<>();
        for (Policy p : Policy.values()) {
            double[][][] r = simulate(p, workload);
            waits.put(p, r[0]);
            gaps.put(p, r[1]);
        }
        return new Result(seed, tasks, utilisation, quantum, levels, agingThreshold, waits, gaps);
    }

    /** Events: Poisson arrivals, sizes from the discrete mix; named by distribution as the simulator habit asks. */
    private List<Task> poissonArrivalsDiscreteSizes() {
        var rng = new SplittableRandom(seed);
        double meanSize = 0;
        for (int i = 0; i < DEFAULT_SIZES.length; i++) {
            meanSize += DEFAULT_SIZES[i] * DEFAULT_PROBABILITIES[i];
        }
        double rate = utilisation / meanSize;
        List<Task> list = new ArrayList<>(tasks);
        double t = 0;
        for (int i = 0; i < tasks; i++) {
            t += -Math.log(1.0 - rng.nextDouble()) / rate;
            double u = rng.nextDouble();
            int cls = 0;
            double acc = DEFAULT_PROBABILITIES[0];
            while (u >= acc && cls < DEFAULT_SIZES.length - 1) {
                acc += DEFAULT_PROBABILITIES[++cls];
            }
            list.add(new Task(i, t, DEFAULT_SIZES[cls], cls));
        }
        return list;
    }

    /** Runs one policy; returns waits indexed [sizeClass][k], then longest unserved gaps the same way. */
    private double[][][] simulate(Policy policy, List<Task> workload) {
        var queue = policy == Policy.FIFO ? new FifoQueue() : new FeedbackQueue(policy == Policy.MLFQ_AGING);
        List<List<Double>> waits = new ArrayList<>();
        List<List<Double>> gaps = new ArrayList<>();
        for (int i = 0; i < DEFAULT_SIZES.length; i++) {
            waits.add(new ArrayList<>());
            gaps.add(new ArrayList<>());
        }
        double now = 0;
        int next = 0;
        int done = 0;
        while (done < workload.size()) {
            while (next < workload.size() && workload.get(next).arrival <= now) {
                queue.arrive(new Job(workload.get(next++)), now);
            }
            Job job = queue.next(now);
            if (job == null) {
                now = workload.get(next).arrival;
                continue;
            }
            job.longestGap = Math.max(job.longestGap, now - job.waitingSince);
            double slice = Math.min(job.remaining, queue.quantum(job));
            now += slice;
            job.remaining -= slice;
            // Arrivals during the slice queue up before the preempted job goes back (standard round robin).
            while (next < workload.size() && workload.get(next).arrival <= now) {
                queue.arrive(new Job(workload.get(next++)), now);
            }
            if (job.remaining <= 1e-9) {
                Task t = job.task;
                waits.get(t.sizeClass).add(now - t.arrival - t.size);
                gaps.get(t.sizeClass).add(job.longestGap);
                done++;
            } else {
                job.waitingSince = now;
                queue.preempted(job, now);
            }
        }
        return new double[][][] {toArrays(waits), toArrays(gaps)};
    }

    private static double[][] toArrays(List<List<Double>> lists) {
        double[][] out = new double[lists.size()][];
        for (int c = 0; c < lists.size(); c++) {
            out[c] = lists.get(c).stream().mapToDouble(Double::doubleValue).toArray();
        }
        return out;
    }

    private record Task(int id, double arrival, double size, int sizeClass) {
    }

    private static final class Job {
        final Task task;
        double remaining;
        int level;
        /** When it entered its current level (aging resets it). */
        double queuedAt;
        /** When it last stopped being served (arrival or preemption); aging does not reset it. */
        double waitingSince;
        double longestGap;

        Job(Task task) {
            this.task = task;
            this.remaining = task.size;
            this.waitingSince = task.arrival;
        }
    }

    private interface Queue {
        void arrive(Job job, double now);

        Job next(double now);

        double quantum(Job job);

        void preempted(Job job, double now);
    }

    private static final class FifoQueue implements Queue {
        private final ArrayDeque<Job> queue = new ArrayDeque<>();

        @Override
        public void arrive(Job job, double now) {
            queue.addLast(job);
        }

        @Override
        public Job next(double now) {
            return queue.pollFirst();
        }

        @Override
        public double quantum(Job job) {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public void preempted(Job job, double now) {
            throw new IllegalStateException("FIFO runs every job to completion");
        }
    }

    private final class FeedbackQueue implements Queue {
        private final List<ArrayDeque<Job>> byLevel = new ArrayList<>();
        private final boolean aging;

        FeedbackQueue(boolean aging) {
            this.aging = aging;
            for (int i = 0; i < levels; i++) {
                byLevel.add(new ArrayDeque<>());
            }
        }

        @Override
        public void arrive(Job job, double now) {
            enqueue(job, 0, now);
        }

        private void enqueue(Job job, int level, double now) {
            job.level = level;
            job.queuedAt = now;
            byLevel.get(level).addLast(job);
        }

        @Override
        public Job next(double now) {
            if (aging) {
                // Each level is FIFO by queuedAt, so only heads can be due.
                for (int level = 1; level < levels; level++) {
                    var q = byLevel.get(level);
                    while (!q.isEmpty() && now - q.peekFirst().queuedAt >= agingThreshold) {
                        Job lifted = q.pollFirst();
                        enqueue(lifted, 0, lifted.queuedAt + agingThreshold);
                    }
                }
            }
            for (var q : byLevel) {
                if (!q.isEmpty()) {
                    return q.pollFirst();
                }
            }
            return null;
        }

        @Override
        public double quantum(Job job) {
            return quantum * Math.pow(4, job.level);
        }

        @Override
        public void preempted(Job job, double now) {
            enqueue(job, Math.min(levels - 1, job.level + 1), now);
        }
    }

    /**
     * Waits per policy, as {@code waits.get(policy)[sizeClass]} arrays in completion order; {@code gaps} holds,
     * per task, the longest stretch it spent queued without being served (what starvation means).
     */
    public record Result(long seed, int tasks, double utilisation, double quantum, int levels,
                         double agingThreshold, Map<Policy, double[][]> waits, Map<Policy, double[][]> gaps) {

        /** Sorted waits of one policy and size class ({@code 0 = small, 1 = medium, 2 = large}). */
        public double[] waits(Policy policy, int sizeClass) {
            return Samples.sortedCopy(waits.get(policy)[sizeClass]);
        }

        public double percentile(Policy policy, int sizeClass, double p) {
            return Samples.percentile(waits(policy, sizeClass), p);
        }

        public double maxWait(Policy policy, int sizeClass) {
            return Samples.max(waits(policy, sizeClass));
        }

        /** The longest time any task of this class sat queued without a slice of service. */
        public double longestGap(Policy policy, int sizeClass) {
            return Samples.max(Samples.sortedCopy(gaps.get(policy)[sizeClass]));
        }

        /** One row per policy and size class: count, mean, p50, p90, p99, p99.9 and max wait. */
        public Table table() {
            var t = Table.create("Starvation: wait by task size (model, seed " + seed + ")",
                    StringColumn.create("policy"), StringColumn.create("size class"), DoubleColumn.create("size"),
                    IntColumn.create("tasks"), DoubleColumn.create("mean wait"), DoubleColumn.create("p50"),
                    DoubleColumn.create("p90"), DoubleColumn.create("p99"), DoubleColumn.create("p99.9"),
                    DoubleColumn.create("max"), DoubleColumn.create("longest unserved gap"));
            for (var e : waits.entrySet()) {
                for (int c = 0; c < e.getValue().length; c++) {
                    double[] sorted = Samples.sortedCopy(e.getValue()[c]);
                    t.stringColumn(0).append(e.getKey().name());
                    t.stringColumn(1).append(CLASS_NAMES[c]);
                    t.doubleColumn(2).append(DEFAULT_SIZES[c]);
                    t.intColumn(3).append(sorted.length);
                    t.doubleColumn(4).append(Samples.round(Samples.mean(sorted), 1));
                    for (int i = 0; i < Samples.LEVELS.length; i++) {
                        t.doubleColumn(5 + i).append(Samples.round(Samples.percentile(sorted, Samples.LEVELS[i]), 1));
                    }
                    t.doubleColumn(9).append(Samples.round(Samples.max(sorted), 1));
                    t.doubleColumn(10).append(Samples.round(longestGap(e.getKey(), c), 1));
                }
            }
            return t;
        }

        /** Wait percentiles of small and large tasks under each policy. */
        public CategoryChart chart() {
            Map<String, double[]> samples = new LinkedHashMap<>();
            for (int c : new int[] {0, CLASS_NAMES.length - 1}) {
                for (var e : waits.entrySet()) {
                    if (e.getValue()[c].length > 0) {
                        samples.put(e.getKey().name() + " / " + CLASS_NAMES[c], e.getValue()[c]);
                    }
                }
            }
            return Charts.percentiles("Starvation: wait by task size and policy",
                    "model, one server, utilisation " + utilisation + ", aging after " + agingThreshold
                            + ", seed " + seed, "time units", samples);
        }

        @Override
        public String toString() {
            return "Starvation - a MODEL: one server, virtual time units, seed " + seed + "\n"
                    + tasks + " tasks, Poisson arrivals at utilisation " + utilisation + ", sizes small 1 / medium 10"
                    + " / large 100 with p 0.80 / 0.15 / 0.05; MLFQ " + levels + " levels, quantum " + quantum
                    + " x 4^level, aging after " + agingThreshold + "\n"
                    + table().print() + "\n"
                    + "wait = time queued (completion - arrival - size). FIFO makes small tasks wait for large ones;"
                    + " MLFQ moves that wait onto large tasks;\naging caps the longest unserved gap (starvation), not the"
                    + " total wait: a lifted task gets one short slice and drops again.";
        }
    }
}
