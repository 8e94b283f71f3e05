package org.workdistlab.lab.simulations;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.knowm.xchart.CategoryChart;
import org.workdistlab.lab.charts.Charts;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Specter 5, deadlock, with REAL threads and locks on this JVM (the "distributed" part is played by three
 * threads that each need two of three locks, as three services would each need two of three rows).
 *
 * <h2>Step 1: the trap</h2>
 * {@code worker-A} takes lock-1 then lock-2, {@code worker-B} lock-2 then lock-3, {@code worker-C} lock-3 then
 * lock-1. A latch makes every worker hold its first lock before any asks for its second, so the cycle forms
 * on every run, not by luck. {@link ThreadMXBean#findDeadlockedThreads()} (which covers
 * {@link ReentrantLock}s, unlike {@code findMonitorDeadlockedThreads}) finds it, and the wait-for graph is
 * reported in words. The workers wait with {@link ReentrantLock#lockInterruptibly()}, so the run breaks the
 * cycle as a deadlock detector would: it aborts one victim (interrupts worker-A), which releases lock-1; the
 * others then get their second lock and finish. The run joins every thread before it returns.
 *
 * <h2>Step 2: fix (a), one global lock order</h2>
 * Every worker takes its two locks in ascending lock number (worker-C takes lock-1 before lock-3). A cycle
 * needs someone to wait for a lower lock while holding a higher one, so none can form. No retries needed.
 *
 * <h2>Step 3: fix (b), timed tryLock with random backoff</h2>
 * Workers keep the cyclic order but wait at most {@code tryLockTimeout} for the second lock; on timeout they
 * release the first, sleep a random backoff (full jitter, seeded per worker) and retry. The first round is
 * forced into the cycle with the same latch, so at least one retry always happens. This is timeout+abort: it
 * breaks deadlocks but can livelock without the random backoff, and retry counts vary from run to run
 * because thread scheduling does.
 *
 * <pre>{@code
 * DistributedDeadlock.simulate();    // trap, detection, both fixes; leaves no thread behind
 * }</pre>
 */
public final class DistributedDeadlock {

    /** Rounds (two-lock critical sections) each worker completes in the fixes. */
    public static final int DEFAULT_ROUNDS = 200;
    /** How long a worker waits for its second lock in fix (b). */
    public static final long DEFAULT_TRY_LOCK_TIMEOUT_MS = 20;
    /** Seed of the backoff jitter (scheduling is not seeded, so retry counts still vary). */
    public static final long DEFAULT_SEED = 42L;
    /** Give up waiting for the latch-forced cycle after this long (a loaded machine is slow, not wrong). */
    static final long DETECTION_LIMIT_MS = 60_000;

    static final String[] WORKERS = {"worker-A", "worker-B", "worker-C"};
    /** Lock numbers (1-based) each worker takes, first then second: the cycle of the course. */
    static final int[][] CYCLE = {{1, 2}, {2, 3}, {3, 1}};

    private final int rounds;
    private final long tryLockTimeoutMs;
    private final long seed;

    private DistributedDeadlock(int rounds, long tryLockTimeoutMs, long seed) {
        Samples.require(rounds >= 1, "rounds must be >= 1, was " + rounds);
        Samples.require(tryLockTimeoutMs >= 1, "tryLockTimeoutMs must be >= 1, was " + tryLockTimeoutMs);
        this.rounds = rounds;
        this.tryLockTimeoutMs = tryLockTimeoutMs;
        this.seed = seed;
    }

    public static DistributedDeadlock configure() {
        return new DistributedDeadlock(DEFAULT_ROUNDS, DEFAULT_TRY_LOCK_TIMEOUT_MS, DEFAULT_SEED);
    }

    /** Prints this sample with its defaults: {@code java ... DistributedDeadlock}. */
    public static void main(String[] args) {
        System.out.println(simulate());
    }

    /** The trap, its detection, and both fixes, with the defaults. */
    public static Result simulate() {
        return configure().run();
    }

    public DistributedDeadlock rounds(int value) {
        return new DistributedDeadlock(value, tryLockTimeoutMs, seed);
    }

    public DistributedDeadlock tryLockTimeoutMs(long value) {
        return new DistributedDeadlock(rounds, value, seed);
    }

    public DistributedDeadlock seed(long value) {
        return new DistributedDeadlock(rounds, tryLockTimeoutMs, value);
    }

    /** A lock that knows its name and can say who owns it (ReentrantLock keeps getOwner protected). */
    static final class NamedLock extends ReentrantLock {
        final String name;

        NamedLock(String name) {
            this.name = name;
        }

        Thread owner() {
            return getOwner();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static NamedLock[] newLocks() {
        return new NamedLock[] {new NamedLock("lock-1"), new NamedLock("lock-2"), new NamedLock("lock-3")};
    }

    /** Runs the three steps; throws if a step could not finish, after cleaning up its threads. */
    public Result run() {
        Detection detection = trap();
        Fix ordered = globalLockOrder();
        Fix backoff = tryLockWithBackoff();
        return new Result(seed, detection, List.of(ordered, backoff));
    }

    /**
     * What {@code findDeadlockedThreads} reported: the deadlocked thread names, and one sentence per thread
     * ("worker-A holds lock-1 and waits for lock-2, held by worker-B").
     */
    public record Detection(List<String> deadlockedThreads, List<String> cycle, String victim,
                            int finishedAfterAbort, int threadsLeftAlive) {
    }

    /**
     * One fix: rounds each worker was asked for, rounds completed and retries (timeouts that forced a back-off)
     * per worker (A, B, C), and threads still alive after the join.
     */
    public record Fix(String name, int roundsPerWorker, long[] completedByWorker, long[] retriesByWorker,
                      int threadsLeftAlive) {

        public long roundsCompleted() {
            return Arrays.stream(completedByWorker).sum();
        }

        public long retries() {
            return Arrays.stream(retriesByWorker).sum();
        }
    }

    // ---- Step 1 -----------------------------------------------------------------------------------------

    Detection trap() {
        NamedLock[] locks = newLocks();
        var allHoldFirst = new CountDownLatch(WORKERS.length);
        List<Thread> threads = new ArrayList<>();
        int[] finished = new int[1];
        for (int w = 0; w < WORKERS.length; w++) {
            NamedLock first = locks[CYCLE[w][0] - 1];
            NamedLock second = locks[CYCLE[w][1] - 1];
            Thread t = new Thread(() -> {
                first.lock();
                try {
                    allHoldFirst.countDown();
                    allHoldFirst.await();
                    second.lockInterruptibly();
                    second.unlock();
                    synchronized (finished) {
                        finished[0]++;
                    }
                } catch (InterruptedException e) {
                    // Aborted as the victim: the finally releases the first lock, which breaks the cycle.
                } finally {
                    first.unlock();
                }
            }, WORKERS[w]);
            t.setDaemon(true);
            threads.add(t);
        }
        try {
            threads.forEach(Thread::start);
            List<String> cycle = awaitCycle(threads, locks);
            List<String> names = threads.stream().map(Thread::getName).toList();
            Thread victim = threads.get(0);
            victim.interrupt();
            joinAll(threads);
            int done;
            synchronized (finished) {
                done = finished[0];
            }
            return new Detection(names, cycle, victim.getName(), done,
                    (int) threads.stream().filter(Thread::isAlive).count());
        } catch (RuntimeException | Error e) {
            threads.forEach(Thread::interrupt);
            joinAll(threads);
            throw e;
        }
    }

    /** Polls the MXBean until it reports all three workers; a bounded wait, not a timing assertion. */
    private static List<String> awaitCycle(List<Thread> threads, NamedLock[] locks) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DETECTION_LIMIT_MS);
        Map<Long, Thread> ours = new HashMap<>();
        threads.forEach(t -> ours.put(t.getId(), t));
        while (true) {
            long[] ids = mx.findDeadlockedThreads();
            if (ids != null && Arrays.stream(ids).filter(ours::containsKey).count() == threads.size()) {
                return describe(mx.getThreadInfo(ids, false, true), ours, locks);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the forced lock cycle was not reported by findDeadlockedThreads"
                        + " within " + DETECTION_LIMIT_MS + " ms; is the machine suspended or overloaded?");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the deadlock to form", e);
            }
        }
    }

    /**
     * Turns the MXBean's thread infos into sentences. The MXBean names a lock by its synchronizer's class and
     * identity hash; we learn which NamedLock that is from the one lock each deadlocked worker holds.
     */
    private static List<String> describe(ThreadInfo[] infos, Map<Long, Thread> ours, NamedLock[] locks) {
        Map<Integer, String> lockName = new HashMap<>();
        for (ThreadInfo info : infos) {
            for (LockInfo held : info.getLockedSynchronizers()) {
                for (NamedLock l : locks) {
                    if (l.owner() != null && l.owner().getId() == info.getThreadId()) {
                        lockName.put(held.getIdentityHashCode(), l.name);
                    }
                }
            }
        }
        List<String> sentences = new ArrayList<>();
        for (String worker : WORKERS) {
            for (ThreadInfo info : infos) {
                if (info.getThreadName().equals(worker) && ours.containsKey(info.getThreadId())) {
                    String holds = Arrays.stream(info.getLockedSynchronizers())
                            .map(li -> lockName.getOrDefault(li.getIdentityHashCode(), li.toString()))
                            .reduce((a, b) -> a + ", " + b).orElse("nothing");
                    String waits = info.getLockInfo() == null ? "nothing"
                            : lockName.getOrDefault(info.getLockInfo().getIdentityHashCode(),
                            info.getLockInfo().toString());
                    sentences.add(worker + " holds " + holds + " and waits for " + waits + ", held by "
                            + info.getLockOwnerName());
                }
            }
        }
        return List.copyOf(sentences);
    }

    /** Joins every thread; one still alive after a second is interrupted again, so none is left behind. */
    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(1));
                    if (t.isAlive()) {
                        t.interrupt();
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    threads.forEach(Thread::interrupt);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- Step 2 -----------------------------------------------------------------------------------------

    Fix globalLockOrder() {
        NamedLock[] locks = newLocks();
        var completed = new AtomicLongArray(WORKERS.length);
        var start = new CyclicBarrier(WORKERS.length);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int w = 0; w < WORKERS.length; w++) {
            int a = Math.min(CYCLE[w][0], CYCLE[w][1]);
            int b = Math.max(CYCLE[w][0], CYCLE[w][1]);
            NamedLock low = locks[a - 1];
            NamedLock high = locks[b - 1];
            int me = w;
            threads.add(worker(WORKERS[w] + "-ordered", failures, () -> {
                start.await();
                for (int r = 0; r < rounds; r++) {
                    low.lockInterruptibly();
                    try {
                        high.lockInterruptibly();
                        try {
                            completed.incrementAndGet(me);
                        } finally {
                            high.unlock();
                        }
                    } finally {
                        low.unlock();
                    }
                }
            }));
        }
        return finish("global lock order", threads, failures, completed, new AtomicLongArray(WORKERS.length));
    }

    // ---- Step 3 -----------------------------------------------------------------------------------------

    Fix tryLockWithBackoff() {
        NamedLock[] locks = newLocks();
        var completed = new AtomicLongArray(WORKERS.length);
        var retries = new AtomicLongArray(WORKERS.length);
        var firstRoundHoldsFirst = new CountDownLatch(WORKERS.length);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int w = 0; w < WORKERS.length; w++) {
            NamedLock first = locks[CYCLE[w][0] - 1];
            NamedLock second = locks[CYCLE[w][1] - 1];
            Random jitter = new Random(seed * 31 + w);
            int me = w;
            threads.add(worker(WORKERS[w] + "-backoff", failures, () -> {
                for (int r = 0; r < rounds; r++) {
                    int attempt = 0;
                    while (true) {
                        first.lockInterruptibly();
                        boolean done = false;
                        try {
                            if (r == 0 && attempt == 0) {
                                firstRoundHoldsFirst.countDown();
                                firstRoundHoldsFirst.await();
                            }
                            if (second.tryLock(tryLockTimeoutMs, TimeUnit.MILLISECONDS)) {
                                try {
                                    completed.incrementAndGet(me);
                                    done = true;
                                } finally {
                                    second.unlock();
                                }
                            }
                        } finally {
                            first.unlock();
                        }
                        if (done) {
                            break;
                        }
                        retries.incrementAndGet(me);
                        // Full jitter: random(0, min(cap, base * 2^attempt)) ms, so the three do not retry in step.
                        long ceiling = Math.min(64, 1L << Math.min(attempt, 6));
                        Thread.sleep((long) (jitter.nextDouble() * (ceiling + 1)));
                        attempt++;
                    }
                }
            }));
        }
        return finish("timed tryLock + random backoff", threads, failures, completed, retries);
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private static Thread worker(String name, List<Throwable> failures, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                synchronized (failures) {
                    failures.add(e);
                }
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private Fix finish(String name, List<Thread> threads, List<Throwable> failures, AtomicLongArray completed,
                       AtomicLongArray retries) {
        threads.forEach(Thread::start);
        joinAll(threads);
        if (!failures.isEmpty()) {
            var e = new IllegalStateException("fix '" + name + "' failed in a worker: " + failures.get(0));
            failures.forEach(e::addSuppressed);
            throw e;
        }
        long[] done = new long[WORKERS.length];
        long[] retried = new long[WORKERS.length];
        for (int w = 0; w < WORKERS.length; w++) {
            done[w] = completed.get(w);
            retried[w] = retries.get(w);
        }
        return new Fix(name, rounds, done, retried, (int) threads.stream().filter(Thread::isAlive).count());
    }

    public record Result(long seed, Detection detection, List<Fix> fixes) {

        /** One row per step: the trap (rounds finished after the victim was aborted) and each fix. */
        public Table table() {
            var t = Table.create("Deadlock: trap and fixes (real threads)", StringColumn.create("step"),
                    IntColumn.create("workers"), LongColumn.create("rounds completed"),
                    LongColumn.create("retries"), BooleanColumn.create("deadlock detected"),
                    IntColumn.create("threads left alive"));
            t.stringColumn(0).append("cyclic order (trap, " + detection.victim() + " aborted)");
            t.intColumn(1).append(detection.deadlockedThreads().size());
            t.longColumn(2).append(detection.finishedAfterAbort());
            t.longColumn(3).append(0);
            t.booleanColumn(4).append(!detection.cycle().isEmpty());
            t.intColumn(5).append(detection.threadsLeftAlive());
            for (Fix f : fixes) {
                t.stringColumn(0).append(f.name());
                t.intColumn(1).append(f.completedByWorker().length);
                t.longColumn(2).append(f.roundsCompleted());
                t.longColumn(3).append(f.retries());
                t.booleanColumn(4).append(false);
                t.intColumn(5).append(f.threadsLeftAlive());
            }
            return t;
        }

        /** Rounds completed per worker (0 = A, 1 = B, 2 = C) in each step: the trap completes none. */
        public CategoryChart chart() {
            Map<String, long[]> load = new LinkedHashMap<>();
            load.put("cyclic order (trap, before the abort)", new long[WORKERS.length]);
            for (Fix f : fixes) {
                load.put(f.name() + " (" + f.retries() + " retries)", f.completedByWorker());
            }
            return Charts.perWorkerLoad("Deadlock: rounds completed per worker",
                    "real threads; workers 0, 1, 2 = A, B, C; retries depend on scheduling", load);
        }

        @Override
        public String toString() {
            return "Deadlock - REAL threads and ReentrantLocks, backoff seed " + seed + "\n"
                    + "Detected by ThreadMXBean.findDeadlockedThreads:\n  "
                    + String.join("\n  ", detection.cycle()) + "\n"
                    + "Broken by aborting " + detection.victim() + " (interrupt; it waits with lockInterruptibly);"
                    + " then " + detection.finishedAfterAbort() + " workers got their second lock and finished.\n"
                    + table().print() + "\n"
                    + "Retries vary between runs: they depend on thread scheduling, not only on the seed.";
        }
    }
}
