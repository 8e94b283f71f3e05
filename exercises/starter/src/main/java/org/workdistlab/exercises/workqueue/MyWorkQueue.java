package org.workdistlab.exercises.workqueue;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Your work queue. This public class is the factory the grader creates; each part is a nested class you fill
 * in, in any order (each part is graded on its own). Read the contracts first: {@link WorkStealingDeque},
 * {@link AgingPriorityQueue}, {@link RetryPolicy} and {@link WorkerPool} list every rule the grader checks.
 *
 * <p>Grade it with {@code ./lab grade workqueue path/to/MyWorkQueue.java}.
 */
public class MyWorkQueue implements WorkQueueFactory {

    @Override
    public <T> WorkStealingDeque<T> createDeque() {
        return new Deque<>();
    }

    @Override
    public <T> AgingPriorityQueue<T> createPriorityQueue(AgingPolicy policy) {
        return new PriorityQueueWithAging<>(policy);
    }

    @Override
    public RetryPolicy createRetryPolicy(Backoff backoff, RandomSource random) {
        return new Retry(backoff, random);
    }

    @Override
    public WorkerPool createPool(PoolConfig config) {
        return new Pool(config);
    }

    /** Part 1. Start with a lock around an array deque; make it lock-free (Chase–Lev) once the checks pass. */
    static final class Deque<T> implements WorkStealingDeque<T> {

        @Override
        public void push(T task) {
            throw new UnsupportedOperationException("TODO: add the task at the owner's end (the bottom)");
        }

        @Override
        public T pop() {
            throw new UnsupportedOperationException("TODO: owner takes the NEWEST task (bottom, LIFO); "
                    + "null when empty");
        }

        @Override
        public T steal() {
            throw new UnsupportedOperationException("TODO: a thief takes the OLDEST task (top, the opposite end); "
                    + "null only when really empty, never because it lost a race");
        }

        @Override
        public int size() {
            throw new UnsupportedOperationException("TODO: how many tasks are in the deque (never negative)");
        }
    }

    /** Part 2. */
    static final class PriorityQueueWithAging<T> implements AgingPriorityQueue<T> {

        PriorityQueueWithAging(AgingPolicy policy) {
            // TODO: keep policy.dispatchesPerLevel()
        }

        @Override
        public void offer(T item, int priority) {
            throw new UnsupportedOperationException("TODO: remember the item, its priority and how many dispatches "
                    + "had happened when it arrived (all items age at the same rate: what key stays fixed?)");
        }

        @Override
        public T poll() {
            throw new UnsupportedOperationException("TODO: return the highest priority + wait/dispatchesPerLevel, "
                    + "first offered on ties, and count one dispatch");
        }

        @Override
        public int size() {
            throw new UnsupportedOperationException("TODO: items waiting");
        }
    }

    /** Part 3. */
    static final class Retry implements RetryPolicy {

        Retry(Backoff backoff, RandomSource random) {
            // TODO: keep both
        }

        @Override
        public RetryDecision onFailure(int failedAttempts) {
            throw new UnsupportedOperationException("TODO: GIVE_UP once failedAttempts reaches maxAttempts; "
                    + "otherwise Retry(u * min(cap, base * 2^(failedAttempts-1))) with u = random.nextDouble() "
                    + "(full jitter: never negative, never above the cap; Backoff.ceiling does the min for you)");
        }
    }

    /** Part 4. */
    static final class Pool implements WorkerPool {

        Pool(PoolConfig config) {
            // TODO: create config.workers() threads with config.threadFactory(), each with its own deque, and
            // start them; idle workers block (no timeout) until one is woken for new work.
        }

        @Override
        public void submit(WorkTask task, int priority) {
            throw new UnsupportedOperationException("TODO: reject after shutdown; put the task in the aging "
                    + "submission queue; wake ONE idle worker (signal, not signalAll)");
        }

        @Override
        public void shutdown() {
            throw new UnsupportedOperationException("TODO: stop accepting; workers leave only once every accepted "
                    + "task (queued, spawned, waiting for a retry) has finished");
        }

        @Override
        public List<WorkTask> shutdownNow() {
            throw new UnsupportedOperationException("TODO: stop; return every task that was waiting (queue, "
                    + "deques, retries on the clock: cancel their timers), each once");
        }

        @Override
        public boolean isShutdown() {
            throw new UnsupportedOperationException("TODO: shutdown or shutdownNow was called");
        }

        @Override
        public boolean isTerminated() {
            throw new UnsupportedOperationException("TODO: shut down and every worker has left its loop");
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            throw new UnsupportedOperationException("TODO: wait (e.g. a CountDownLatch) until terminated or the "
                    + "timeout passed");
        }
    }
}
