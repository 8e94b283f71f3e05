package org.workdistlab.lab.harness;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.workdistlab.lab.machine.Machine;

/**
 * A speedup experiment: one workload, several thread counts, measured the way JMH teaches.
 *
 * <pre>{@code
 * SpeedupResult r = Experiment.named("cpu, 10% serial")
 *         .workload(SerialFractionWork.of(0.10))
 *         .threads(1, 2, 4, 8)
 *         .warmups(2).trials(5).trialLength(Duration.ofMillis(300))
 *         .run();
 * r.table();            // median, min, max of ops/s and time per op, speedup per thread count
 * r.observations();     // per-trial throughput, for AmdahlFit / UslFit
 * }</pre>
 *
 * <p>What {@link #run()} does, and the {@link Guard} each step applies:
 * <ol>
 *   <li>adds 1 thread if it was not asked for: speedup is relative to the single-thread run of the same
 *       workload in the same session, never to a number from elsewhere (a note says it was added);</li>
 *   <li>starts every worker thread for every count before any timing ({@link Guard#SETUP_OUTSIDE_TIMING});</li>
 *   <li>runs {@code warmups} rounds of every count and discards them ({@link Guard#WARMUP_DISCARDED});</li>
 *   <li>runs {@code trials} trials per count in a seeded shuffled order ({@link Guard#SHUFFLED_ORDER});</li>
 *   <li>in each trial, counts work only while all workers run ({@link Guard#SYNCHRONIZED_START}), sinks
 *       results ({@link Guard#DEAD_CODE_SINK}), counts per thread in padded slots
 *       ({@link Guard#NO_FALSE_SHARING});</li>
 *   <li>checks for interruption between trials; on interrupt or failure stops and joins all workers before
 *       returning ({@link Guard#INTERRUPTIBLE}).</li>
 * </ol>
 *
 * <p>Defaults: threads 1, 2, 4, 8; 2 warm-ups and 5 trials of 300 ms per count, which is about 9 s for
 * the full curve. For a quick look: {@code .warmups(1).trials(3).trialLength(Duration.ofMillis(100))}.
 * An experiment object is not thread-safe; {@link #run()} may be called again for a fresh measurement.
 */
public final class Experiment {

    static final int MAX_THREADS = 1024;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final String name;
    private Workload workload;
    private int[] threads = {1, 2, 4, 8};
    private int warmups = 2;
    private int trials = 5;
    private Duration trialLength = Duration.ofMillis(300);
    private Duration warmupLength;
    private Long seed;
    private Progress progress;
    private TrialObserver observer = TrialObserver.NONE;

    private Experiment(String name) {
        this.name = name;
    }

