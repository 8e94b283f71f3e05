package org.workdistlab.grader.suites.workqueue;

import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.workdistlab.exercises.reference.workqueue.ReferenceWorkQueue;
import org.workdistlab.exercises.workqueue.WorkQueueFactory;
import org.workdistlab.exercises.workqueue.WorkerPool;
import org.workdistlab.grader.api.Measure;
import org.workdistlab.grader.api.Report;

/**
 * Skewed fork-join work: one submitted task spawns {@link #LEAVES} small tasks onto its own deque, so the other
 * workers only get work by stealing. The learner's pool and the reference pool run it alternately in the same JVM
 * ({@link Measure#alternating}); the ratio of medians is graded in bands. One shared queue
 * ({@link ThreadPoolExecutor}) is measured too, for the lesson, not for points.
 */
final class Throughput {

    static final int LEAVES = 40_000;
    /** Iterations of the leaf's arithmetic: about a microsecond of work, so the pool's overhead matters. */
    static final int WORK = 400;
    static final int WARMUPS = 2;
    static final int RUNS = 7;

    private Throughput() {
    }

    static void compare(WorkQueueFactory learnerFactory) throws Exception {
        int workers = Math.max(2, Measure.cores());
        long expected = expectedChecksum();
        var learnerThreads = new WatchedThreads("perf-learner");
        var referenceThreads = new WatchedThreads("perf-reference");
        WorkerPool learner = learnerFactory.createPool(
                org.workdistlab.exercises.workqueue.PoolConfig.of(workers).withThreadFactory(learnerThreads));
        WorkerPool reference = new ReferenceWorkQueue().createPool(
                org.workdistlab.exercises.workqueue.PoolConfig.of(workers).withThreadFactory(referenceThreads));
        var shared = new ThreadPoolExecutor(workers, workers, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                r -> {
                    var t = new Thread(r, "perf-shared-queue");
                    t.setDaemon(true);
                    return t;
                });
        try {
            var cmp = Measure.alternating(() -> runPool(learner, expected, "your pool"),
                    () -> runPool(reference, expected, "the reference pool"), WARMUPS, RUNS);
            var sharedRuns = new ArrayList<Long>();
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                runShared(shared, expected);
                sharedRuns.add(System.nanoTime() - t0);
            }
            sharedRuns.sort(null);
            double sharedMs = sharedRuns.get(sharedRuns.size() / 2) / 1e6;
            Report.measurement("one shared queue median ms", sharedMs);
            Report.note("one shared queue (ThreadPoolExecutor)", String.format(Locale.ROOT,
                    "%.1f k tasks/s", LEAVES / sharedMs));
            Report.performance(cmp, Measure.Bands.DEFAULT, "tasks/s", LEAVES, "your pool");
        } finally {
            learner.shutdownNow();
            reference.shutdownNow();
            shared.shutdownNow();
        }
    }

    private static void runPool(WorkerPool pool, long expected, String who) {
        var done = new CountDownLatch(LEAVES);
        var sum = new AtomicLong();
        pool.submit(ctx -> {
            for (int i = 0; i < LEAVES; i++) {
                int seed = i;
                ctx.spawn(c -> {
                    sum.addAndGet(work(seed));
                    done.countDown();
                });
            }
        });
        await(done, sum, expected, who);
    }

    private static void runShared(ThreadPoolExecutor shared, long expected) {
        var done = new CountDownLatch(LEAVES);
        var sum = new AtomicLong();
        shared.execute(() -> {
            for (int i = 0; i < LEAVES; i++) {
                int seed = i;
                shared.execute(() -> {
                    sum.addAndGet(work(seed));
                    done.countDown();
                });
            }
        });
        await(done, sum, expected, "one shared queue");
    }

    private static void await(CountDownLatch done, AtomicLong sum, long expected, String who) {
        try {
            if (!done.await(Await.LIMIT_MILLIS * 2, TimeUnit.MILLISECONDS)) {
                throw new AssertionError(who + ": " + done.getCount() + " of " + LEAVES + " spawned tasks did not run "
                        + "within 20 s; no speed is graded for work that does not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (sum.get() != expected) {
            throw new AssertionError(who + ": the " + LEAVES + " tasks' results add up to " + sum.get() + ", expected "
                    + expected + " (a task ran twice or not at all); no speed is graded for wrong results");
        }
    }

    static long work(int seed) {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < WORK; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x & 0xFFFF;
    }

    private static long expectedChecksum() {
        long s = 0;
        for (int i = 0; i < LEAVES; i++) {
            s += work(i);
        }
        return s;
    }

}
