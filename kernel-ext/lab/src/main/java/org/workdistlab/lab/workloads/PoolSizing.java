package org.workdistlab.lab.workloads;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.workdistlab.lab.harness.ExperimentInterruptedException;
import org.workdistlab.lab.harness.Progress;
import org.workdistlab.lab.harness.Stats;
import org.workdistlab.lab.harness.Workload;
import org.workdistlab.lab.machine.Machine;

/**
 * Throughput against the size of a real {@link ThreadPoolExecutor}, for CPU-bound or blocking tasks: a test
 * of the course's "2-3x cores for CPU-bound, 10-50x for I/O-bound" on this machine. Beside the measurement it
 * prints Goetz's estimate (Java Concurrency in Practice, §8.2)
 * {@code N_threads = N_cpu * U_cpu * (1 + W/C)}, with W/C measured from the task itself (FACT-CHECK row 9:
 * the 10-50x rule fits only W/C of about 9-49).
 *
 * <pre>{@code
 * PoolSizingResult cpu = PoolSizing.cpu().run();
 * PoolSizingResult io  = PoolSizing.blocking(Duration.ofMillis(2), 100_000).run();
 * io.goetzThreads();   // N_cpu * 1.0 * (1 + W/C)
 * }</pre>
 *
 * <p>How a trial works: a pool of k threads is created and its threads started before timing; 2k tasks
 * circulate (each re-submits itself when done, like 2k clients that never stop), so the pool never idles.
 * Once k tasks have finished, completions are counted for the trial length; then the pool is shut down
 * and its threads joined. Pool sizes run in a seeded shuffled order, several trials each.
 */
public final class PoolSizing {

    static final String THREAD_PREFIX = "wdl-lab-pool-";
    private static final int MEASURE = 1;
    private static final int STOP = 2;
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** Where trial sinks end up, so the JIT cannot drop the tasks' work. */
    static volatile long blackhole;

    /** One task: takes its private state and returns the next (the result of the work done). */
    @FunctionalInterface
    interface Task {
        long run(long state) throws InterruptedException;
    }

    private final String name;
    private final Workload.Kind kind;
    private final Task task;
    private int[] sizes = {1, 2, 4, 8, 16, 32, 64};
    private int trials = 3;
    private Duration trialLength = Duration.ofMillis(200);
    private Long seed;
    private Progress progress;

    PoolSizing(String name, Workload.Kind kind, Task task) {
        this.name = name;
        this.kind = kind;
        this.task = task;
    }

    /** CPU-bound tasks of {@link Coordination#DEFAULT_UNITS} units (about 10 µs), no waiting. */
    public static PoolSizing cpu() {
        return cpu(Coordination.DEFAULT_UNITS);
    }

