package org.workdistlab.exercises.workqueue;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.workdistlab.exercises.time.Clock;

/**
 * Everything a {@link WorkerPool} is built from. The pool must use these, and only these, for what they cover:
 * the grader passes its own thread factory (to watch the workers), a virtual clock (to drive backoff delays)
 * and a recording retry policy (to check the pool asks it after every failure).
 *
 * @param workers           number of worker threads, at least 1
 * @param threadFactory     creates every worker thread, exactly {@code workers} of them unless a worker is
 *                          replaced after an {@link Error}
 * @param clock             the only source of time; backoff delays are waited with {@link Clock#schedule}
 * @param retryPolicy       asked once after every failed attempt
 * @param aging             aging of the submission queue (an {@link AgingPriorityQueue})
 * @param deadLetterHandler receives the tasks the retry policy gave up on
 */
public record PoolConfig(int workers, ThreadFactory threadFactory, Clock clock, RetryPolicy retryPolicy,
                         AgingPolicy aging, DeadLetterHandler deadLetterHandler) {

    public PoolConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        Objects.requireNonNull(threadFactory, "threadFactory");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(aging, "aging");
        Objects.requireNonNull(deadLetterHandler, "deadLetterHandler");
    }

    /**
     * {@code workers} workers from the default thread factory, the system clock, no retries (every failure
     * goes straight to the dead-letter handler, which ignores it), and aging by one level per 16 dispatches.
     */
    public static PoolConfig of(int workers) {
        return new PoolConfig(workers, Executors.defaultThreadFactory(), Clock.system(),
                failed -> RetryDecision.GIVE_UP, new AgingPolicy(16), DeadLetterHandler.ignore());
    }

    public PoolConfig withThreadFactory(ThreadFactory f) {
        return new PoolConfig(workers, f, clock, retryPolicy, aging, deadLetterHandler);
    }

    public PoolConfig withClock(Clock c) {
        return new PoolConfig(workers, threadFactory, c, retryPolicy, aging, deadLetterHandler);
    }

    public PoolConfig withRetryPolicy(RetryPolicy p) {
        return new PoolConfig(workers, threadFactory, clock, p, aging, deadLetterHandler);
    }

    public PoolConfig withAging(AgingPolicy a) {
        return new PoolConfig(workers, threadFactory, clock, retryPolicy, a, deadLetterHandler);
    }

    public PoolConfig withDeadLetterHandler(DeadLetterHandler h) {
        return new PoolConfig(workers, threadFactory, clock, retryPolicy, aging, h);
    }
}