    /** Starts describing an experiment; the name appears in tables, charts and saved results. */
    public static Experiment named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("experiment name is empty: pass a short label such as \"cpu, 10% serial\"");
        }
        return new Experiment(name);
    }

    /** The work to repeat; required. */
    public Experiment workload(Workload workload) {
        this.workload = Objects.requireNonNull(workload, "workload is null: pass a Workload such as SerialFractionWork.of(0.1)");
        return this;
    }

    /** Thread counts to measure (default 1, 2, 4, 8). 1 is added when missing, as the speedup baseline. */
    public Experiment threads(int... counts) {
        if (counts == null || counts.length == 0) {
            throw new IllegalArgumentException("threads(...) is empty: pass thread counts such as threads(1, 2, 4, 8)");
        }
        for (int c : counts) {
            if (c < 1 || c > MAX_THREADS) {
                throw new IllegalArgumentException("thread count " + c + " is out of range: use 1.." + MAX_THREADS);
            }
        }
        this.threads = counts.clone();
        return this;
    }

    /** Discarded warm-up rounds per thread count (default 2; 0 allowed for a quick look at cold code). */
    public Experiment warmups(int rounds) {
        if (rounds < 0 || rounds > 100) {
            throw new IllegalArgumentException("warmups(" + rounds + ") is out of range: use 0..100");
        }
        this.warmups = rounds;
        return this;
    }

    /** Measured trials per thread count (default 5; 3 or more give a meaningful median and spread). */
    public Experiment trials(int perCount) {
        if (perCount < 1 || perCount > 1000) {
            throw new IllegalArgumentException("trials(" + perCount + ") is out of range: use 1..1000 (5 is a good default)");
        }
        this.trials = perCount;
        return this;
    }

    /** Length of each measured window (default 300 ms). Must exceed one operation of the workload. */
    public Experiment trialLength(Duration length) {
        this.trialLength = checkLength(length, "trialLength");
        return this;
    }

    /** Length of each warm-up round (default: the trial length). */
    public Experiment warmupLength(Duration length) {
        this.warmupLength = checkLength(length, "warmupLength");
        return this;
    }

    /** Seed for the trial order; the same seed gives the same order (default: random, printed). */
    public Experiment seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** No progress output. */
    public Experiment quiet() {
        this.progress = Progress.silent();
        return this;
    }

    /** Progress lines to {@code sink} instead of the display (e.g. {@code System.err::println}). */
    public Experiment progressTo(Consumer<String> sink) {
        Objects.requireNonNull(sink, "progress sink is null");
        this.progress = Progress.lines(name, sink);
        return this;
    }

    Experiment observer(TrialObserver observer) {
        this.observer = observer;
        return this;
    }

    /** Roughly how long {@link #run()} takes, windows only (setup and ramp-up come on top). */
    public Duration estimatedDuration() {
        int counts = countsWithBaseline().size();
        var warm = warmupLength != null ? warmupLength : trialLength;
        return trialLength.multipliedBy((long) counts * trials).plus(warm.multipliedBy((long) counts * warmups));
    }

    /**
     * Runs the experiment on the calling thread and returns its result.
     *
     * @throws ExperimentInterruptedException if the thread is interrupted; all workers are joined first
     * @throws IllegalStateException          if the workload fails, or a trial counts no operation
     */
    public SpeedupResult run() {
        if (workload == null) {
            throw new IllegalStateException("no workload: call .workload(...) before run(), e.g. .workload(SerialFractionWork.of(0.1))");
        }
        var machine = Machine.detect();
        var counts = countsWithBaseline();
        var requested = Arrays.stream(threads).boxed().distinct().sorted().toList();
        boolean baselineAdded = !requested.contains(1);
        long usedSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        var warm = warmupLength != null ? warmupLength : trialLength;
        var settings = new SpeedupResult.Settings(requested, counts, baselineAdded, warmups, trials,
                trialLength.toMillis(), warm.toMillis(), usedSeed);
        var schedule = schedule(counts, warmups, trials, usedSeed);
        var startedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        var out = progress != null ? progress : Progress.display(name);
        String runId = String.valueOf(RUNS.incrementAndGet());

        var what = name.equals(workload.describe()) ? name + " [" + workload.kind() + "]"
                : name + " [" + workload.kind() + ": " + workload.describe() + "]";
        out.start(String.format(Locale.ROOT, "%s; threads %s%s; %d warm-up + %d trials per count, "
                        + "shuffled with seed %d; about %d s", what, counts,
                baselineAdded ? " (1 added as baseline)" : "", warmups, trials, usedSeed,
                Math.max(1, estimatedDuration().toSeconds())));

        var groups = new LinkedHashMap<Integer, WorkerGroup>();
        var measured = new ArrayList<SpeedupResult.Trial>();
        int done = 0;
        boolean failed = true;
        try {
            for (int c : counts) {
                groups.put(c, new WorkerGroup(runId, c));
            }
            int measuredIndex = 0;
            for (var step : schedule) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                long begin = System.nanoTime();
                var window = step.warmup() ? warm : trialLength;
                var counted = runOne(groups.get(step.threads()), window);
                long wall = System.nanoTime() - begin;
                done++;
                double rate = counted.total() * 1e9 / Math.max(1, counted.windowNanos());
                if (step.warmup()) {
                    out.step(done, schedule.size(), String.format(Locale.ROOT, "warm-up %d/%d: %s, %s ops/s (discarded)",
                            done, schedule.size(), Progress.threads(step.threads()), Progress.rate(rate)));
                    continue;
                }
                if (counted.total() == 0) {
                    throw new IllegalStateException("no operation was counted in a " + trialLength.toMillis()
                            + " ms trial at " + Progress.threads(step.threads()) + ": either one operation of '"
                            + workload.describe() + "' takes longer than the trial, or the workers got no CPU "
                            + "during it (an overloaded machine); raise trialLength(...)");
                }
                measured.add(new SpeedupResult.Trial(measuredIndex++, step.threads(), counted.total(),
                        counted.windowNanos(), wall - counted.windowNanos(),
                        Arrays.stream(counted.perWorker()).boxed().toList()));
                out.step(done, schedule.size(), String.format(Locale.ROOT, "trial %d/%d: %s, %s ops/s",
                        done, schedule.size(), Progress.threads(step.threads()), Progress.rate(rate)));
            }
            failed = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExperimentInterruptedException("experiment '" + name + "' interrupted after " + done + " of "
                    + schedule.size() + " trials; all worker threads were stopped and joined");
        } finally {
            var stuck = new ArrayList<String>();
            for (var g : groups.values()) {
                stuck.addAll(g.close(1_000));
            }
            if (!stuck.isEmpty()) {
                var msg = "workers did not stop within 1 s (the workload ignores interrupts): " + stuck;
                if (failed) {
                    System.err.println(msg);
                } else {
                    throw new IllegalStateException(msg);
                }
            }
        }
        var result = SpeedupResult.of(name, workload, settings, machine, startedAt, measured,
                notes(machine, counts, baselineAdded));
        out.finish(String.format(Locale.ROOT, "done: %d trials; best speedup %.2fx at %d threads (seed %d)",
                measured.size(), result.bestPoint().speedup(), result.bestPoint().threads(), usedSeed));
        return result;
    }

    private WorkerGroup.Counts runOne(WorkerGroup group, Duration window) throws InterruptedException {
        try {
            workload.setup(group.size());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("workload setup failed for " + group.size() + " threads: " + e, e);
        }
        try {
            return group.runTrial(workload, window.toNanos(), observer);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("a worker left the trial unexpectedly at " + group.size() + " threads", e);
        } finally {
            try {
                workload.teardown();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private List<Integer> countsWithBaseline() {
        var set = new TreeSet<Integer>();
        set.add(1);
        for (int c : threads) {
            set.add(c);
        }
        return List.copyOf(set);
    }

    private List<String> notes(Machine machine, List<Integer> counts, boolean baselineAdded) {
        var notes = new ArrayList<String>();
        if (baselineAdded) {
            notes.add("1 thread was added to the run: speedup needs the single-thread run of the same workload in this session");
        }
        double cpus = machine.effectiveCpus();
        int max = counts.get(counts.size() - 1);
        if (workload.kind() == Workload.Kind.CPU_BOUND && max > cpus) {
            notes.add(String.format(Locale.ROOT, "%d threads on %s CPU(s): CPU-bound speedup cannot exceed %s; "
                    + "points above that show time-sharing, not parallelism", max, fmt(cpus), fmt(cpus)));
        }
        if (workload.kind() == Workload.Kind.CPU_BOUND && cpus < 2) {
            notes.add("this machine has 1 CPU: a CPU-bound workload cannot speed up here; use a BLOCKING workload "
                    + "(e.g. RemoteCall) to see overlap");
        }
        if (trials < 3) {
            notes.add("fewer than 3 trials per count: the spread (min..max) says little");
        }
        return notes;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** One scheduled trial. */
    record Step(int threads, boolean warmup) {
    }

    /**
     * Warm-up rounds first (each round visits every count, in shuffled order), then all measured trials
     * shuffled together: a slow drift of the machine spreads over all counts instead of biasing one.
     */
    static List<Step> schedule(List<Integer> counts, int warmups, int trials, long seed) {
        var rnd = new Random(seed);
        var steps = new ArrayList<Step>();
        for (int r = 0; r < warmups; r++) {
            var round = new ArrayList<>(counts);
            Collections.shuffle(round, rnd);
            round.forEach(c -> steps.add(new Step(c, true)));
        }
        var measured = new ArrayList<Step>();
        for (int c : counts) {
            for (int t = 0; t < trials; t++) {
                measured.add(new Step(c, false));
            }
        }
        Collections.shuffle(measured, rnd);
        steps.addAll(measured);
        return steps;
    }

    private static Duration checkLength(Duration length, String what) {
        if (length == null || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + length + ": e.g. Duration.ofMillis(300)");
        }
        if (length.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(what + " of " + length + " is over 10 minutes: use a shorter window and more trials");
        }
        return length;
    }
}