    /** CPU-bound tasks of {@code units} xorshift steps each. */
    public static PoolSizing cpu(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("cpu units per task must be >= 1, was " + units);
        }
        return new PoolSizing("pool sizing, cpu-bound tasks (" + units + " units)", Workload.Kind.CPU_BOUND,
                s -> Spin.mix(s, units));
    }

    /** Blocking tasks: 2 ms of waiting and 100 000 units (about 0.2 ms) of CPU work, so W/C is about 10. */
    public static PoolSizing blocking() {
        return blocking(Duration.ofMillis(2), 100_000);
    }

    /** Blocking tasks: {@code cpuUnits} of CPU work, then a wait of {@code wait} (a simulated remote call). */
    public static PoolSizing blocking(Duration wait, int cpuUnits) {
        if (wait == null || wait.isNegative() || wait.isZero() || wait.toSeconds() > 10) {
            throw new IllegalArgumentException("wait must be between 0 and 10 s, was " + wait + ": e.g. Duration.ofMillis(2)");
        }
        if (cpuUnits < 0) {
            throw new IllegalArgumentException("cpu units must be >= 0, was " + cpuUnits);
        }
        long waitNanos = wait.toNanos();
        return new PoolSizing(String.format(Locale.ROOT, "pool sizing, blocking tasks (wait %.2f ms + %d cpu units)",
                waitNanos / 1e6, cpuUnits), Workload.Kind.BLOCKING, s -> {
                    long x = Spin.mix(s, cpuUnits);
                    RemoteCall.await(waitNanos);
                    return x;
                });
    }

    /**
     * Goetz's pool size: {@code cpus * utilization * (1 + waitOverCompute)} (JCIP §8.2). For purely
     * compute-bound tasks JCIP suggests {@code cpus + 1}, one spare for a thread stalled by a page fault.
     */
    public static double goetzThreads(double cpus, double utilization, double waitOverCompute) {
        if (!(cpus > 0)) {
            throw new IllegalArgumentException("cpus must be > 0, was " + cpus);
        }
        if (!(utilization > 0 && utilization <= 1)) {
            throw new IllegalArgumentException("target utilization must be in (0, 1], was " + utilization);
        }
        if (!(waitOverCompute >= 0) || Double.isInfinite(waitOverCompute)) {
            throw new IllegalArgumentException("W/C must be a finite number >= 0, was " + waitOverCompute);
        }
        return cpus * utilization * (1 + waitOverCompute);
    }

    /** Pool sizes to measure (default 1, 2, 4, 8, 16, 32, 64). */
    public PoolSizing sizes(int... poolSizes) {
        if (poolSizes == null || poolSizes.length == 0) {
            throw new IllegalArgumentException("sizes(...) is empty: pass pool sizes such as sizes(1, 2, 4, 8, 16)");
        }
        for (int s : poolSizes) {
            if (s < 1 || s > 1024) {
                throw new IllegalArgumentException("pool size " + s + " is out of range: use 1..1024");
            }
        }
        this.sizes = Arrays.stream(poolSizes).distinct().sorted().toArray();
        return this;
    }

    /** Trials per pool size (default 3). */
    public PoolSizing trials(int perSize) {
        if (perSize < 1 || perSize > 100) {
            throw new IllegalArgumentException("trials(" + perSize + ") is out of range: use 1..100");
        }
        this.trials = perSize;
        return this;
    }

    /** Counting window per trial (default 200 ms). */
    public PoolSizing trialLength(Duration length) {
        if (length == null || length.isNegative() || length.isZero() || length.toMinutes() > 10) {
            throw new IllegalArgumentException("trialLength must be between 0 and 10 minutes, was " + length);
        }
        this.trialLength = length;
        return this;
    }

    /** Seed of the shuffled order of pool sizes (default random, printed). */
    public PoolSizing seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** No progress lines. */
    public PoolSizing quiet() {
        this.progress = Progress.silent();
        return this;
    }

    /**
     * Measures W and C of one task on one thread, then throughput at every pool size.
     *
     * @throws ExperimentInterruptedException when interrupted; the current pool is shut down and joined first
     */
    public PoolSizingResult run() {
        var machine = Machine.detect();
        long usedSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        var order = new ArrayList<Integer>();
        for (int s : sizes) {
            for (int t = 0; t < trials; t++) {
                order.add(s);
            }
        }
        Collections.shuffle(order, new Random(usedSeed));
        var out = progress != null ? progress : Progress.display(name);
        out.start(String.format(Locale.ROOT, "%s: sizes %s, %d trials x %d ms each, shuffled with seed %d",
                name, Arrays.toString(sizes), trials, trialLength.toMillis(), usedSeed));
        try {
            var calibration = calibrate();
            var rates = new ArrayList<double[]>();
            for (int s : sizes) {
                rates.add(new double[0]);
            }
            int done = 0;
            for (int size : order) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                double rate = trial(size);
                int idx = Arrays.binarySearch(sizes, size);
                var old = rates.get(idx);
                var grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = rate;
                rates.set(idx, grown);
                done++;
                out.step(done, order.size(), String.format(Locale.ROOT, "trial %d/%d: pool of %d, %s tasks/s", done,
                        order.size(), size, Progress.rate(rate)));
            }
            var points = new ArrayList<PoolSizingResult.Point>();
            for (int i = 0; i < sizes.length; i++) {
                var r = rates.get(i);
                points.add(new PoolSizingResult.Point(sizes[i], r.length, Stats.median(r), Stats.min(r), Stats.max(r)));
            }
            var result = new PoolSizingResult(name, kind, machine, usedSeed, trials, trialLength.toMillis(),
                    calibration[0], calibration[1], points);
            out.finish(String.format(Locale.ROOT, "done: best at %d threads; Goetz estimate %.1f (seed %d)",
                    result.best().poolSize(), result.goetzThreads(), usedSeed));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExperimentInterruptedException("pool sizing '" + name + "' interrupted; its pool was shut down and joined");
        }
    }

    /** {compute ns, wait ns} per task, measured on one fresh thread for about 100 ms after a short warm-up. */
    private double[] calibrate() throws InterruptedException {
        var out = new double[2];
        var failure = new Throwable[1];
        var t = new Thread(() -> {
            var mx = ManagementFactory.getThreadMXBean();
            boolean cpuTime = mx.isCurrentThreadCpuTimeSupported();
            try {
                long state = Spin.seed(0);
                long warmEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
                while (System.nanoTime() < warmEnd) {
                    state = task.run(state);
                }
                long cpu0 = cpuTime ? mx.getCurrentThreadCpuTime() : 0;
                long wall0 = System.nanoTime();
                long end = wall0 + TimeUnit.MILLISECONDS.toNanos(100);
                int n = 0;
                do {
                    state = task.run(state);
                    n++;
                } while (System.nanoTime() < end);
                long wall = System.nanoTime() - wall0;
                long cpu = cpuTime ? mx.getCurrentThreadCpuTime() - cpu0 : wall;
                out[0] = (double) Math.min(cpu, wall) / n;
                out[1] = (double) Math.max(0, wall - cpu) / n;
                blackhole ^= state;
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, THREAD_PREFIX + "calibrate");
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            t.interrupt();
            t.join(1_000);
            throw e;
        }
        if (failure[0] instanceof InterruptedException ie) {
            throw ie;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("task failed while measuring W/C: " + failure[0], failure[0]);
        }
        return out;
    }

    /** One trial at one pool size: tasks completed per second while the pool was saturated. */
    double trial(int size) throws InterruptedException {
        int run = RUNS.incrementAndGet();
        var threadNo = new AtomicInteger();
        ThreadFactory factory = r -> {
            var th = new Thread(r, THREAD_PREFIX + run + "-" + size + "x-" + threadNo.getAndIncrement());
            th.setDaemon(true);
            return th;
        };
        var pool = new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), factory,
                new ThreadPoolExecutor.DiscardPolicy());
        pool.prestartAllCoreThreads();
        var state = new TrialState(pool, size);
        try {
            var clients = new ArrayList<Client>();
            for (int i = 0; i < 2 * size; i++) {
                clients.add(new Client(state, task, Spin.seed(i)));
            }
            clients.forEach(pool::execute);
            state.rampedUp.await();
            long t0 = System.nanoTime();
            state.phase = MEASURE;
            TimeUnit.NANOSECONDS.sleep(trialLength.toNanos());
            state.phase = STOP;
            long window = System.nanoTime() - t0;
            if (state.failure != null) {
                throw new IllegalStateException("a task failed in a pool of " + size + ": " + state.failure, state.failure);
            }
            long sink = 0;
            for (var c : clients) {
                sink ^= c.state;
            }
            blackhole ^= sink;
            return state.counted.sum() * 1e9 / window;
        } finally {
            state.phase = STOP;
            pool.shutdownNow();
            boolean wasInterrupted = Thread.interrupted();
            try {
                if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                    System.err.println("pool of " + size + " did not stop within 2 s (a task ignores interrupts)");
                }
            } catch (InterruptedException e) {
                wasInterrupted = true;
            } finally {
                if (wasInterrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static final class TrialState {
        final ThreadPoolExecutor pool;
        final LongAdder counted = new LongAdder();
        final CountDownLatch rampedUp;
        volatile int phase;
        volatile Throwable failure;

        TrialState(ThreadPoolExecutor pool, int size) {
            this.pool = pool;
            this.rampedUp = new CountDownLatch(size);
        }
    }

    /** A task that re-submits itself until the trial stops: one of 2k clients that keep the pool busy. */
    private static final class Client implements Runnable {
        private final TrialState trial;
        private final Task task;
        long state;

        Client(TrialState trial, Task task, long state) {
            this.trial = trial;
            this.task = task;
            this.state = state;
        }

        @Override
        public void run() {
            int p = trial.phase;
            if (p == STOP) {
                return;
            }
            try {
                state = task.run(state);
            } catch (InterruptedException e) {
                return; // the pool is shutting down
            } catch (Throwable t) {
                trial.failure = t;
                trial.rampedUp.countDown();
                return;
            }
            trial.rampedUp.countDown();
            if (p == MEASURE) {
                trial.counted.increment();
            }
            trial.pool.execute(this);
        }
    }
}
