package org.workdistlab.grader.suites.workqueue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.workdistlab.exercises.time.VirtualClock;
import org.workdistlab.exercises.workqueue.AgingPolicy;
import org.workdistlab.exercises.workqueue.DeadLetter;
import org.workdistlab.exercises.workqueue.PoolConfig;
import org.workdistlab.exercises.workqueue.RetryDecision;
import org.workdistlab.exercises.workqueue.RetryPolicy;
import org.workdistlab.exercises.workqueue.WorkQueueFactory;
import org.workdistlab.exercises.workqueue.WorkerPool;

/**
 * A learner's pool wired to the grader's instruments: watched worker threads, a virtual clock, a retry policy
 * that records every call and answers predictably ({@code Retry(k * step)} after failure {@code k}, give up at
 * {@code maxAttempts}), and a dead-letter handler that records every letter. Closing it stops the pool whatever
 * state it is in.
 */
final class PoolFixture implements AutoCloseable {

    final WatchedThreads threads;
    final VirtualClock clock = new VirtualClock();
    final List<Integer> policyCalls = new CopyOnWriteArrayList<>();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    final int workers;
    final WorkerPool pool;

    PoolFixture(WorkQueueFactory factory, String name, int workers, int maxAttempts, Duration step, int agingLevel) {
        this.workers = workers;
        this.threads = new WatchedThreads(name);
        RetryPolicy policy = failed -> {
            policyCalls.add(failed);
            return failed >= maxAttempts ? RetryDecision.GIVE_UP : new RetryDecision.Retry(step.multipliedBy(failed));
        };
        var config = new PoolConfig(workers, threads, clock, policy, new AgingPolicy(agingLevel), deadLetters::add);
        this.pool = factory.createPool(config);
    }

    /** A pool that never retries (every failure is a dead letter). */
    static PoolFixture simple(WorkQueueFactory factory, String name, int workers) {
        return new PoolFixture(factory, name, workers, 1, Duration.ofMillis(100), 16);
    }

    /** Moves the virtual clock in {@code step}s until {@code condition} holds (liveness guard included). */
    void driveClockUntil(Duration step, java.util.function.BooleanSupplier condition, Supplier<String> what)
            throws InterruptedException {
        Await.until(() -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (clock.pendingTasks() > 0) {
                clock.advance(step);
            }
            return condition.getAsBoolean();
        }, () -> what.get() + "; virtual clock at " + clock.nanoTime() / 1_000_000 + " ms, " + clock.pendingTasks()
                + " timer(s) pending, retry policy called with " + policyCalls);
    }

    @Override
    public void close() {
        try {
            pool.shutdownNow();
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error ignored) {
            // The check already has its verdict; an unfinished pool must not change it. Its daemon threads die
            // with the grading JVM.
        }
    }
}
